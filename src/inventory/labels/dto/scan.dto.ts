import { ApiProperty } from '@nestjs/swagger';
import { LotOutDto } from 'src/inventory/dto/lot.dto';
import { LocationOutDto } from 'src/inventory/locations/dto/location.dto';

export enum ScanKind {
  Lot = 'lot',
  Location = 'location',
}

/** What a scanned label's code names: its kind and id, and the lot or the location itself. */
export class ScanResultDto {
  @ApiProperty({ enum: ScanKind, enumName: 'ScanKind' })
  kind!: ScanKind;

  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({
    description: 'The code as labels print it: the lot number, or `<chamber code>:<location code>`',
    example: 'WH1-2026-000042',
  })
  code!: string;

  @ApiProperty({ type: LotOutDto, nullable: true, description: 'The lot, when kind is lot' })
  lot!: LotOutDto | null;

  @ApiProperty({
    type: LocationOutDto,
    nullable: true,
    description: 'The storage location, when kind is location',
  })
  location!: LocationOutDto | null;
}
