import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { CommandMeta } from 'nest-commander/src/constants';
import { CLI_COMMAND_MODULES, CliModule } from './cli.module';
import { loadConfig } from './config/configuration';
import { isDatabaseUnavailable } from './database/database-errors';
import { prepareDatabase, type DatabaseRuntime } from './database/database-runtime';
import { seedRolesAfterMigrate } from 'src/rbac/rbac-seed.service';

function commandNames(): string[] {
  return CLI_COMMAND_MODULES.flatMap((module) => {
    const providers = (Reflect.getMetadata('providers', module) ?? []) as unknown[];
    return providers
      .map(
        (provider) =>
          Reflect.getMetadata(CommandMeta, provider as object) as { name?: string } | undefined,
      )
      .map((meta) => meta?.name?.split(' ')[0])
      .filter((name): name is string => typeof name === 'string');
  });
}

/** Commands that work from the code alone. */
const WITHOUT_DATABASE = new Set(['openapi']);

function needsDatabase(argv: string[]): boolean {
  if (argv.some((arg) => arg === '--help' || arg === '-h')) return false;
  return argv.length > 0 && !WITHOUT_DATABASE.has(argv[0]) && commandNames().includes(argv[0]);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const config = loadConfig();
  let database: DatabaseRuntime | null = null;
  try {
    if (needsDatabase(argv)) {
      database = await prepareDatabase(config, {
        log: (m) => process.stderr.write(`${m}\n`),
        afterMigrate: seedRolesAfterMigrate,
      });
    }
    await CommandFactory.run(CliModule.forRoot({ config, databaseUrl: database?.url ?? null }), {
      logger: false,
      abortOnError: false,
      cliName: 'coldstore',
      serviceErrorHandler: (error: Error) => {
        process.stderr.write(`Error: ${error.message}\n`);
        process.exitCode = 1;
      },
    });
  } finally {
    await database?.release();
  }
}

main().catch((error: unknown) => {
  const message = (error as Error).message;
  process.stderr.write(
    isDatabaseUnavailable(error) ? `Cannot reach the database: ${message}\n` : `${message}\n`,
  );
  process.exit(1);
});
