import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { NotFoundError } from 'src/common/errors/domain.errors';
import {
  type CursorKey,
  type CursorPart,
  cursorTimestampSql,
  decodeCursor,
  encodeCursor,
} from 'src/common/pagination/keyset';
import type { Page } from 'src/common/pagination/pagination';
import { SqlConditions, likePrefix } from 'src/common/sql-conditions';
import { scopeCondition, type DataScope } from 'src/rbac/data-scope';
import { stockScope } from 'src/inventory/lot-access';
import type { PlacementOutDto } from 'src/inventory/locations/dto/placement.dto';
import { placementFields, placementsJsonSql } from 'src/inventory/locations/placements';
import {
  toLotOut,
  type ListLotsQueryDto,
  type LotDetailOutDto,
  type LotOutDto,
  type LotRow,
  type LotSort,
} from 'src/inventory/dto/lot.dto';
import {
  toMovementOut,
  toStockMovementOut,
  type ListMovementsQueryDto,
  type MovementRow,
  type StockMovementOutDto,
  type StockMovementRow,
} from 'src/inventory/dto/movement.dto';

const LOT_COLUMNS = `l.id, l.lot_number, l.warehouse_id, l.client_id,
       l.commodity_id, c.code AS commodity_code, c.name AS commodity_name, c.unit,
       l.chamber_id, ch.code AS chamber_code, l.position, l.grade, l.quantity,
       l.weight_kg::text AS weight_kg, l.received_at, l.expiry_date::text AS expiry_date,
       l.status, l.hold_reason, l.created_at, l.updated_at`;

const LOT_FROM = `FROM lots l
  JOIN commodities c ON c.id = l.commodity_id
  JOIN chambers ch ON ch.id = l.chamber_id`;

// The id settles ties, so pages never overlap or skip rows.
const LOT_ORDER: Record<LotSort, string> = {
  received_at: 'l.received_at ASC, l.id ASC',
  '-received_at': 'l.received_at DESC, l.id DESC',
  expiry_date: 'l.expiry_date ASC NULLS LAST, l.id ASC',
  '-expiry_date': 'l.expiry_date DESC NULLS LAST, l.id DESC',
  lot_number: 'l.lot_number ASC, l.id ASC',
  '-lot_number': 'l.lot_number DESC, l.id DESC',
  quantity: 'l.quantity ASC, l.id ASC',
  '-quantity': 'l.quantity DESC, l.id DESC',
};

const MOVEMENT_COLUMNS = `m.id, m.type, m.quantity_delta, m.weight_delta_kg::text AS weight_delta_kg,
       m.occurred_at, m.dispatch_id, m.from_chamber_id, m.to_chamber_id, m.reason_code,
       m.reference, m.vehicle_number, m.notes, m.recorded_by_id, m.created_at`;

const MOVEMENT_ORDER = 'm.occurred_at DESC, m.created_at DESC, m.id DESC';

/** How a lot sort reads by keyset: its column, how a cursor prints it, what it must hold. */
interface LotKey {
  column: string;
  print: string;
  cast: string;
  part: CursorPart;
  descending: boolean;
  /** Sorted NULLS LAST both ways (the expiry date). */
  nullable?: boolean;
}

const lotKey = (sort: LotSort): LotKey => {
  const descending = sort.startsWith('-');
  const name = (descending ? sort.slice(1) : sort) as Exclude<LotSort, `-${string}`>;
  switch (name) {
    case 'received_at':
      return {
        column: 'l.received_at',
        print: cursorTimestampSql('l.received_at'),
        cast: 'timestamptz',
        part: 'timestamp',
        descending,
      };
    case 'expiry_date':
      return {
        column: 'l.expiry_date',
        print: 'l.expiry_date::text',
        cast: 'date',
        part: 'date',
        descending,
        nullable: true,
      };
    case 'lot_number':
      return {
        column: 'l.lot_number',
        print: 'l.lot_number',
        cast: 'text',
        part: 'text',
        descending,
      };
    case 'quantity':
      return {
        column: 'l.quantity',
        print: 'l.quantity::text',
        cast: 'int',
        part: 'integer',
        descending,
      };
  }
};

