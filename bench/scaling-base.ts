/**
 * The base of `npm run bench:scaling`'s datasets, built once into a template: the demo data at
 * scale medium (5 warehouses, 80 chambers, 60 clients, 10,000 lots, 30 days of readings), a
 * rate card billing every client, and the demo readings judged by the API's own sweep, so no
 * API started on a copy has a backlog to judge while it is measured.
 */
import { join } from 'node:path';
import { cli, contentHash, ensureTemplate, judgeReadings, withClient } from './database';
import { DEMO_PASSWORD } from './fixtures';

/** The day after the generated year (the main bench's). */
export const AS_OF = '2026-06-30';
const BASE_ARGS = ['--scale', 'medium', '--seed', '1', '--as-of', AS_OF];

export interface ScalingDataOptions {
  /** A superuser URL of the server. */
  adminUrl: string;
  baseEnv: NodeJS.ProcessEnv;
  /** Where the API listens while it judges the base's readings. */
  apiPort: number;
  logDir: string;
  log: (line: string) => void;
}

/** What the base holds: the migrations, demo-data, its arguments and this file. */
export function baseHash(bcryptRounds: string): string {
  return contentHash(['bench/scaling-base.ts'], [BASE_ARGS.join(' '), DEMO_PASSWORD, bcryptRounds]);
}

/** The base template's name, built now if missing. */
export async function ensureBaseTemplate(options: ScalingDataOptions): Promise<string> {
  const template = `bench_scale_base_${baseHash(options.baseEnv.BCRYPT_ROUNDS ?? '')}`;
  await ensureTemplate({
    adminUrl: options.adminUrl,
    template,
    stalePrefix: 'bench_scale_base_',
    describe: `demo-data ${BASE_ARGS.join(' ')}; about three minutes`,
    log: options.log,
    build: async (url) => {
      const env = { ...options.baseEnv, DATABASE_URL: url };
      cli(['migrate'], env, options.log);
      cli(['demo-data', ...BASE_ARGS, '--password-stdin'], env, options.log, `${DEMO_PASSWORD}\n`);
      await withClient(url, (db) =>
        db.query(
          `INSERT INTO rate_cards (name, basis, storage_rate, inward_handling_rate,
                                   outward_handling_rate, currency, tax_rate_percent, effective_from)
           VALUES ('Bench standard', 'PER_UNIT_PER_MONTH', 12, 2, 2, 'INR', 18, '2020-01-01')`,
        ),
      );
      options.log('  judging the demo readings (the API sweeps a minute after it starts)');
      await judgeReadings({
        url,
        baseEnv: options.baseEnv,
        port: options.apiPort,
        logFile: join(options.logDir, 'scaling-api.log'),
      });
    },
  });
  return template;
}
