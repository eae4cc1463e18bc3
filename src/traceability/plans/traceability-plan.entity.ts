import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseEntity } from 'src/common/entities/base.entity';
import { LocationColumns } from '../location-columns';

/**
 * A warehouse's traceability plan (21 CFR 1.1315): the location description its records carry,
 * the person to call about it, and how it keeps records, identifies Food Traceability List foods
 * and assigns traceability lot codes. Each change is a new version; the export names the one in
 * force.
 */
@Entity('traceability_plans')
@Index('ux_traceability_plans_warehouse', ['warehouseId'], { unique: true })
export class TraceabilityPlan extends BaseEntity {
  @Column({ type: 'uuid' })
  @ForeignKey('Warehouse', { onDelete: 'RESTRICT' })
  warehouseId!: string;

  /** The warehouse's own location description: every record made there carries it. */
  @Column(() => LocationColumns, { prefix: false })
  location!: LocationColumns;

  @Column({ type: 'varchar', length: 200 })
  contactName!: string;

  @Column({ type: 'varchar', length: 40 })
  contactPhone!: string;

  @Column({ type: 'varchar', length: 254 })
  contactEmail!: string;

  /** How records are kept and produced within 24 hours of a request. */
  @Column({ type: 'text' })
  recordKeeping!: string;

  /** How the warehouse tells foods on the Food Traceability List. */
  @Column({ type: 'text' })
  ftlIdentification!: string;

  /** How it assigns traceability lot codes (when it transforms food or receives one without). */
  @Column({ type: 'text' })
  tlcAssignment!: string;

  @Column({ type: 'integer', default: 1 })
  version!: number;
}
