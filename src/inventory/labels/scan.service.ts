import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError } from 'src/common/errors/domain.errors';
import type { DataScope } from 'src/rbac/data-scope';
import { InventoryQueriesService } from 'src/inventory/reports/inventory-queries.service';
import { ScanKind, type ScanResultDto } from './dto/scan.dto';

@Injectable()
export class ScanService {
  constructor(private readonly queries: InventoryQueriesService) {}

  /**
   * What a scanned code names within the caller's scope. Labels encode the lot number exactly as
   * printed; scanners may add spaces or type lower-case, so the code is trimmed and upper-cased
   * as lot numbers are. Nothing in scope: 404, as for any row the caller may not see.
   */
  async scan(scope: DataScope, scanned: string): Promise<ScanResultDto> {
    const code = scanned.trim().toUpperCase();
    const lots = await this.queries.findLotsByNumber(scope, code);
    if (lots.length === 0) throw new NotFoundError('Code', `Nothing labelled ${code} found.`);
    if (lots.length > 1) {
      throw new ConflictError(
        `${code} names ${lots.length} lots in different warehouses; look it up in its warehouse's lot list.`,
      );
    }
    const [lot] = lots;
    return { kind: ScanKind.Lot, id: lot.id, code: lot.lot_number, lot };
  }
}
