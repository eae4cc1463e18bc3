import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { LocationDescription } from '../location-description';
import { TraceabilityEventType, TransformationRole } from './traceability-event-type.enum';

/**
 * One traceability lot code in one Critical Tracking Event, with its Key Data Elements as they
 * were at the time (location descriptions copied in). Append-only and never deleted, so every
 * record outlives the two years FSMA 204 asks. Warehouse, client and commodity are copied in so
 * the export filters without joins.
 */
@Entity('traceability_events')
@Index('ix_traceability_events_warehouse', ['warehouseId', 'occurredAt'])
@Index('ix_traceability_events_commodity', ['commodityId', 'occurredAt'])
@Index('ix_traceability_events_tlc', ['tlc'])
@Index('ix_traceability_events_lot', ['lotId'])
@Index('ix_traceability_events_dispatch', ['dispatchId'])
@Index('ix_traceability_events_transformation', ['transformationId'])
export class TraceabilityEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'enum', enum: TraceabilityEventType, enumName: 'traceability_event_type' })
  type!: TraceabilityEventType;

  /** In a transformation: whether this code went in or came out. */
  @Column({
    type: 'enum',
    enum: TransformationRole,
    enumName: 'transformation_role',
    nullable: true,
  })
  role!: TransformationRole | null;

  @Column({ type: 'uuid' })
  @ForeignKey('Lot', { onDelete: 'RESTRICT' })
  lotId!: string;

  @Column({ type: 'uuid' })
  warehouseId!: string;

  @Column({ type: 'uuid' })
  clientId!: string;

  @Column({ type: 'uuid' })
  commodityId!: string;

  @Column({ type: 'varchar', length: 100 })
  tlc!: string;

  @Column({ type: 'boolean' })
  tlcAssigned!: boolean;

  @Column({ type: 'integer' })
  quantity!: number;

  /** The commodity's unit of measure (BAG, CARTON, KG…). */
  @Column({ type: 'varchar', length: 20 })
  unit!: string;

  @Column({ type: 'varchar', length: 300 })
  productDescription!: string;

  /** When received, shipped, or the transformation was completed. */
  @Column({ type: 'timestamptz' })
  occurredAt!: Date;

  /** This warehouse: where the food was received, shipped from or transformed. */
  @Column({ type: 'jsonb' })
  location!: LocationDescription;

  /** Receiving: the immediate previous source; shipping: the immediate subsequent recipient. */
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('TradingPartner', { onDelete: 'RESTRICT' })
  partnerId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  partner!: LocationDescription | null;

  @Column({ type: 'jsonb', nullable: true })
  tlcSource!: LocationDescription | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  tlcSourceReference!: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  referenceDocumentType!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  referenceDocumentNumber!: string | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('Dispatch', { onDelete: 'RESTRICT' })
  dispatchId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('Transformation', { onDelete: 'RESTRICT' })
  transformationId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  recordedById!: string | null;
}
