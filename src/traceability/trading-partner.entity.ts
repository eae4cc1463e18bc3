import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from 'src/common/entities/base.entity';
import { LocationColumns } from './location-columns';

/**
 * A business goods come from or go to, with the location description FSMA 204 records name
 * (21 CFR 1.1310): business name, phone, street address, city, state or region, postal code and
 * country, and its GS1 Global Location Number when it has one.
 */
@Entity('trading_partners')
@Index('ux_trading_partners_gln', ['location.gln'], { unique: true, where: '"gln" IS NOT NULL' })
export class TradingPartner extends BaseEntity {
  @Column(() => LocationColumns, { prefix: false })
  location!: LocationColumns;
}
