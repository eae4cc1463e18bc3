import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { writeAuditEvent } from 'src/audit/audit.service';
import { PasswordHasher } from 'src/users/password-hasher.service';
import { assertPasswordAcceptable } from 'src/users/password-policy';
import { ConflictError } from 'src/common/errors/domain.errors';
import { RbacSeedService } from 'src/rbac/rbac-seed.service';
import { RoleName } from 'src/rbac/role-name.enum';
import { DEMO_ADMIN_EMAIL, planDemoData, type DemoPlan, type DemoScale } from './generator';
import { DemoLotWriter, LOTS_PER_BATCH, type BatchCounts } from './lot-writer';
import { writeDemoLayout } from './locations';
import { writeDemoReadings } from './readings';
import { DemoReferenceWriter } from './reference-writer';

export interface DemoDataOptions {
  scale: DemoScale;
  seed: number;
  /** Midnight UTC ending the generated year. */
  asOf: Date;
  /** The demo accounts' password; absent, a random one is made for this load. */
  password?: string;
}

export interface DemoDataProgress {
  lotsLoaded: number;
  lotsTotal: number;
  movements: number;
}

export interface DemoLogin {
  role: RoleName;
  email: string;
  /** Whom the account stands for: a warehouse or a company. */
  label: string;
}

export interface DemoDataReport {
  scale: DemoScale;
  seed: number;
  asOf: Date;
  warehouses: number;
  chambers: number;
  commodities: number;
  clients: number;
  lots: number;
  movements: number;
  dispatches: number;
  lotsOnHold: number;
  sensors: number;
  /** Temperature readings of the last days before asOf (with their hourly rollups). */
  readings: number;
  /** Racks, levels and slots laid out in the chambers, and lots placed in slots. */
  locations: number;
  placements: number;
  /** False when admin@demo.coldstore already existed: its password was left alone. */
  adminCreated: boolean;
  /** The demo accounts' password: the one given, or the one made for this load. */
  password: string;
  passwordGenerated: boolean;
  /** The admin, then each warehouse's operator, then every client. */
  logins: DemoLogin[];
}

/** Held by a load in progress, whose lots a concurrent load could not see yet. */
const DEMO_LOCK_KEY = 727_010;

async function assertNoLots(manager: EntityManager): Promise<void> {
  const [{ present }] = await manager.query<{ present: boolean }[]>(
    'SELECT EXISTS (SELECT 1 FROM lots) AS present',
  );
  if (present) {
    throw new ConflictError(
      'The database already has lots: demo-data only loads into a database without stock, so demo and real data never mix.',
    );
  }
}

/** Demo warehouses and accounts must be new; a clash means this is not a clean database. */
async function assertFree(manager: EntityManager, plan: DemoPlan): Promise<void> {
  const codes = await manager.query<{ code: string }[]>(
    'SELECT code FROM warehouses WHERE code = ANY($1) ORDER BY code',
    [plan.warehouses.map((w) => w.code)],
  );
  if (codes.length > 0) {
    throw new ConflictError(
      `Warehouse code ${codes.map((c) => c.code).join(', ')} already exists: demo-data needs a database without its warehouses.`,
    );
  }
  const emails = await manager.query<{ email: string }[]>(
    'SELECT email FROM users WHERE email = ANY($1) ORDER BY email LIMIT 3',
    [[...plan.operators, ...plan.clients].map((p) => p.email)],
  );
  if (emails.length > 0) {
    throw new ConflictError(
      `User ${emails.map((e) => e.email).join(', ')} already exists: demo-data needs a database without its demo accounts.`,
    );
  }
}

/**
 * Every movement rewrote its lot's row: reclaim those versions and refresh the planner's
 * statistics now rather than whenever autovacuum comes by.
 */
async function vacuumLoadedTables(runner: QueryRunner): Promise<void> {
  // On a large load this outlasts the statement timeout meant for API requests.
  await runner.query('SET statement_timeout = 0');
  try {
    await runner.query(
      'VACUUM (ANALYZE) lots, stock_movements, dispatches, temperature_readings, temperature_rollups_hourly',
    );
  } finally {
    await runner.query('RESET statement_timeout');
  }
}

/** 96 random bits, URL-safe: a demo database reachable from a network is still a database. */
function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}

interface DemoCredentials {
  password: string;
  generated: boolean;
}

