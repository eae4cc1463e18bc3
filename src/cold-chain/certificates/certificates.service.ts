import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { normalizeDecimal } from 'src/common/entities/decimal.transformer';
import { NotFoundError } from 'src/common/errors/domain.errors';
import type { AppConfig } from 'src/config/configuration';
import { stockScope } from 'src/inventory/lot-access';
import { MovementType } from 'src/inventory/movement-type.enum';
import { scopeCondition, type DataScope } from 'src/rbac/data-scope';
import type { ExcursionDirection, LotDisposition } from 'src/cold-chain/excursions/excursion.enums';
import { bucketForChart } from 'src/cold-chain/history/buckets';
import {
  ChamberHistoryService,
  summarize,
  toPoint,
  type TemperatureFigures,
} from 'src/cold-chain/history/chamber-history.service';
import type { BucketRow } from 'src/cold-chain/history/history.sql';
import { roundC } from 'src/cold-chain/history/mkt';
import { STAY_FIGURES_SQL, type StayFiguresRow } from './certificate.sql';
import type {
  CertificateExcursionDto,
  CertificateLotDto,
  CertificateStayDto,
  ColdChainCertificateDto,
  ColdChainFiguresDto,
} from './dto/certificate.dto';
import { staysOf, type Stay, type StayMovement } from './stays';
import { certificateKey, codesMatch, verificationCode } from './verification';

/** Points of the chart over the lot's whole life, every stay together. */
export const CHART_POINTS = 500;

interface LotRow extends Omit<CertificateLotDto, 'received_at' | 'quantity_received'> {
  received_at: Date;
  chamber_id: string;
}

interface ChamberRow {
  id: string;
  code: string;
  name: string;
  min_temp_c: string;
  max_temp_c: string;
}

interface ExcursionRow {
  id: string;
  chamber_id: string;
  chamber_code: string;
  direction: ExcursionDirection;
  limit_min_c: number;
  limit_max_c: number;
  min_temp_c: number;
  max_temp_c: number;
  started_at: Date;
  ended_at: Date | null;
  held: boolean;
  disposition: LotDisposition | null;
  disposition_note: string | null;
  disposed_by: string | null;
  disposed_at: Date | null;
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

type Figures = TemperatureFigures & Pick<ColdChainFiguresDto, 'out_of_range_minutes'>;

/** A stay's readings and minutes out of range as the wire shows them. */
function figuresOf(row: StayFiguresRow | undefined): Figures {
  const bucket: BucketRow[] = row && row.reading_count > 0 ? [{ ...row, at: new Date(0) }] : [];
  return {
    ...summarize(bucket),
    out_of_range_minutes: Math.round(((row?.out_seconds ?? 0) / 60) * 10) / 10,
  };
}

export interface CertificatePdfSource {
  certificate: ColdChainCertificateDto;
  filename: string;
}

/**
 * A lot's cold-chain certificate: where it sat and when (from its ledger), the temperatures of
 * each chamber meanwhile (aggregated in SQL: a 90-day stay of minute readings returns one row),
 * the excursions that touched it, chart points, and a verification code over all of it.
 */
@Injectable()
export class CertificatesService {
  private readonly key: Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly history: ChamberHistoryService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.key = certificateKey(config.get('auth', { infer: true }).secretKey);
  }

