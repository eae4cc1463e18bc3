import { Check, Column, Entity } from 'typeorm';
import { BaseEntity } from 'src/common/entities/base.entity';
import { decimalTransformer } from 'src/common/entities/decimal.transformer';
import { CommodityUnit } from './commodity-unit.enum';
import { TaxCategory } from './commodity-tax';

/** A kind of goods: how it is counted, the temperatures it needs, how long it keeps. */
@Entity('commodities')
@Check('ck_commodities_temp_range', '"min_temp_c" < "max_temp_c"')
@Check('ck_commodities_shelf_life', '"shelf_life_days" IS NULL OR "shelf_life_days" > 0')
@Check(
  'ck_commodities_tax_rate',
  `"tax_rate_percent" IS NULL OR ("tax_category" = 'TAXABLE' AND "tax_rate_percent" BETWEEN 0 AND 100)`,
)
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

  /** GST treatment of its storage: exempt lines are taxed at 0 whatever the rate card says. */
  @Column({
    type: 'enum',
    enum: TaxCategory,
    enumName: 'tax_category',
    default: TaxCategory.Taxable,
  })
  taxCategory!: TaxCategory;

  /** For a TAXABLE commodity, the rate its lines are taxed at instead of the card's; null: the card's. */
  @Column({
    type: 'numeric',
    precision: 7,
    scale: 4,
    nullable: true,
    transformer: decimalTransformer,
  })
  taxRatePercent!: string | null;

  /**
   * On the FDA's Food Traceability List (21 CFR 1 subpart S): its receipts and shipments must
   * carry the FSMA 204 key data elements.
   */
  @Column({ type: 'boolean', default: false })
  onFoodTraceabilityList!: boolean;
}
