import { applyDecorators, type Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsDate,
  IsISO8601,
  IsEmail,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import { parseDateTime } from './date-time';

/**
 * Validation and OpenAPI in one decorator per field, so the docs and the checks never drift.
 * `optional` fields may be absent (PATCH semantics); `nullable` ones may also be sent as null.
 */
interface FieldOptions {
  optional?: boolean;
  nullable?: boolean;
  description?: string;
  example?: unknown;
}

function doc(options: FieldOptions, extra: Record<string, unknown> = {}): PropertyDecorator {
  const base = {
    description: options.description,
    example: options.example,
    nullable: options.nullable,
    ...extra,
  };
  return options.optional ? ApiPropertyOptional(base) : ApiProperty(base);
}

/** Absent is allowed; null is not: the value is validated (and refused) like any other. */
export const OptionalNotNull = (): PropertyDecorator =>
  applyDecorators(
    ValidateIf((_object: object, value: unknown) => value !== undefined),
    ValidateBy({
      name: 'isNotNull',
      validator: {
        validate: (value: unknown) => value !== null,
        defaultMessage: (args) => `${args?.property ?? 'value'} must not be null`,
      },
    }),
  );

/**
 * A nullable field may be sent as null (or left out); an optional one may only be left out, so
 * `{"code": null}` for a NOT NULL column is a 422, never a database error.
 */
function presence(options: FieldOptions): PropertyDecorator[] {
  if (options.nullable) return [IsOptional()];
  return options.optional ? [OptionalNotNull()] : [];
}

/**
 * The PATCH body of a create DTO: every field may be left out, but null only where the create
 * DTO allows it (PartialType's default would let null through every field).
 */
export function PatchType<T>(classRef: Type<T>): Type<Partial<T>> {
  return PartialType(classRef, { skipNullProperties: false });
}

const trim = Transform(({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value,
);

export const StringField = (
  options: FieldOptions & { min?: number; max: number },
): PropertyDecorator =>
  applyDecorators(
    doc(options, { type: String, minLength: options.min ?? 1, maxLength: options.max }),
    ...presence(options),
    trim,
    IsString(),
    MinLength(options.min ?? 1),
    MaxLength(options.max),
  );

/** Emails are compared and stored lower-case. */
export const EmailField = (options: FieldOptions = {}): PropertyDecorator =>
  applyDecorators(
    doc(
      { example: 'ravi@example.com', ...options },
      { type: String, format: 'email', maxLength: 320 },
    ),
    ...presence(options),
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? value.trim().toLowerCase() : value,
    ),
    IsEmail({}, { message: '$property must be an email address' }),
    MaxLength(320),
  );

export const UuidField = (options: FieldOptions = {}): PropertyDecorator =>
  applyDecorators(
    doc(options, { type: String, format: 'uuid' }),
    ...presence(options),
    IsUUID('all', { message: '$property must be a UUID' }),
  );

type IntOptions = FieldOptions & { min?: number; max?: number };

const intChecks = (options: IntOptions): PropertyDecorator[] => [
  doc(options, { type: 'integer', minimum: options.min, maximum: options.max }),
  ...presence(options),
  IsInt({ message: '$property must be an integer' }),
  ...(options.min !== undefined ? [Min(options.min)] : []),
  ...(options.max !== undefined ? [Max(options.max)] : []),
];

/** An integer in a JSON body: a JSON number, never a string such as "3". */
export const IntField = (options: IntOptions): PropertyDecorator =>
  applyDecorators(...intChecks(options));

const DECIMAL_DIGITS = /^\d+$/;

/**
 * An integer in the query string, where every value is text: only plain decimal digits are
 * read as a number ("0x10", "1e3", "" and " 5" stay text and fail the integer check).
 */
export const QueryIntField = (options: IntOptions): PropertyDecorator =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && DECIMAL_DIGITS.test(value) ? Number(value) : value,
    ),
    ...intChecks(options),
  );

/** Wall-clock time "HH:MM" or "HH:MM:SS". */
export const TimeField = (options: FieldOptions = {}): PropertyDecorator =>
  applyDecorators(
    doc(
      { example: '08:00', ...options },
      { type: String, pattern: '^([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?$' },
    ),
    ...presence(options),
    Matches(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, {
      message: '$property must be a time as HH:MM',
    }),
  );

/** Passwords are never trimmed or otherwise changed: they are checked exactly as typed. */
export const PasswordField = (description: string): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ description, example: 'violet-harbour-73-tides' }),
    IsString(),
    MaxLength(1000),
  );

/** A decimal as a JSON string ("12.5"); a JSON number is refused, as it may already be a float. */
export const DecimalField = (
  options: FieldOptions & { scale: number; min?: string; allowNegative?: boolean },
): PropertyDecorator =>
  applyDecorators(
    doc(
      { example: '1250.5', ...options },
      {
        type: String,
        pattern: `^${options.allowNegative ? '-?' : ''}\\d+(\\.\\d{1,${options.scale}})?$`,
      },
    ),
    ...presence(options),
    Matches(
      new RegExp(`^${options.allowNegative ? '-?' : ''}\\d{1,12}(\\.\\d{1,${options.scale}})?$`),
      {
        message: `$property must be a ${options.allowNegative ? '' : 'non-negative '}decimal string with at most ${options.scale} places, e.g. "12.5"`,
      },
    ),
  );

/** An instant as RFC 3339 / ISO 8601 with seconds and an offset; converted to a Date. */
export const DateTimeField = (options: FieldOptions = {}): PropertyDecorator =>
  applyDecorators(
    // Optional ones are filters: an example would be pre-filled by Swagger UI's "Try it out".
    doc(options.optional ? options : { example: '2026-11-26T08:30:00Z', ...options }, {
      type: String,
      format: 'date-time',
    }),
    ...presence(options),
    // Anything else stays as sent, and the Date check below refuses it.
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? (parseDateTime(value) ?? value) : value,
    ),
    IsDate({
      message:
        '$property must be an ISO 8601 date-time with seconds and an offset, e.g. 2026-11-26T08:30:00Z',
    }),
  );

/** A calendar date, "YYYY-MM-DD". */
export const DateField = (options: FieldOptions = {}): PropertyDecorator =>
  applyDecorators(
    doc(options.optional ? options : { example: '2027-03-31', ...options }, {
      type: String,
      format: 'date',
    }),
    ...presence(options),
    Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, {
      message: '$property must be a date as YYYY-MM-DD',
    }),
    IsISO8601({ strict: true }, { message: '$property must be a real calendar date' }),
  );

export const EnumField = (
  enumType: Record<string, string>,
  name: string,
  options: FieldOptions = {},
): PropertyDecorator =>
  applyDecorators(
    doc(options, { enum: enumType, enumName: name }),
    ...presence(options),
    IsEnum(enumType, {
      message: `$property must be one of: ${Object.values(enumType).join(', ')}`,
    }),
  );

const GRADE = /^[A-Z0-9][A-Z0-9_-]{0,19}$/;

/** A short grade code of a lot or a rate card (PLAIN, CIPC, SEED…), stored upper-case. */
export const GradeField = (options: FieldOptions = {}): PropertyDecorator =>
  applyDecorators(
    doc({ example: 'SEED', ...options }, { type: String, pattern: GRADE.source, maxLength: 20 }),
    ...presence(options),
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? value.trim().toUpperCase() : value,
    ),
    Matches(GRADE, {
      message: '$property must be a grade code of up to 20 letters, digits, "-" or "_", e.g. SEED',
    }),
  );
