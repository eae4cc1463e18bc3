import { ApiProperty } from '@nestjs/swagger';
import { LotOutDto } from 'src/inventory/dto/lot.dto';

export enum ScanKind {
  Lot = 'lot',
  Location = 'location',
}

/** What a scanned label's code names: its kind and id, and the lot (or location) itself. */
export class ScanResultDto {
  @ApiProperty({ enum: ScanKind, enumName: 'ScanKind' })
  kind!: ScanKind;

  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: 'The code as stored (lot numbers are upper-case)' })
  code!: string;

  @ApiProperty({ type: LotOutDto, nullable: true, description: 'The lot, when kind is lot' })
  lot!: LotOutDto | null;
}
