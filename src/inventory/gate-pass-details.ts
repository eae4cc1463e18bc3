import { Column } from 'typeorm';

/**
 * What the gate paperwork says about goods passing the gate: its reference, the truck and free
 * notes. Embedded (no prefix) in dispatches and stock movements, so the columns keep their names.
 */
export class GatePassDetails {
  @Column({ type: 'varchar', length: 100, nullable: true })
  reference!: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  vehicleNumber!: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  notes!: string | null;
}
