import { Matches, MaxLength, IsOptional } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { invalid } from 'src/common/validation/validation-failed.error';
import { PaginationQueryDto } from './pagination';

/** A cursor's values: the sort key(s) as the list prints them, then the row's id. */
export type CursorKey = (string | null)[];

/** What each value of a cursor must be, checked before it reaches SQL (a forged one is a 422). */
export type CursorPart = 'timestamp' | 'date' | 'integer' | 'text' | 'uuid';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function fits(part: CursorPart, value: string): boolean {
  switch (part) {
    case 'uuid':
      return UUID.test(value);
    case 'integer':
      return /^-?\d{1,10}$/.test(value) && Math.abs(Number(value)) <= 2_147_483_647;
    case 'text':
      return value.length <= 200 && !value.includes('\u0000');
    // PostgreSQL has no year 0: a cursor never holds one.
    case 'date':
      return (
        /^\d{4}-\d{2}-\d{2}$/.test(value) &&
        !value.startsWith('0000') &&
        sameInstant(`${value}T00:00:00.000Z`, value)
      );
    case 'timestamp':
      return (
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(value) &&
        !value.startsWith('0000') &&
        sameInstant(`${value.slice(0, 23)}Z`, value.slice(0, 23))
      );
  }
}

/** Whether a date or instant is a real one (no 31 February), as JavaScript reads it back. */
function sameInstant(iso: string, prefix: string): boolean {
  const time = Date.parse(iso);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(prefix);
}

/** An instant as cursors print it: UTC, microseconds (what PostgreSQL keeps). */
export const cursorTimestampSql = (column: string): string =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * `?skip=&limit=` and the opt-in keyset `after=`: the cursor a full page gave in X-Next-Cursor.
 * Reading by keyset costs the same at any depth; skip stays for the first version's contract.
 */
export class KeysetPaginationQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({
    description:
      'The X-Next-Cursor of the previous page: the rows after it, in the same sort, read by ' +
      'keyset (as fast deep in the list as at its start). Not with skip; X-Total-Count is ' +
      'then left out.',
    maxLength: 400,
  })
  @IsOptional()
  @MaxLength(400)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'after must be a cursor from X-Next-Cursor' })
  after?: string;
}

/** An opaque cursor: the list and sort it belongs to, and the last row's key. */
export function encodeCursor(tag: string, key: CursorKey): string {
  return Buffer.from(JSON.stringify([tag, ...key])).toString('base64url');
}

/**
 * The key of a cursor made for this list and sort; anything else (another sort, a cursor
 * edited or made up) is a 422 naming after. `skip` and `after` exclude each other.
 */
export function decodeCursor(
  query: { after?: string; skip: number },
  tag: string,
  parts: { part: CursorPart; nullable?: boolean }[],
): CursorKey | null {
  if (query.after === undefined) return null;
  if (query.skip !== 0) throw invalid('after', 'after cannot be combined with skip');
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(query.after, 'base64url').toString('utf8'));
  } catch {
    decoded = null;
  }
  const valid =
    Array.isArray(decoded) &&
    decoded.length === parts.length + 1 &&
    decoded[0] === tag &&
    parts.every(({ part, nullable }, index) => {
      const value: unknown = decoded[index + 1];
      return value === null ? nullable === true : typeof value === 'string' && fits(part, value);
    });
  if (!valid)
    throw invalid('after', 'after must be a cursor this list gave in X-Next-Cursor for this sort');
  return (decoded as string[]).slice(1);
}
