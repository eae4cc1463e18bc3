import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, ValidateNested } from 'class-validator';
import { EnumField, IntField, StringField, UuidField } from 'src/common/validation/fields';
import { LienSettlementAction } from 'src/inventory/ledger/lien-settlements';

/** A lien on a lot of the gate pass, repaid or released in the dispatch's transaction. */
export class LienSettlementDto {
  @UuidField({ description: 'An open lien on one of the lots the gate pass takes from (422)' })
  lien_id!: string;

  @EnumField(LienSettlementAction, 'LienSettlementAction', {
    description: 'REPAY records a repayment; RELEASE releases the lien',
    example: LienSettlementAction.Release,
  })
  action!: LienSettlementAction;

  @IntField({
    optional: true,
    min: 1,
    description:
      'REPAY: minor units, at most the balance on the day of the dispatch (422); default the whole balance',
    example: 5147945,
  })
  amount_minor?: number;

  @StringField({
    optional: true,
    max: 100,
    description: "REPAY: the payment's reference; RELEASE: the lender's release reference",
    example: 'NEFT SBIN0001234',
  })
  reference?: string;
}

/** The optional `lien_settlements` of a dispatch body. */
export const LienSettlementsField = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({
      type: [LienSettlementDto],
      maxItems: 50,
      description:
        'Liens repaid or released in the same transaction, before the stock moves, so goods ' +
        'under a lien may leave on this gate pass. Requires finance.lien.manage as well (403).',
    }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(50),
    ValidateNested({ each: true }),
    Type(() => LienSettlementDto),
  );
