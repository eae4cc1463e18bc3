import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Matches } from 'class-validator';

const CURRENCY = /^[A-Z]{3}$/;

/** An ISO 4217 code, upper-cased; the services check that the code is a known one (422). */
export const CurrencyField = (): PropertyDecorator =>
  applyDecorators(
    ApiProperty({
      description: 'ISO 4217 currency code, upper-case, e.g. INR; an unknown code is a 422',
      example: 'INR',
      pattern: CURRENCY.source,
    }),
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? value.trim().toUpperCase() : value,
    ),
    Matches(CURRENCY, { message: 'currency must be an ISO 4217 code such as INR' }),
  );