function reportOf(
  plan: DemoPlan,
  adminCreated: boolean,
  totals: BatchCounts,
  cold: { sensors: number; readings: number; locations: number; placements: number },
  credentials: DemoCredentials,
): DemoDataReport {
  return {
    scale: plan.scale,
    seed: plan.seed,
    asOf: plan.asOf,
    warehouses: plan.warehouses.length,
    chambers: plan.chambers.length,
    commodities: plan.commodities.length,
    clients: plan.clients.length,
    lots: totals.lots,
    movements: totals.movements,
    dispatches: totals.dispatches,
    lotsOnHold: totals.onHold,
    sensors: cold.sensors,
    readings: cold.readings,
    locations: cold.locations,
    placements: cold.placements,
    adminCreated,
    password: credentials.password,
    passwordGenerated: credentials.generated,
    logins: [
      { role: RoleName.Admin, email: DEMO_ADMIN_EMAIL, label: 'every warehouse' },
      ...plan.operators.map((o) => ({
        role: RoleName.Operator,
        email: o.email,
        label: plan.warehouses[o.warehouseIndex].name,
      })),
      ...plan.clients.map((c) => ({
        role: RoleName.Client,
        email: c.email,
        label: c.companyName,
      })),
    ],
  };
}

/** Loads a generated, deterministic dataset for demos and load tests. */
@Injectable()
export class DemoDataService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly seeder: RbacSeedService,
    private readonly hasher: PasswordHasher,
  ) {}

  /**
   * All or nothing, in one transaction: a failed or interrupted load leaves no partial data
   * behind, and a second load refuses because the first one's lots exist.
   */
  async load(
    options: DemoDataOptions,
    onProgress: (progress: DemoDataProgress) => void = () => undefined,
  ): Promise<DemoDataReport> {
    // Refuse before the slow parts (hashing, generation).
    if (options.password !== undefined) {
      assertPasswordAcceptable(options.password, DEMO_ADMIN_EMAIL);
    }
    await assertNoLots(this.dataSource.manager);
    await this.seeder.seed();
    const plan = planDemoData(options.scale, options.seed, options.asOf);
    const credentials: DemoCredentials =
      options.password === undefined
        ? { password: generatePassword(), generated: true }
        : { password: options.password, generated: false };
    const passwordHash = await this.hasher.hash(credentials.password);

    return this.write(plan, passwordHash, credentials, onProgress);
  }

  private async write(
    plan: DemoPlan,
    passwordHash: string,
    credentials: DemoCredentials,
    onProgress: (progress: DemoDataProgress) => void,
  ): Promise<DemoDataReport> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const [{ locked }] = await runner.manager.query<{ locked: boolean }[]>(
        'SELECT pg_try_advisory_xact_lock($1) AS locked',
        [DEMO_LOCK_KEY],
      );
      if (!locked) throw new ConflictError('Another demo-data load is running on this database.');
      await assertNoLots(runner.manager);
      await assertFree(runner.manager, plan);
      const ids = await new DemoReferenceWriter(runner.manager, plan).write(passwordHash);
      const writer = new DemoLotWriter(runner.manager, plan);
      const totals: BatchCounts = { lots: 0, movements: 0, dispatches: 0, onHold: 0 };
      onProgress({ lotsLoaded: 0, lotsTotal: plan.lots.length, movements: 0 });
      for (let start = 0; start < plan.lots.length; start += LOTS_PER_BATCH) {
        const counts = await writer.writeLots(ids, plan.lots.slice(start, start + LOTS_PER_BATCH));
        totals.lots += counts.lots;
        totals.movements += counts.movements;
        totals.dispatches += counts.dispatches;
        totals.onHold += counts.onHold;
        onProgress({
          lotsLoaded: totals.lots,
          lotsTotal: plan.lots.length,
          movements: totals.movements,
        });
      }
      await writer.writeLotCounters(ids);
      const layout = await writeDemoLayout(runner.manager, ids.chambers);
      const cold = await writeDemoReadings(runner.manager, plan, ids);
      await writeAuditEvent(runner.manager, {
        action: 'demo_data.loaded',
        entityType: 'inventory',
        after: {
          scale: plan.scale,
          seed: plan.seed,
          as_of: plan.asOf.toISOString().slice(0, 10),
          lots: totals.lots,
          movements: totals.movements,
          readings: cold.readings,
        },
      });
      await runner.commitTransaction();
      await vacuumLoadedTables(runner);
      return reportOf(plan, ids.adminCreated, totals, { ...cold, ...layout }, credentials);
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }
}
