import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from 'src/common/entities/base.entity';

/**
 * A business goods come from or go to, with the location description FSMA 204 records name
 * (21 CFR 1.1310): business name, phone, street address, city, state or region, postal code and
 * country, and its GS1 Global Location Number when it has one.
 */
@Entity('trading_partners')
@Index('ux_trading_partners_gln', ['gln'], { unique: true, where: '"gln" IS NOT NULL' })
export class TradingPartner extends BaseEntity {
  @Column({ type: 'varchar', length: 200 })
  businessName!: string;

  @Column({ type: 'varchar', length: 40 })
  phone!: string;

  @Column({ type: 'varchar', length: 300 })
  streetAddress!: string;

  @Column({ type: 'varchar', length: 100 })
  city!: string;

  @Column({ type: 'varchar', length: 100 })
  region!: string;

  @Column({ type: 'varchar', length: 20 })
  postalCode!: string;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'char', length: 2 })
  country!: string;

  /** GS1 Global Location Number: 13 digits, the last a check digit. */
  @Column({ type: 'varchar', length: 13, nullable: true })
  gln!: string | null;
}
