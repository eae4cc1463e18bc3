import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseEntity } from 'src/common/entities/base.entity';
import { TransformationKind } from '../records/traceability-event-type.enum';

/**
 * A repack, relabel or commingling: lots of one client used (their stock leaves through
 * TRANSFORMATION adjustments) and one new lot made, with a new traceability lot code. Its
 * traceability events name the codes in and out.
 */
@Entity('transformations')
@Index('ix_transformations_warehouse', ['warehouseId', 'completedAt'])
export class Transformation extends BaseEntity {
  @Column({ type: 'enum', enum: TransformationKind, enumName: 'transformation_kind' })
  kind!: TransformationKind;

  @Column({ type: 'uuid' })
  warehouseId!: string;

  @Column({ type: 'uuid' })
  clientId!: string;

  @Column({ type: 'uuid', unique: true })
  @ForeignKey('Lot', { onDelete: 'RESTRICT' })
  outputLotId!: string;

  @Column({ type: 'timestamptz' })
  completedAt!: Date;

  @Column({ type: 'varchar', length: 40, nullable: true })
  referenceDocumentType!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  referenceDocumentNumber!: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  notes!: string | null;

  @Column({ type: 'uuid', nullable: true })
  recordedById!: string | null;
}
