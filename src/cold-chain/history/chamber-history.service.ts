import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { normalizeDecimal } from 'src/common/entities/decimal.transformer';
import { NotFoundError } from 'src/common/errors/domain.errors';
import { invalid } from 'src/common/validation/validation-failed.error';
import { scopeCondition, type DataScope } from 'src/rbac/data-scope';
import {
  BUCKET_SECONDS,
  ROLLUP_MIN_SECONDS,
  bucketCount,
  snapToBuckets,
  type Bucket,
} from './buckets';
import type {
  ChamberTemperatureOutDto,
  TemperatureHistoryQueryDto,
  TemperaturePointDto,
  TemperatureSummaryDto,
} from './dto/temperature-history.dto';
import { READING_BUCKETS_SQL, ROLLUP_BUCKETS_SQL, type BucketRow } from './history.sql';
import { combineArrhenius, meanKineticTemperatureC, roundC } from './mkt';

/** At most this many buckets in one answer: a year of hours (8,784) fits. */
export const MAX_POINTS = 10_000;
const DEFAULT_SPAN_MS = 24 * 3_600_000;

export interface ChamberRef {
  id: string;
  code: string;
  name: string;
  warehouse_id: string;
  min_temp_c: string;
  max_temp_c: string;
}

export interface Series {
  from: Date;
  to: Date;
  bucket: Bucket;
  source: 'readings' | 'rollups';
  rows: BucketRow[];
}

const round = (value: number | null): number | null => (value === null ? null : roundC(value));

/** A bucket as the wire shows it. */
export function toPoint(row: BucketRow): TemperaturePointDto {
  return {
    at: row.at.toISOString(),
    reading_count: row.reading_count,
    min_c: roundC(row.min_c),
    max_c: roundC(row.max_c),
    avg_c: roundC(row.sum_c / row.reading_count),
  };
}

/** A period's figures (the wire's TemperatureSummaryDto), °C to 2 places. */
export type TemperatureFigures = Pick<
  TemperatureSummaryDto,
  'reading_count' | 'min_c' | 'max_c' | 'mean_c' | 'mkt_c'
>;

/** Count, extremes, mean and MKT of a series' buckets together. */
export function summarize(rows: readonly BucketRow[]): TemperatureFigures {
  const count = rows.reduce((n, r) => n + r.reading_count, 0);
  if (count === 0) {
    return { reading_count: 0, min_c: null, max_c: null, mean_c: null, mkt_c: null };
  }
  const arrhenius = combineArrhenius(
    rows.map((r) => ({ count: r.reading_count, lnSum: r.ln_arrhenius })),
  );
  return {
    reading_count: count,
    min_c: roundC(Math.min(...rows.map((r) => r.min_c))),
    max_c: roundC(Math.max(...rows.map((r) => r.max_c))),
    mean_c: roundC(rows.reduce((sum, r) => sum + r.sum_c, 0) / count),
    mkt_c: round(meanKineticTemperatureC(arrhenius)),
  };
}

/**
 * A chamber's temperature over time: min, max and mean per bucket, from the raw readings for
 * buckets under an hour and from the hourly rollups otherwise, with the period's MKT.
 */
@Injectable()
export class ChamberHistoryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A chamber a warehouse's staff (or unrestricted staff) may see; a client sees chambers only
   * through its lots' certificates, so to a client every chamber is "not found".
   */
  async chamberInScope(scope: DataScope, chamberId: string): Promise<ChamberRef> {
    const params: unknown[] = [chamberId];
    const rows = await this.dataSource.query<ChamberRef[]>(
      `SELECT ch.id, ch.code, ch.name, ch.warehouse_id, ch.min_temp_c::text AS min_temp_c,
              ch.max_temp_c::text AS max_temp_c
         FROM chambers ch
        WHERE ch.id = $1 AND ${scopeCondition(scope, { warehouse: 'ch.warehouse_id' }, params)}`,
      params,
    );
    const chamber = rows.at(0);
    if (!chamber) throw new NotFoundError('Chamber');
    return {
      ...chamber,
      min_temp_c: normalizeDecimal(chamber.min_temp_c),
      max_temp_c: normalizeDecimal(chamber.max_temp_c),
    };
  }

  /** The buckets of [from, to) (snapped outwards to whole buckets) holding readings. */
  async series(chamberId: string, from: Date, to: Date, bucket: Bucket): Promise<Series> {
    const span = snapToBuckets(from, to, bucket);
    const seconds = BUCKET_SECONDS[bucket];
    const source = seconds >= ROLLUP_MIN_SECONDS ? 'rollups' : 'readings';
    const rows = await this.dataSource.query<BucketRow[]>(
      source === 'rollups' ? ROLLUP_BUCKETS_SQL : READING_BUCKETS_SQL,
      [chamberId, span.from, span.to, seconds],
    );
    return { ...span, bucket, source, rows };
  }

  async history(
    scope: DataScope,
    chamberId: string,
    query: TemperatureHistoryQueryDto,
  ): Promise<ChamberTemperatureOutDto> {
    const to = query.to ?? new Date();
    const from = query.from ?? new Date(to.getTime() - DEFAULT_SPAN_MS);
    const bucket = query.bucket ?? '1h';
    if (from >= to) throw invalid('from', 'from must be before to');
    const points = bucketCount(snapToBuckets(from, to, bucket), bucket);
    if (points > MAX_POINTS) {
      throw invalid(
        'bucket',
        `from..to in ${bucket} buckets makes ${points} points; at most ${MAX_POINTS}: choose a larger bucket or a shorter period`,
      );
    }
    const chamber = await this.chamberInScope(scope, chamberId);
    const series = await this.series(chamber.id, from, to, bucket);
    return {
      chamber_id: chamber.id,
      chamber_code: chamber.code,
      warehouse_id: chamber.warehouse_id,
      chamber_min_temp_c: chamber.min_temp_c,
      chamber_max_temp_c: chamber.max_temp_c,
      from: series.from.toISOString(),
      to: series.to.toISOString(),
      bucket,
      source: series.source,
      ...summarize(series.rows),
      points: series.rows.map(toPoint),
    };
  }
}
