/**
 * What a logged error may say: its kind, its code, the constraint and table it broke, and where
 * in our code it was raised. Never its message (PostgreSQL's quote the offending value: `invalid
 * input syntax for type integer: "…"`, `Key (email)=(…) already exists`), the failed query's text
 * or parameters, a driver's `detail`, or a body the parser attached: all can carry request data.
 */
export interface LoggedError {
  type: string;
  code?: string;
  constraint?: string;
  table?: string;
  status?: number;
  stack?: string;
  cause?: LoggedError;
}

const CODE = /^[A-Za-z0-9_.-]{1,64}$/;
const IDENTIFIER = /^[A-Za-z0-9_.$-]{1,128}$/;
const FRAME = /^\s+at /;
const MAX_CAUSES = 3;

type Fields = Record<string, unknown>;

function asFields(value: unknown): Fields | null {
  return typeof value === 'object' && value !== null ? (value as Fields) : null;
}

/** A plain name-like string from the error or the driver error it wraps (TypeORM's QueryFailedError). */
function plain(error: Fields, key: string, shape: RegExp): string | undefined {
  const driver = asFields(error.driverError);
  for (const value of [error[key], driver?.[key]]) {
    if (typeof value === 'string' && shape.test(value)) return value;
  }
  return undefined;
}

function typeOf(error: Fields): string {
  for (const value of [(error.constructor as { name?: unknown } | undefined)?.name, error.name]) {
    if (typeof value === 'string' && CODE.test(value) && value !== 'Object') return value;
  }
  return 'Error';
}

/**
 * The stack's "at …" lines. Its first line(s) repeat the message, which may span lines (a value
 * quoted with its newlines): they are cut off by the message itself, and a stack that does not
 * start with it (the message changed after the stack was read) is left out rather than guessed at.
 */
function framesOf(error: Fields): string | undefined {
  const { stack, message, name } = error;
  if (typeof stack !== 'string' || typeof message !== 'string') return undefined;
  const header = message ? `${String(name)}: ${message}` : String(name);
  if (!stack.startsWith(header)) return undefined;
  const frames = stack
    .slice(header.length)
    .split('\n')
    .filter((line) => FRAME.test(line))
    .map((line) => line.trim());
  return frames.length > 0 ? frames.join('\n') : undefined;
}

export function serializeError(value: unknown, depth = 0): LoggedError {
  const given = asFields(value);
  if (!given) return { type: typeof value };
  // pino's standard serializer runs first and keeps the error itself as `raw`.
  const error = asFields(given.raw) ?? given;
  const logged: LoggedError = { type: typeOf(error) };
  const code = plain(error, 'code', CODE);
  if (code) logged.code = code;
  const constraint = plain(error, 'constraint', IDENTIFIER);
  if (constraint) logged.constraint = constraint;
  const table = plain(error, 'table', IDENTIFIER);
  if (table) logged.table = table;
  if (typeof error.status === 'number') logged.status = error.status;
  const stack = framesOf(error);
  if (stack) logged.stack = stack;
  if (error.cause !== undefined && depth < MAX_CAUSES) {
    logged.cause = serializeError(error.cause, depth + 1);
  }
  return logged;
}
