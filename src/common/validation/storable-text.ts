import type { FieldError } from 'src/common/errors/domain.errors';

// A UTF-16 surrogate without its pair: no UTF-8 encoding exists for it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function problemWith(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode text';
  return null;
}

function child(parent: string, key: string, inArray: boolean): string {
  if (inArray) return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

/**
 * The first string in a request value (at any depth, keys included) that PostgreSQL could not
 * store: a NUL character, or a lone surrogate from a `\ud800` escape; or a `__proto__` key. Bodies arrive here with
 * their depth already bounded by the JSON parser's check, so the walk is short.
 */
export function findUnstorableText(value: unknown, path: string): FieldError | null {
  const pending: [unknown, string][] = [[value, path]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [current, at] = next;
    if (typeof current === 'string') {
      const message = problemWith(current);
      if (message) return { field: at || 'value', message: `${at || 'value'} ${message}` };
    } else if (typeof current === 'object' && current !== null) {
      const inArray = Array.isArray(current);
      for (const [key, item] of Object.entries(current)) {
        const field = child(at, key, inArray);
        // JSON.parse keeps "__proto__" as a plain key, and class-transformer drops it silently
        // instead of refusing it as an unknown field.
        if (key === '__proto__') return { field, message: 'is not allowed' };
        const keyMessage = inArray ? null : problemWith(key);
        if (keyMessage) {
          const shown = JSON.stringify(field).slice(1, -1);
          return { field: shown, message: `the field name ${shown} ${keyMessage}` };
        }
        pending.push([item, field]);
      }
    }
  }
  return null;
}
