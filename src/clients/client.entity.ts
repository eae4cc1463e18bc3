import { Column, Entity, Index, JoinColumn, ManyToOne, OneToOne } from 'typeorm';
import { BaseEntity } from 'src/common/entities/base.entity';
import { DocumentLanguage } from 'src/common/pdf/document-labels';
import { User } from 'src/users/user.entity';

/** A customer company storing goods; its user is how it signs in. */
@Entity('clients')
export class Client extends BaseEntity {
  // Unique through the one-to-one relation below.
  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'varchar', length: 200 })
  companyName!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  billingAddress!: string | null;

  /** The language of the labels on the client's invoices, receipts and statements. */
  @Column({
    type: 'enum',
    enum: DocumentLanguage,
    enumName: 'document_language',
    default: DocumentLanguage.English,
  })
  documentLanguage!: DocumentLanguage;

  @Index('ix_clients_created_by_admin_id')
  @Column({ type: 'uuid', nullable: true })
  createdByAdminId!: string | null;

  // Clients own stock and invoices: their user is disabled, never deleted.
  @OneToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_admin_id' })
  createdByAdmin?: User | null;
}