  async certificate(scope: DataScope, lotId: string): Promise<ColdChainCertificateDto> {
    const lot = await this.lotInScope(scope, lotId);
    const movements = await this.dataSource.query<StayMovement[]>(
      `SELECT type, quantity_delta, occurred_at, from_chamber_id, to_chamber_id
         FROM stock_movements WHERE lot_id = $1 ORDER BY occurred_at, created_at, id`,
      [lot.id],
    );
    const stays = staysOf(movements, lot.chamber_id);
    const chambers = await this.dataSource.query<ChamberRow[]>(
      `SELECT id, code, name, min_temp_c::text AS min_temp_c, max_temp_c::text AS max_temp_c
         FROM chambers WHERE id = ANY($1)`,
      [[...new Set(stays.map((s) => s.chamberId))]],
    );
    const chamberOf = new Map(chambers.map((c) => [c.id, c]));
    const limits = stays.map((stay) => {
      const chamber = chamberOf.get(stay.chamberId);
      if (!chamber) throw new NotFoundError('Chamber');
      return {
        min: Math.max(Number(chamber.min_temp_c), Number(lot.commodity_min_temp_c)),
        max: Math.min(Number(chamber.max_temp_c), Number(lot.commodity_max_temp_c)),
      };
    });
    const figures = await this.stayFigures(stays, limits);
    const now = new Date();
    const chartBucket =
      stays.length > 0
        ? bucketForChart(stays[0].startedAt, stays.at(-1)?.endedAt ?? now, CHART_POINTS)
        : '1h';
    const stayDtos: CertificateStayDto[] = [];
    for (const [index, stay] of stays.entries()) {
      const chamber = chamberOf.get(stay.chamberId) as ChamberRow;
      const series = await this.history.series(
        stay.chamberId,
        stay.startedAt,
        stay.endedAt ?? now,
        chartBucket,
      );
      stayDtos.push({
        chamber_id: chamber.id,
        chamber_code: chamber.code,
        chamber_name: chamber.name,
        started_at: stay.startedAt.toISOString(),
        ended_at: iso(stay.endedAt),
        ended_by: stay.endedBy,
        limit_min_c: limits[index].min,
        limit_max_c: limits[index].max,
        ...figuresOf(figures.get(index)),
        points: series.rows.map(toPoint),
      });
    }
    const overallRows = [...figures.values()];
    const overall: Figures = {
      ...summarize(overallRows.map((row) => ({ ...row, at: new Date(0) }))),
      out_of_range_minutes:
        Math.round(stayDtos.reduce((sum, s) => sum + s.out_of_range_minutes, 0) * 10) / 10,
    };
    const content = {
      lot: {
        id: lot.id,
        lot_number: lot.lot_number,
        warehouse_id: lot.warehouse_id,
        warehouse_code: lot.warehouse_code,
        warehouse_name: lot.warehouse_name,
        warehouse_timezone: lot.warehouse_timezone,
        client_id: lot.client_id,
        company_name: lot.company_name,
        commodity_id: lot.commodity_id,
        commodity_code: lot.commodity_code,
        commodity_name: lot.commodity_name,
        unit: lot.unit,
        commodity_min_temp_c: normalizeDecimal(lot.commodity_min_temp_c),
        commodity_max_temp_c: normalizeDecimal(lot.commodity_max_temp_c),
        received_at: lot.received_at.toISOString(),
        quantity_received: movements
          .filter((m) => m.type === MovementType.Inward)
          .reduce((sum, m) => sum + m.quantity_delta, 0),
        quantity: lot.quantity,
        weight_kg: normalizeDecimal(lot.weight_kg),
        status: lot.status,
      },
      overall,
      stays: stayDtos,
      excursions: await this.excursions(lot.id, stays),
      chart_bucket: chartBucket,
    };
    return {
      ...content,
      generated_at: now.toISOString(),
      verification_code: verificationCode(this.key, content),
    };
  }

  /** Whether a code is the one the lot's certificate carries as its data stands now. */
  async verify(
    scope: DataScope,
    lotId: string,
    code: string,
  ): Promise<{ valid: boolean; verification_code: string }> {
    const { verification_code } = await this.certificate(scope, lotId);
    return { valid: codesMatch(verification_code, code), verification_code };
  }

