import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Far deeper than any of our bodies (a dispatch is three levels), far shallower than a stack. */
export const MAX_JSON_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;

/**
 * Whether UTF-8 JSON nests arrays and objects more than `max` deep. Counted on the raw bytes,
 * before anything parses or walks the value (UTF-8 never hides an ASCII byte inside a character).
 */
export function nestsDeeperThan(body: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_BRACKET || byte === OPEN_BRACE) {
      if (++depth > max) return true;
    } else if (byte === CLOSE_BRACKET || byte === CLOSE_BRACE) {
      depth--;
    }
  }
  return false;
}

/** A refusal the body parser passes on with this status and type (see the problem filter). */
function refusal(status: number, type: string, message: string): Error {
  return Object.assign(new Error(message), { status, type });
}

/**
 * The JSON parser's `verify` hook: JSON bodies must be UTF-8 (RFC 8259 §8.1), valid, and nested
 * at most MAX_JSON_DEPTH deep, or they are refused before being parsed.
 */
export function checkJsonBody(
  _req: IncomingMessage,
  _res: ServerResponse,
  body: Buffer,
  encoding: string | null,
): void {
  if (
    encoding !== null &&
    encoding.toLowerCase() !== 'utf-8' &&
    encoding.toLowerCase() !== 'utf8'
  ) {
    throw refusal(415, 'charset.unsupported', 'JSON bodies must be UTF-8');
  }
  if (!isUtf8(body)) throw refusal(400, 'entity.not.utf8', 'The body is not valid UTF-8');
  if (nestsDeeperThan(body, MAX_JSON_DEPTH)) {
    throw refusal(400, 'entity.too.deep', 'The body nests too deeply');
  }
}