/** The rows after a lot cursor's, in its sort (NULLS LAST expiry dates included). */
function afterLot(key: LotKey, [value, id]: CursorKey, where: SqlConditions): string {
  const op = key.descending ? '<' : '>';
  if (!key.nullable) {
    const v = `${where.param(value)}::${key.cast}`;
    // The first half is what an index on the column can seek to; the row comparison settles ties.
    return `(${key.column} ${op}= ${v} AND (${key.column}, l.id) ${op} (${v}, ${where.param(id)}::uuid))`;
  }
  const idAfter = `l.id ${op} ${where.param(id)}::uuid`;
  if (value === null) return `(${key.column} IS NULL AND ${idAfter})`;
  const v = `${where.param(value)}::${key.cast}`;
  return `(${key.column} ${op} ${v} OR (${key.column} = ${v} AND ${idAfter}) OR ${key.column} IS NULL)`;
}

/** A row with the key its cursor is made of. */
interface Keyed {
  id: string;
  cursor_key: string | null;
}

interface MovementKeyed {
  id: string;
  cursor_occurred: string;
  cursor_created: string;
}

/** The next page's cursor, when this page is full (a short page is the last). */
function nextCursor<Row>(
  items: Row[],
  limit: number,
  cursor: (row: Row) => string,
): string | undefined {
  const last = items.at(-1);
  return last !== undefined && items.length === limit ? cursor(last) : undefined;
}

/**
 * Reading stock: lots and movements within the caller's scope. A listing page costs at most
 * two queries (the rows with their joins, then the count only when the page does not tell
 * it), whatever the page size.
 */
