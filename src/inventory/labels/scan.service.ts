import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ConflictError, NotFoundError } from 'src/common/errors/domain.errors';
import { SqlConditions } from 'src/common/sql-conditions';
import { scopeCondition, type DataScope } from 'src/rbac/data-scope';
import type { LocationOutDto } from 'src/inventory/locations/dto/location.dto';
import { EMPTY_USAGE, usageOf } from 'src/inventory/locations/location-usage';
import { toLocationOut } from 'src/inventory/locations/locations.service';
import { StorageLocation } from 'src/inventory/locations/storage-location.entity';
import { InventoryQueriesService } from 'src/inventory/reports/inventory-queries.service';
import { ScanKind, type ScanResultDto } from './dto/scan.dto';
import { locationScanCode, parseLocationScanCode } from './location-code';

@Injectable()
export class ScanService {
  constructor(
    private readonly queries: InventoryQueriesService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * What a scanned code names within the caller's scope: a lot (its lot number) or a storage
   * location ("<chamber code>:<location code>", or a bare location code typed off a rack).
   * Scanners may add spaces or type lower-case; every code is stored upper-case. Nothing in
   * scope is a 404, as for any row the caller may not see; more than one thing is a 409.
   */
  async scan(scope: DataScope, scanned: string): Promise<ScanResultDto> {
    const code = scanned.trim().toUpperCase();
    const [lots, locations] = await Promise.all([
      this.queries.findLotsByNumber(scope, code),
      this.locations(scope, code),
    ]);
    const found: ScanResultDto[] = [
      ...lots.map((lot) => ({
        kind: ScanKind.Lot,
        id: lot.id,
        code: lot.lot_number,
        lot,
        location: null,
      })),
      ...locations.map(({ chamberCode, location }) => ({
        kind: ScanKind.Location,
        id: location.id,
        code: locationScanCode(chamberCode, location.code),
        lot: null,
        location,
      })),
    ];
    if (found.length === 0) throw new NotFoundError('Code', `Nothing labelled ${code} found.`);
    if (found.length > 1) {
      throw new ConflictError(
        `${code} names ${found.length} lots or locations (${found.map((f) => f.code).join(', ')}); scan or type the full code.`,
      );
    }
    return found[0];
  }

  /** Locations a code names: in the caller's warehouses only (a client sees none). */
  private async locations(
    scope: DataScope,
    code: string,
  ): Promise<{ chamberCode: string; location: LocationOutDto }[]> {
    const { chamber, location } = parseLocationScanCode(code);
    const where = new SqlConditions();
    where.add(`s.code = ${where.param(location)}`);
    if (chamber !== null) where.add(`ch.code = ${where.param(chamber)}`);
    where.add(scopeCondition(scope, { warehouse: 's.warehouse_id' }, where.params));
    const rows = await this.dataSource.query<{ id: string; chamber_code: string }[]>(
      `SELECT s.id, ch.code AS chamber_code
         FROM storage_locations s JOIN chambers ch ON ch.id = s.chamber_id
       ${where.sql()} ORDER BY s.id LIMIT 10`,
      where.params,
    );
    if (rows.length === 0) return [];
    const manager = this.dataSource.manager;
    const ids = rows.map((row) => row.id);
    const [entities, usage] = await Promise.all([
      manager.getRepository(StorageLocation).findBy(ids.map((id) => ({ id }))),
      usageOf(manager, ids),
    ]);
    const chamberOf = new Map(rows.map((row) => [row.id, row.chamber_code]));
    return entities.map((entity) => ({
      chamberCode: chamberOf.get(entity.id) ?? '',
      location: toLocationOut(entity, usage.get(entity.id) ?? EMPTY_USAGE),
    }));
  }
}
