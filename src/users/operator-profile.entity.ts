import { Column, Entity, Index, JoinColumn, ManyToOne, OneToOne } from 'typeorm';
import { BaseEntity } from 'src/common/entities/base.entity';
import { Warehouse } from 'src/warehouses/warehouse.entity';
import { User } from './user.entity';

/** Ties an operator or inventory manager to the one warehouse they work in. */
@Entity('operator_profiles')
export class OperatorProfile extends BaseEntity {
  // Unique through the one-to-one relation below.
  @Column({ type: 'uuid' })
  userId!: string;

  @Index('ix_operator_profiles_warehouse_id')
  @Column({ type: 'uuid' })
  warehouseId!: string;

  /** Local wall-clock times, "HH:MM:SS". */
  @Column({ type: 'time', nullable: true })
  shiftStart!: string | null;

  @Column({ type: 'time', nullable: true })
  shiftEnd!: string | null;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  // A warehouse with staff cannot be deleted.
  @ManyToOne(() => Warehouse, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'warehouse_id' })
  warehouse?: Warehouse;
}
