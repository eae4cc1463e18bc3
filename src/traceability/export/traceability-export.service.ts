import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PassThrough, type Readable } from 'node:stream';
import type { DataSource, QueryRunner } from 'typeorm';
import { BusinessRuleError } from 'src/common/errors/domain.errors';
import type { DataScope } from 'src/rbac/data-scope';
import { assertWarehouseInScope } from 'src/warehouses/warehouse-scope';
import {
  TraceabilityExportFormat,
  type TraceabilityExportQueryDto,
} from './dto/traceability-export-query.dto';
import {
  cursorBatches,
  eventsQuery,
  plansQuery,
  type ExportFilters,
  type PlanRow,
} from './export-query';
import {
  ExportAbortedError,
  writeCsv,
  writeXlsx,
  type ExportParameters,
  type RowSource,
} from './export-writers';

export const XLSX_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

/** An export whose checks have passed: its bytes follow on the stream. */
export interface TraceabilityExportFile {
  filename: string;
  contentType: string;
  stream: Readable;
}

const MAX_YEARS = 3;

/** The same calendar day `years` later (29 February → 1 March). */
function yearsAfter(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}

/**
 * The FSMA 204 records a store hands the FDA within 24 hours of a request (21 CFR 1.1455(c)):
 * every Critical Tracking Event of Food Traceability List foods in a period, as a sortable
 * spreadsheet or CSV, streamed from a cursor so a year of a large store takes seconds and
 * little memory.
 */
@Injectable()
export class TraceabilityExportService {
  private readonly logger = new Logger(TraceabilityExportService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Checks the request and opens a read-only snapshot (422 and 404 are answered here, before
   * any byte); the file is then written to the returned stream as the rows are read.
   */
  async open(scope: DataScope, query: TraceabilityExportQueryDto): Promise<TraceabilityExportFile> {
    this.checkPeriod(query.from, query.to);
    const filters: ExportFilters = {
      from: query.from,
      to: query.to,
      commodityId: query.commodity_id ?? null,
      tlc: query.tlc ?? null,
      warehouseId: query.warehouse_id ?? null,
    };
    const format = query.format ?? TraceabilityExportFormat.Xlsx;
    const runner = this.dataSource.createQueryRunner();
    let plans: PlanRow[];
    try {
      await runner.connect();
      if (filters.warehouseId) {
        await assertWarehouseInScope(runner.manager, scope, filters.warehouseId);
      }
      // One snapshot for every sheet, so a shipment recorded meanwhile appears in none or all.
      await runner.startTransaction('REPEATABLE READ');
      await runner.query('SET TRANSACTION READ ONLY');
      const planQuery = plansQuery(scope, filters);
      plans = (await runner.query(planQuery.sql, planQuery.params)) as PlanRow[];
    } catch (error) {
      await this.finish(runner);
      throw error;
    }

    const out = new PassThrough();
    const rows: RowSource = (type) => cursorBatches(runner, eventsQuery(scope, filters, type));
    const write =
      format === TraceabilityExportFormat.Csv
        ? writeCsv(out, rows)
        : writeXlsx(out, plans, this.parameters(query, format), rows);
    void write
      .catch((error: unknown) => {
        if (error instanceof ExportAbortedError) return;
        this.logger.error({ err: error }, 'Traceability export failed while streaming');
        // The response is cut short: a truncated file must not pass for a complete one.
        out.destroy(error instanceof Error ? error : new Error(String(error)));
      })
      .finally(() => this.finish(runner));
    return {
      filename: `fsma204-${query.from}-${query.to}.${format}`,
      contentType: format === TraceabilityExportFormat.Csv ? CSV_CONTENT_TYPE : XLSX_CONTENT_TYPE,
      stream: out,
    };
  }

  private checkPeriod(from: string, to: string): void {
    if (to < from) {
      throw new BusinessRuleError('The period ends before it starts.', [
        { field: 'to', message: 'to must not be before from' },
      ]);
    }
    if (to >= yearsAfter(from, MAX_YEARS)) {
      throw new BusinessRuleError(`An export covers at most ${MAX_YEARS} years.`, [
        { field: 'to', message: `to must be less than ${MAX_YEARS} years after from` },
      ]);
    }
  }

  private parameters(
    query: TraceabilityExportQueryDto,
    format: TraceabilityExportFormat,
  ): ExportParameters {
    return [
      ['From (warehouse local day)', query.from],
      ['To (warehouse local day)', query.to],
      ['Commodity ID', query.commodity_id ?? 'All Food Traceability List commodities'],
      ['Traceability lot code', query.tlc ?? 'All'],
      ['Warehouse ID', query.warehouse_id ?? 'All warehouses in your scope'],
      ['Format', format],
      ['Generated at (UTC)', new Date().toISOString()],
    ];
  }

  /** Ends the read-only transaction, if any, and gives the connection back. */
  private async finish(runner: QueryRunner): Promise<void> {
    try {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not end the traceability export transaction');
    } finally {
      await runner.release();
    }
  }
}
