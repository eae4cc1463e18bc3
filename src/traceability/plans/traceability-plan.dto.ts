import { ApiProperty, IntersectionType, PickType } from '@nestjs/swagger';
import { LocationDescriptionOutDto } from 'src/inventory/ledger/dto/traceability-kdes.dto';
import { locationOf } from '../location-description';
import { EmailField, StringField } from 'src/common/validation/fields';
import { CreateTradingPartnerDto, TradingPartnerOutDto } from '../dto/trading-partner.dto';
import type { TraceabilityPlan } from './traceability-plan.entity';

const PROCEDURE = { min: 1, max: 20_000 } as const;

/** The whole plan: its location description, who to call, and the three procedures. */
export class PutTraceabilityPlanDto extends CreateTradingPartnerDto {
  @StringField({ max: 200, description: 'Who answers for the records', example: 'Anita Rao' })
  contact_name!: string;

  @StringField({ max: 40, example: '+91 20 5555 0100' })
  contact_phone!: string;

  @EmailField({ example: 'traceability@frostline.in' })
  contact_email!: string;

  @StringField({
    ...PROCEDURE,
    description:
      'How records are kept and how an FDA request is answered within 24 hours (the export)',
    example:
      'Receiving and shipping KDEs are entered on the inward and gate pass screens; the QA lead ' +
      'runs GET /api/traceability/export for the requested range and sends the spreadsheet.',
  })
  record_keeping!: string;

  @StringField({
    ...PROCEDURE,
    description: 'How foods on the Food Traceability List are identified',
    example: 'Commodities are flagged on the FTL in the catalogue when a client first books them.',
  })
  ftl_identification!: string;

  @StringField({
    ...PROCEDURE,
    description: 'How traceability lot codes are assigned (transformations, receipts without one)',
    example: 'A repack gets the new lot number as its TLC; it is printed on the new labels.',
  })
  tlc_assignment!: string;
}

export class TraceabilityPlanOutDto extends IntersectionType(
  LocationDescriptionOutDto,
  PickType(TradingPartnerOutDto, ['updated_at'] as const),
) {
  @ApiProperty({ format: 'uuid' })
  warehouse_id!: string;

  @ApiProperty({ type: 'integer', description: 'Raised by each change', example: 1 })
  version!: number;

  @ApiProperty()
  contact_name!: string;

  @ApiProperty()
  contact_phone!: string;

  @ApiProperty()
  contact_email!: string;

  @ApiProperty()
  record_keeping!: string;

  @ApiProperty()
  ftl_identification!: string;

  @ApiProperty()
  tlc_assignment!: string;
}

export const toPlanOut = (plan: TraceabilityPlan): TraceabilityPlanOutDto => ({
  warehouse_id: plan.warehouseId,
  version: plan.version,
  ...locationOf(plan.location),
  contact_name: plan.contactName,
  contact_phone: plan.contactPhone,
  contact_email: plan.contactEmail,
  record_keeping: plan.recordKeeping,
  ftl_identification: plan.ftlIdentification,
  tlc_assignment: plan.tlcAssignment,
  updated_at: plan.updatedAt.toISOString(),
});
