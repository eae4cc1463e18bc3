/** AND-ed conditions of one query and their positional parameters ($1, $2, …). */
export class SqlConditions {
  readonly params: unknown[] = [];
  private readonly parts: string[] = [];

  /** Registers a value and returns its positional parameter ($1, $2, ...). */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  add(condition: string): this {
    this.parts.push(condition);
    return this;
  }

  sql(): string {
    return this.parts.length > 0 ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}

/** A value matched literally by LIKE: its own wildcards and backslashes are escaped. */
export const likeEscape = (value: string): string =>
  value.replace(/[\\%_]/g, (char) => `\\${char}`);

/** A LIKE pattern for "starts with". */
export const likePrefix = (prefix: string): string => `${likeEscape(prefix)}%`;