@Injectable()
export class InventoryQueriesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async listLots(scope: DataScope, query: ListLotsQueryDto): Promise<Page<LotOutDto>> {
    const where = new SqlConditions();
    where.add(scopeCondition(scope, stockScope('l'), where.params));
    if (query.warehouse_id) where.add(`l.warehouse_id = ${where.param(query.warehouse_id)}`);
    if (query.client_id) where.add(`l.client_id = ${where.param(query.client_id)}`);
    if (query.commodity_id) where.add(`l.commodity_id = ${where.param(query.commodity_id)}`);
    if (query.chamber_id) where.add(`l.chamber_id = ${where.param(query.chamber_id)}`);
    if (query.status) where.add(`l.status = ${where.param(query.status)}`);
    if (query.lot_number) {
      // Lot numbers are upper-case; LIKE 'PREFIX%' is served by ix_lots_lot_number_prefix.
      where.add(`l.lot_number LIKE ${where.param(likePrefix(query.lot_number.toUpperCase()))}`);
    }
    if (query.received_from) where.add(`l.received_at >= ${where.param(query.received_from)}`);
    if (query.received_to) where.add(`l.received_at < ${where.param(query.received_to)}`);
    if (query.expiring_before) {
      where.add(`l.expiry_date < ${where.param(query.expiring_before)}::date`);
    }
    const sort = query.sort ?? '-received_at';
    const key = lotKey(sort);
    const tag = `lots:${sort}`;
    const after = decodeCursor(query, tag, [
      { part: key.part, nullable: key.nullable },
      { part: 'uuid' },
    ]);
    const countSql = `SELECT count(*)::int AS total FROM lots l ${where.sql()}`;
    const countParams = [...where.params];
    if (after) where.add(afterLot(key, after, where));
    const page = await this.page<LotRow & Keyed>(
      `SELECT ${LOT_COLUMNS}, ${key.print} AS cursor_key ${LOT_FROM} ${where.sql()} ORDER BY ${LOT_ORDER[sort]}`,
      after ? null : countSql,
      where.params,
      countParams,
      query,
    );
    return {
      items: page.items.map(toLotOut),
      total: page.total,
      next: nextCursor(page.items, query.limit, (row) =>
        encodeCursor(tag, [row.cursor_key, row.id]),
      ),
    };
  }

  /** One lot with its whole ledger, newest first; outside the scope it does not exist. */
  async getLot(scope: DataScope, id: string): Promise<LotDetailOutDto> {
    const where = new SqlConditions();
    where.add(`l.id = ${where.param(id)}`);
    where.add(scopeCondition(scope, stockScope('l'), where.params));
    const rows = await this.dataSource.query<(LotRow & { placements: PlacementOutDto[] })[]>(
      `SELECT ${LOT_COLUMNS}, ${placementsJsonSql('l')} AS placements ${LOT_FROM} ${where.sql()}`,
      where.params,
    );
    const row = rows.at(0);
    if (!row) throw new NotFoundError('Lot');
    const movements = await this.dataSource.query<MovementRow[]>(
      `SELECT ${MOVEMENT_COLUMNS} FROM stock_movements m WHERE m.lot_id = $1 ORDER BY ${MOVEMENT_ORDER}`,
      [id],
    );
    return Object.assign(toLotOut(row), placementFields(row.quantity, row.placements), {
      movements: movements.map(toMovementOut),
    });
  }

  /** The lots in scope carrying this lot number: one at most per warehouse. */
  async findLotsByNumber(scope: DataScope, lotNumber: string): Promise<LotOutDto[]> {
    const where = new SqlConditions();
    where.add(`l.lot_number = ${where.param(lotNumber)}`);
    where.add(scopeCondition(scope, stockScope('l'), where.params));
    const rows = await this.dataSource.query<LotRow[]>(
      `SELECT ${LOT_COLUMNS} ${LOT_FROM} ${where.sql()} ORDER BY l.warehouse_id, l.id`,
      where.params,
    );
    return rows.map(toLotOut);
  }

  async listMovements(
    scope: DataScope,
    query: ListMovementsQueryDto,
  ): Promise<Page<StockMovementOutDto>> {
    const where = new SqlConditions();
    where.add(scopeCondition(scope, stockScope('m'), where.params));
    if (query.lot_id) where.add(`m.lot_id = ${where.param(query.lot_id)}`);
    if (query.warehouse_id) where.add(`m.warehouse_id = ${where.param(query.warehouse_id)}`);
    if (query.client_id) where.add(`m.client_id = ${where.param(query.client_id)}`);
    if (query.type) where.add(`m.type = ${where.param(query.type)}`);
    if (query.from) where.add(`m.occurred_at >= ${where.param(query.from)}`);
    if (query.to) where.add(`m.occurred_at < ${where.param(query.to)}`);
    const tag = 'movements';
    const after = decodeCursor(query, tag, [
      { part: 'timestamp' },
      { part: 'timestamp' },
      { part: 'uuid' },
    ]);
    const countSql = `SELECT count(*)::int AS total FROM stock_movements m ${where.sql()}`;
    const countParams = [...where.params];
    if (after) {
      const [occurred, created, id] = after;
      const at = `${where.param(occurred)}::timestamptz`;
      // The first condition is what the occurred_at indexes seek to; the row comparison the rest.
      where.add(`m.occurred_at <= ${at}`);
      where.add(
        `(m.occurred_at, m.created_at, m.id) < (${at}, ` +
          `${where.param(created)}::timestamptz, ${where.param(id)}::uuid)`,
      );
    }
    const page = await this.page<StockMovementRow & MovementKeyed>(
      `SELECT ${MOVEMENT_COLUMNS}, m.lot_id, l.lot_number, m.warehouse_id, m.client_id,
              ${cursorTimestampSql('m.occurred_at')} AS cursor_occurred,
              ${cursorTimestampSql('m.created_at')} AS cursor_created
         FROM stock_movements m JOIN lots l ON l.id = m.lot_id
         ${where.sql()} ORDER BY ${MOVEMENT_ORDER}`,
      after ? null : countSql,
      where.params,
      countParams,
      query,
    );
    return {
      items: page.items.map(toStockMovementOut),
      total: page.total,
      next: nextCursor(page.items, query.limit, (row) =>
        encodeCursor(tag, [row.cursor_occurred, row.cursor_created, row.id]),
      ),
    };
  }

  /**
   * One page of rows, then the total. A short page already tells the total (skip + rows), so
   * the count runs only when the page is full or lies past the end; a page read by keyset
   * (countSql null) has none.
   */
  private async page<Row>(
    rowsSql: string,
    countSql: string | null,
    params: unknown[],
    countParams: unknown[],
    { skip, limit }: { skip: number; limit: number },
  ): Promise<Page<Row>> {
    const offset = params.length + 1;
    const items = await this.dataSource.query<Row[]>(
      `${rowsSql} OFFSET $${offset} LIMIT $${offset + 1}`,
      [...params, skip, limit],
    );
    if (countSql === null) return { items };
    if (items.length > 0 && items.length < limit) return { items, total: skip + items.length };
    if (items.length === 0 && skip === 0) return { items, total: 0 };
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(countSql, countParams);
    return { items, total };
  }
}
