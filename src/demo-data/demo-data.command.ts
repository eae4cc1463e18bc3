import { Command, CommandRunner, Option } from 'nest-commander';
import { readFirstLine } from 'src/common/cli/stdin';
import { RoleName } from 'src/rbac/role-name.enum';
import { DEMO_SCALES } from './generator';
import {
  DemoDataService,
  type DemoDataOptions,
  type DemoDataProgress,
  type DemoDataReport,
} from './demo-data.service';

interface DemoDataFlags {
  scale?: string;
  seed?: string;
  asOf?: string;
  passwordStdin?: boolean;
}

/** Client accounts printed at the end; the rest are a query away. */
const CLIENTS_LISTED = 5;
const MAX_SEED = 4_294_967_295;

const count = (n: number): string => n.toLocaleString('en-US');

function todayUtc(): Date {
  return new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
}

function parseFlags(flags: DemoDataFlags): Omit<DemoDataOptions, 'password'> {
  // Checked here: commander's `choices` gives way to the option's parser method.
  const scale = DEMO_SCALES.find((name) => name === flags.scale);
  if (scale === undefined) {
    throw new Error(
      `--scale must be one of ${DEMO_SCALES.join(', ')}, not "${flags.scale ?? ''}".`,
    );
  }
  const seedText = flags.seed ?? '1';
  const seed = Number(seedText);
  if (!/^\d+$/.test(seedText) || seed > MAX_SEED) {
    throw new Error(`--seed must be a whole number from 0 to ${MAX_SEED}, not "${seedText}".`);
  }
  let asOf = todayUtc();
  if (flags.asOf !== undefined) {
    asOf = new Date(`${flags.asOf}T00:00:00Z`);
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(flags.asOf) ||
      Number.isNaN(asOf.getTime()) ||
      asOf.toISOString().slice(0, 10) !== flags.asOf
    ) {
      throw new Error(`--as-of must be a date as YYYY-MM-DD, not "${flags.asOf}".`);
    }
  }
  return { scale, seed, asOf };
}

async function readPasswordFromStdin(): Promise<string> {
  const password = await readFirstLine(process.stdin);
  if (!password) {
    throw new Error(
      'No password on stdin: pipe it as the first line, e.g. printf \'%s\\n\' "$DEMO_PASSWORD" | ... demo-data --password-stdin.',
    );
  }
  return password;
}

/**
 * Progress on stderr, so stdout keeps only the result: a redrawn bar on a terminal, a line per
 * tenth otherwise (logs and pipes would fill up with bars).
 */
class ProgressReport {
  private readonly started = Date.now();
  private lastDrawn = 0;
  private lastTenth = -1;

  constructor(private readonly out: NodeJS.WriteStream) {}

  update(progress: DemoDataProgress): void {
    const fraction = progress.lotsTotal === 0 ? 1 : progress.lotsLoaded / progress.lotsTotal;
    const seconds = Math.round((Date.now() - this.started) / 1000);
    const text = `${Math.floor(fraction * 100)}% ${count(progress.lotsLoaded)}/${count(progress.lotsTotal)} lots, ${count(progress.movements)} movements, ${seconds}s`;
    if (this.out.isTTY) {
      const now = Date.now();
      if (fraction < 1 && now - this.lastDrawn < 100) return;
      this.lastDrawn = now;
      const width = 30;
      const filled = Math.round(fraction * width);
      this.out.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${text}\u001b[K`);
      if (fraction >= 1) this.out.write('\n');
      return;
    }
    const tenth = Math.floor(fraction * 10);
    if (tenth === this.lastTenth) return;
    this.lastTenth = tenth;
    this.out.write(`demo-data: ${text}\n`);
  }
}

function summary(report: DemoDataReport, seconds: string): string[] {
  const asOf = report.asOf.toISOString().slice(0, 10);
  const clients = report.logins.filter((l) => l.role === RoleName.Client);
  const listed = [
    ...report.logins.filter((l) => l.role !== RoleName.Client),
    ...clients.slice(0, CLIENTS_LISTED),
  ];
  const width = Math.max(...listed.map((l) => l.email.length));
  const lines = [
    `Loaded demo data (scale ${report.scale}, seed ${report.seed}, the year before ${asOf}) in ${seconds} s:`,
    `  ${count(report.warehouses)} warehouses, ${count(report.chambers)} chambers, ${count(report.commodities)} commodities, ${count(report.clients)} clients, ` +
      `${count(report.lots)} lots (${count(report.lotsOnHold)} on hold), ${count(report.movements)} movements, ${count(report.dispatches)} dispatches, ` +
      `${count(report.sensors)} sensors with ${count(report.readings)} temperature readings, ` +
      `${count(report.locations)} storage locations with ${count(report.placements)} lots placed in slots.`,
    '  The API judges the readings for excursions within a minute of starting (GET /api/excursions).',
    '',
    report.passwordGenerated
      ? `Demo sign-in: every demo account's password is ${report.password} (made for this load; it is not shown again)`
      : "Demo sign-in: every demo account's password is the one given on stdin",
    ...listed.map((login) => {
      const note =
        login.role === RoleName.Admin && !report.adminCreated
          ? '(already existed: it keeps its own password)'
          : login.label;
      return `  ${login.role.padEnd(9)} ${login.email.padEnd(width)}  ${note}`;
    }),
  ];
  if (clients.length > CLIENTS_LISTED) {
    lines.push(
      `  ... and ${count(clients.length - CLIENTS_LISTED)} more clients (GET /api/admin/users as the admin).`,
    );
  }
  return lines;
}

@Command({
  name: 'demo-data',
  description:
    'Load a deterministic demo dataset: warehouses, clients, users, a year of lots and movements, and recent temperature readings (refuses when lots exist)',
})
export class DemoDataCommand extends CommandRunner {
  constructor(private readonly demo: DemoDataService) {
    super();
  }

  async run(_args: string[], flags: DemoDataFlags): Promise<void> {
    const options: DemoDataOptions = {
      ...parseFlags(flags),
      password: flags.passwordStdin ? await readPasswordFromStdin() : undefined,
    };
    const started = Date.now();
    const progress = new ProgressReport(process.stderr);
    const report = await this.demo.load(options, (p) => {
      progress.update(p);
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    for (const line of summary(report, seconds)) console.log(line);
  }

  @Option({
    flags: '--scale <scale>',
    description:
      'small (2 warehouses, ~200 lots), medium (5, ~10k) or large (12, ~110k lots, >1M movements)',
    choices: [...DEMO_SCALES],
    required: true,
  })
  parseScale(value: string): string {
    return value;
  }

  @Option({
    flags: '--seed <n>',
    description: 'Random seed: the same seed and as-of date give the same data (default 1)',
  })
  parseSeed(value: string): string {
    return value;
  }

  @Option({
    flags: '--password-stdin',
    description:
      "Read the demo accounts' password from the first line of stdin (default: a random one, printed once)",
  })
  parsePasswordStdin(): boolean {
    return true;
  }

  @Option({
    flags: '--as-of <date>',
    description: 'Day after the generated year, YYYY-MM-DD (default today, UTC)',
  })
  parseAsOf(value: string): string {
    return value;
  }
}
