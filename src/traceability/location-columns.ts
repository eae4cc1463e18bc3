import { Column } from 'typeorm';

/**
 * A location description's columns (21 CFR 1.1310), embedded without a prefix in trading partners
 * and traceability plans.
 */
export class LocationColumns {
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
