import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';
import { OptionalNotNull, StringField, UuidField } from 'src/common/validation/fields';

/**
 * The Key Data Elements FSMA 204 asks of a receipt or a shipment, as the inward and dispatch
 * requests carry them. Optional here: the traceability module requires them (422 naming the
 * missing element) only for commodities on the Food Traceability List.
 */
class ReferenceDocumentFields {
  @StringField({
    optional: true,
    max: 40,
    description: 'The reference document: BOL, INVOICE, PURCHASE_ORDER, ASN, GATE_PASS…',
    example: 'BOL',
  })
  reference_document_type?: string;

  @StringField({ optional: true, max: 100, example: 'BOL-88412' })
  reference_document_number?: string;
}

export class ReceivingKdesDto extends ReferenceDocumentFields {
  @StringField({
    optional: true,
    max: 100,
    description:
      "The traceability lot code as received; absent, the warehouse assigns one (the lot's " +
      'number) and marks it assigned',
    example: '00614141000012.LOT2611A',
  })
  tlc?: string;

  @UuidField({
    optional: true,
    description: 'The trading partner the food came from (immediate previous source)',
  })
  previous_source_partner_id?: string;

  @UuidField({
    optional: true,
    description: 'The trading partner that assigned the traceability lot code (TLC source)',
  })
  tlc_source_partner_id?: string;

  @StringField({
    optional: true,
    max: 200,
    description: 'Instead of the TLC source: a reference to it (an FDA registration, a URL…)',
    example: 'FFRN 12345678901',
  })
  tlc_source_reference?: string;

  @StringField({
    optional: true,
    max: 300,
    description: "The product description; absent, the commodity's name and the lot's grade",
    example: 'Romaine hearts, 12 × 3 ct',
  })
  product_description?: string;
}

export class ShippingKdesDto extends ReferenceDocumentFields {
  @UuidField({
    optional: true,
    description: 'The trading partner the food goes to (immediate subsequent recipient)',
  })
  recipient_partner_id?: string;
}

const nested = (type: new () => object, description: string): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ type, required: false, description }),
    OptionalNotNull(),
    IsObject({ message: '$property must be an object' }),
    ValidateNested(),
    Type(() => type),
  );

export const ReceivingKdesField = (): PropertyDecorator =>
  nested(
    ReceivingKdesDto,
    'FSMA 204 receiving records: required when the commodity is on the Food Traceability List',
  );

export const ShippingKdesField = (): PropertyDecorator =>
  nested(
    ShippingKdesDto,
    'FSMA 204 shipping records: required when a lot is of a commodity on the Food Traceability List',
  );

/** A location description as a record carries it (21 CFR 1.1310). */
export class LocationDescriptionOutDto {
  @ApiProperty({ example: 'Salinas Valley Greens LLC' })
  business_name!: string;

  @ApiProperty({ example: '+1 831 555 0134' })
  phone!: string;

  @ApiProperty({ example: '1200 Abbott Street' })
  street_address!: string;

  @ApiProperty({ example: 'Salinas' })
  city!: string;

  @ApiProperty({ example: 'CA' })
  region!: string;

  @ApiProperty({ example: '93901' })
  postal_code!: string;

  @ApiProperty({ example: 'US' })
  country!: string;

  @ApiProperty({ type: String, nullable: true, example: '0614141000005' })
  gln!: string | null;
}

/** In a transformation's records: a food used, or the new food it made. */
export enum TransformationRoleName {
  Input = 'INPUT',
  Output = 'OUTPUT',
}

export enum TraceabilityEventTypeName {
  Receiving = 'RECEIVING',
  Shipping = 'SHIPPING',
  Transformation = 'TRANSFORMATION',
}

/** One traceability lot code in one Critical Tracking Event, with its Key Data Elements. */
export class TraceabilityEventOutDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: TraceabilityEventTypeName, enumName: 'TraceabilityEventType' })
  type!: TraceabilityEventTypeName;

  @ApiProperty({
    enum: TransformationRoleName,
    enumName: 'TransformationRole',
    nullable: true,
    description: 'In a transformation: a food used (INPUT) or the new food made (OUTPUT)',
  })
  role!: TransformationRoleName | null;

  @ApiProperty({ format: 'uuid' })
  lot_id!: string;

  @ApiProperty({ example: 'PUNE-2026-000042' })
  lot_number!: string;

  @ApiProperty({ example: '00614141000012.LOT2611A' })
  tlc!: string;

  @ApiProperty({ description: 'Whether this warehouse assigned the traceability lot code' })
  tlc_assigned!: boolean;

  @ApiProperty({ type: 'integer', example: 40 })
  quantity!: number;

  @ApiProperty({ example: 'CARTON' })
  unit!: string;

  @ApiProperty({ example: 'Romaine hearts, 12 × 3 ct' })
  product_description!: string;

  @ApiProperty({
    format: 'date-time',
    description: 'When received, shipped, or the transformation was completed',
  })
  occurred_at!: string;

  @ApiProperty({
    type: LocationDescriptionOutDto,
    description: 'This warehouse: where received, shipped from or transformed',
  })
  location!: LocationDescriptionOutDto;

  @ApiProperty({
    type: LocationDescriptionOutDto,
    nullable: true,
    description: 'Receiving: the immediate previous source; shipping: the immediate recipient',
  })
  partner!: LocationDescriptionOutDto | null;

  @ApiProperty({ type: LocationDescriptionOutDto, nullable: true })
  tlc_source!: LocationDescriptionOutDto | null;

  @ApiProperty({ type: String, nullable: true })
  tlc_source_reference!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'BOL' })
  reference_document_type!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'BOL-88412' })
  reference_document_number!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  dispatch_id!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  transformation_id!: string | null;
}
