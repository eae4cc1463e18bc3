import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BusinessRuleError, NotFoundError } from 'src/common/errors/domain.errors';
import { normalizeDecimal } from 'src/common/entities/decimal.transformer';
import { likePrefix, SqlConditions } from 'src/common/sql-conditions';
import type { DataScope } from 'src/rbac/data-scope';
import { chamberInScope } from 'src/inventory/locations/chamber-in-scope';
import { MAX_LABELS, type LocationLabelsQueryDto } from './dto/label.dto';
import type { Label } from './label';
import { locationScanCode } from './location-code';

interface LocationLabelRow {
  code: string;
  kind: string;
  name: string | null;
  capacity_units: number | null;
  capacity_kg: string | null;
  capacity_pallets: number | null;
}

function capacity(row: LocationLabelRow): string {
  const parts = [
    row.capacity_units === null ? null : `${row.capacity_units} units`,
    row.capacity_kg === null ? null : `${normalizeDecimal(row.capacity_kg)} kg`,
    row.capacity_pallets === null ? null : `${row.capacity_pallets} pallets`,
  ].filter((part) => part !== null);
  return parts.length > 0 ? parts.join(', ') : 'not set';
}

@Injectable()
export class LocationLabelsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Labels of a chamber's locations in tree order: those without children (where lots sit), or
   * every location of one kind; below parent_id at any depth, and codes starting with `code`.
   */
  async locationLabels(
    scope: DataScope,
    chamberId: string,
    query: LocationLabelsQueryDto,
  ): Promise<{ chamber: string; labels: Label[] }> {
    const chamber = await chamberInScope(this.dataSource.manager, scope, chamberId);
    const where = new SqlConditions();
    where.add(`s.chamber_id = ${where.param(chamberId)}`);
    if (query.kind) where.add(`s.kind = ${where.param(query.kind)}`);
    else {
      where.add('NOT EXISTS (SELECT 1 FROM storage_locations c WHERE c.parent_id = s.id)');
    }
    if (query.code) where.add(`s.code LIKE ${where.param(likePrefix(query.code))}`);
    if (query.parent_id) {
      const parent = (
        await this.dataSource.query<{ path: string }[]>(
          'SELECT path FROM storage_locations WHERE id = $1 AND chamber_id = $2',
          [query.parent_id, chamberId],
        )
      ).at(0);
      if (!parent) throw new NotFoundError('Location');
      where.add(`s.path LIKE ${where.param(likePrefix(`${parent.path}/`))}`);
    }
    const rows = await this.dataSource.query<LocationLabelRow[]>(
      `SELECT s.code, s.kind, s.name, s.capacity_units, s.capacity_kg::text AS capacity_kg,
              s.capacity_pallets
         FROM storage_locations s ${where.sql()}
        ORDER BY s.path, s.id
        LIMIT ${MAX_LABELS + 1}`,
      where.params,
    );
    if (rows.length > MAX_LABELS) {
      throw new BusinessRuleError(
        `More than ${MAX_LABELS} locations match; narrow them with parent_id, kind or code.`,
      );
    }
    const labels = rows.map((row) => ({
      code: locationScanCode(chamber.code, row.code),
      facts: [
        { name: 'Chamber', value: `${chamber.code} ${chamber.name}` },
        { name: 'Location', value: [row.kind, row.name].filter(Boolean).join(' ') },
        { name: 'Capacity', value: capacity(row) },
      ],
    }));
    return { chamber: chamber.code, labels };
  }
}
