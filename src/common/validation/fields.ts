import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
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
} from 'class-validator';

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

function presence(options: FieldOptions): PropertyDecorator[] {
  return options.optional || options.nullable ? [IsOptional()] : [];
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

/** Integers from JSON bodies or query strings. */
export const IntField = (
  options: FieldOptions & { min?: number; max?: number },
): PropertyDecorator =>
  applyDecorators(
    doc(options, { type: Number, minimum: options.min, maximum: options.max }),
    ...presence(options),
    Type(() => Number),
    IsInt(),
    ...(options.min !== undefined ? [Min(options.min)] : []),
    ...(options.max !== undefined ? [Max(options.max)] : []),
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

/** A decimal given as a JSON string or number, kept as a normalised string (never a float). */
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
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'number' && Number.isFinite(value) ? String(value) : value,
    ),
    Matches(
      new RegExp(`^${options.allowNegative ? '-?' : ''}\\d{1,12}(\\.\\d{1,${options.scale}})?$`),
      {
        message: `$property must be a ${options.allowNegative ? '' : 'non-negative '}decimal with at most ${options.scale} places`,
      },
    ),
  );

/** An ISO 8601 instant; converted to a Date. */
export const DateTimeField = (options: FieldOptions = {}): PropertyDecorator =>
  applyDecorators(
    // Optional ones are filters: an example would be pre-filled by Swagger UI's "Try it out".
    doc(options.optional ? options : { example: '2026-11-26T08:30:00Z', ...options }, {
      type: String,
      format: 'date-time',
    }),
    ...presence(options),
    Type(() => Date),
    IsDate({ message: '$property must be an ISO 8601 date-time' }),
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
