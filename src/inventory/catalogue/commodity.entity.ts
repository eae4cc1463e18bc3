import { Check, Column, Entity } from 'typeorm';
import { BaseEntity } from 'src/common/entities/base.entity';
import { decimalTransformer } from 'src/common/entities/decimal.transformer';
import { CommodityUnit } from './commodity-unit.enum';

/** A kind of goods: how it is counted, the temperatures it needs, how long it keeps. */
@Entity('commodities')
@Check('ck_commodities_temp_range', '"min_temp_c" < "max_temp_c"')
@Check('ck_commodities_shelf_life', '"shelf_life_days" IS NULL OR "shelf_life_days" > 0')
export class Commodity extends BaseEntity {
  @Column({ type: 'varchar', length: 30, unique: true })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  category!: string | null;

  @Column({ type: 'enum', enum: CommodityUnit, enumName: 'commodity_unit' })
  unit!: CommodityUnit;

  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: decimalTransformer })
  minTempC!: string;

  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: decimalTransformer })
  maxTempC!: string;

  @Column({ type: 'integer', nullable: true })
  shelfLifeDays!: number | null;
}
