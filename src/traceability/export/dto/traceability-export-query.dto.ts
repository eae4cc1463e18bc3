import { DateField, EnumField, StringField, UuidField } from 'src/common/validation/fields';

export enum TraceabilityExportFormat {
  Xlsx = 'xlsx',
  Csv = 'csv',
}

/** Which FSMA 204 records to export, and in what form. */
export class TraceabilityExportQueryDto {
  @DateField({
    description: "First day of the period, inclusive, in each warehouse's own time zone",
    example: '2026-01-01',
  })
  from!: string;

  @DateField({
    description:
      'Last day of the period, inclusive; not before from, and less than 3 years after it',
    example: '2026-12-31',
  })
  to!: string;

  @UuidField({ optional: true, description: 'Only records of this commodity' })
  commodity_id?: string;

  @StringField({
    optional: true,
    max: 100,
    description: 'Only records of this traceability lot code (exact match)',
  })
  tlc?: string;

  @UuidField({
    optional: true,
    description: 'Only records of this warehouse (404 when outside your scope)',
  })
  warehouse_id?: string;

  @EnumField(TraceabilityExportFormat, 'TraceabilityExportFormat', {
    optional: true,
    description: 'xlsx (default): a workbook, one sheet per event type; csv: one file',
  })
  format?: TraceabilityExportFormat;
}
