import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Client } from 'src/clients/client.entity';

/**
 * How far back a client's stock history is closed: a movement dated (in its warehouse's time
 * zone) on or before `closedThrough` is refused. Inventory owns it and checks it in the same
 * SQL that writes a movement (`stock_history_assert_open`); whoever closes history (billing,
 * when it approves an invoice) sets it and says why in `closedBy`, quoted in the refusal.
 */
@Entity('stock_history_closures')
export class StockHistoryClosure {
  @PrimaryColumn({ type: 'uuid' })
  clientId!: string;

  @Column({ type: 'date' })
  closedThrough!: string;

  @Column({ type: 'varchar', length: 300 })
  closedBy!: string;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @ManyToOne(() => Client, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'client_id' })
  client?: Client;
}
