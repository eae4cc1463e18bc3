import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Command, CommandRunner, Option } from 'nest-commander';
import { BusinessRuleError } from 'src/common/errors/domain.errors';
import { createValidationPipe } from 'src/common/validation/validation.pipe';
import { SYSTEM_SCOPE } from 'src/rbac/data-scope';
import { TraceabilityExportQueryDto } from './dto/traceability-export-query.dto';
import { TraceabilityExportService } from './traceability-export.service';

/** The flag of each query field the route names in a refusal. */
const FLAGS: Record<string, string> = {
  from: '--from',
  to: '--to',
  commodity_id: '--commodity',
  tlc: '--tlc',
  warehouse_id: '--warehouse',
  format: '--format',
};

/** A refusal as a terminal reads it: each field error under the flag that set it. */
function namingFlags(error: unknown): unknown {
  if (!(error instanceof BusinessRuleError) || error.errors.length === 0) return error;
  const lines = error.errors.map(
    (field) => `  ${FLAGS[field.field] ?? field.field}: ${field.message}`,
  );
  return new Error([error.message, ...lines].join('\n'));
}

interface ExportFlags {
  from?: string;
  to?: string;
  commodity?: string;
  tlc?: string;
  warehouse?: string;
  format?: string;
  out?: string;
}

/**
 * The FSMA 204 export from a terminal (every warehouse, no sign-in): the same checks and file as
 * GET /api/traceability/export, written to a file. Written beside its name and renamed when
 * complete, so a failure never leaves a truncated file under the name asked for.
 */
@Command({
  name: 'traceability-export',
  description:
    'Write the FSMA 204 sortable spreadsheet (XLSX, or CSV) of a period for an FDA request',
})
export class TraceabilityExportCommand extends CommandRunner {
  constructor(private readonly exports: TraceabilityExportService) {
    super();
  }

  async run(_args: string[], flags: ExportFlags): Promise<void> {
    const query = await this.query(flags);
    const file = await this.exports.open(SYSTEM_SCOPE, query).catch((error: unknown) => {
      throw namingFlags(error);
    });
    const target = flags.out ?? file.filename;
    const partial = `${target}.partial`;
    try {
      await pipeline(file.stream, createWriteStream(partial));
      await rename(partial, target);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    console.log(`Wrote ${target}.`);
  }

  /** The flags as the route's query, checked by the same pipe (a refusal names the flag). */
  private async query(flags: ExportFlags): Promise<TraceabilityExportQueryDto> {
    const given = {
      from: flags.from,
      to: flags.to,
      commodity_id: flags.commodity,
      tlc: flags.tlc,
      warehouse_id: flags.warehouse,
      format: flags.format,
    };
    const plain = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
    try {
      return (await createValidationPipe().transform(plain, {
        type: 'query',
        metatype: TraceabilityExportQueryDto,
      })) as TraceabilityExportQueryDto;
    } catch (error) {
      throw namingFlags(error);
    }
  }

  @Option({ flags: '--from <YYYY-MM-DD>', description: 'First day, inclusive', required: true })
  parseFrom(value: string): string {
    return value;
  }

  @Option({ flags: '--to <YYYY-MM-DD>', description: 'Last day, inclusive', required: true })
  parseTo(value: string): string {
    return value;
  }

  @Option({ flags: '--commodity <uuid>', description: 'Only this commodity' })
  parseCommodity(value: string): string {
    return value;
  }

  @Option({ flags: '--tlc <code>', description: 'Only this traceability lot code' })
  parseTlc(value: string): string {
    return value;
  }

  @Option({ flags: '--warehouse <uuid>', description: 'Only this warehouse' })
  parseWarehouse(value: string): string {
    return value;
  }

  @Option({ flags: '--format <xlsx|csv>', description: 'xlsx (default) or csv' })
  parseFormat(value: string): string {
    return value;
  }

  @Option({
    flags: '--out <file>',
    description: 'Where to write it (default fsma204-<from>-<to>.<format> here)',
  })
  parseOut(value: string): string {
    return value;
  }
}