  private async lotInScope(scope: DataScope, lotId: string): Promise<LotRow> {
    const params: unknown[] = [lotId];
    const rows = await this.dataSource.query<LotRow[]>(
      `SELECT l.id, l.lot_number, l.warehouse_id, w.code AS warehouse_code, w.name AS warehouse_name,
              w.timezone AS warehouse_timezone, l.client_id, c.company_name, l.commodity_id,
              co.code AS commodity_code, co.name AS commodity_name, co.unit,
              co.min_temp_c::text AS commodity_min_temp_c, co.max_temp_c::text AS commodity_max_temp_c,
              l.received_at, l.quantity, l.weight_kg::text AS weight_kg, l.status, l.chamber_id
         FROM lots l
         JOIN warehouses w ON w.id = l.warehouse_id
         JOIN clients c ON c.id = l.client_id
         JOIN commodities co ON co.id = l.commodity_id
        WHERE l.id = $1 AND ${scopeCondition(scope, stockScope('l'), params)}`,
      params,
    );
    const lot = rows.at(0);
    if (!lot) throw new NotFoundError('Lot');
    return lot;
  }

  /** Each stay's figures, by stay index; a stay without readings has no entry. */
  private async stayFigures(
    stays: readonly Stay[],
    limits: readonly { min: number; max: number }[],
  ): Promise<Map<number, StayFiguresRow>> {
    if (stays.length === 0) return new Map();
    const rows = await this.dataSource.query<StayFiguresRow[]>(STAY_FIGURES_SQL, [
      stays.map((_, index) => index),
      stays.map((s) => s.chamberId),
      stays.map((s) => s.startedAt),
      stays.map((s) => s.endedAt),
      limits.map((l) => l.min),
      limits.map((l) => l.max),
    ]);
    return new Map(rows.map((row) => [row.idx, row]));
  }

  /** Excursions that held the lot, and those of its chambers while it sat there. */
  private async excursions(
    lotId: string,
    stays: readonly Stay[],
  ): Promise<CertificateExcursionDto[]> {
    const rows = await this.dataSource.query<ExcursionRow[]>(
      `SELECT e.id, e.chamber_id, ch.code AS chamber_code, e.direction, e.limit_min_c, e.limit_max_c,
              e.min_temp_c, e.max_temp_c, e.started_at, e.ended_at, el.lot_id IS NOT NULL AS held,
              el.disposition, el.disposition_note, u.full_name AS disposed_by, el.disposed_at
         FROM excursions e
         JOIN chambers ch ON ch.id = e.chamber_id
         LEFT JOIN excursion_lots el ON el.excursion_id = e.id AND el.lot_id = $1
         LEFT JOIN users u ON u.id = el.disposed_by
        WHERE el.lot_id IS NOT NULL
           OR EXISTS (SELECT 1 FROM unnest($2::uuid[], $3::timestamptz[], $4::timestamptz[]) AS s (chamber_id, start_at, end_at)
                       WHERE s.chamber_id = e.chamber_id
                         AND e.started_at < coalesce(s.end_at, 'infinity'::timestamptz)
                         AND coalesce(e.ended_at, 'infinity'::timestamptz) > s.start_at)
        ORDER BY e.started_at, e.id`,
      [
        lotId,
        stays.map((s) => s.chamberId),
        stays.map((s) => s.startedAt),
        stays.map((s) => s.endedAt),
      ],
    );
    return rows.map((row) => ({
      ...row,
      limit_min_c: roundC(row.limit_min_c),
      limit_max_c: roundC(row.limit_max_c),
      min_temp_c: roundC(row.min_temp_c),
      max_temp_c: roundC(row.max_temp_c),
      started_at: row.started_at.toISOString(),
      ended_at: iso(row.ended_at),
      disposed_at: iso(row.disposed_at),
    }));
  }

  /** The certificate and the PDF's file name. */
  async forPdf(scope: DataScope, lotId: string): Promise<CertificatePdfSource> {
    const certificate = await this.certificate(scope, lotId);
    return { certificate, filename: `cold-chain-${certificate.lot.lot_number}.pdf` };
  }
}
