import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { UnauthorizedError } from 'src/common/errors/domain.errors';
import type { Page } from 'src/common/pagination/pagination';
import type { DataScope } from 'src/rbac/data-scope';
import { WarehouseRows } from 'src/warehouses/warehouse-rows';
import { assertWarehouseInScope } from 'src/warehouses/warehouse-scope';
import type { CreateGatewayDto } from './dto/gateway.dto';
import { Gateway } from './gateway.entity';
import { gatewayKeyMatches, gatewayKeyPrefix, newGatewayKey } from './gateway-key';

/** The gateway a request's API key belongs to. */
export interface AuthenticatedGateway {
  id: string;
  warehouseId: string;
}

/** last_used_at is written at most once a minute per gateway, not on every batch. */
const LAST_USED_RESOLUTION_MS = 60_000;

const auditView = (g: Gateway): Record<string, unknown> => ({
  name: g.name,
  key_prefix: g.keyPrefix,
  revoked_at: g.revokedAt?.toISOString() ?? null,
});

const GATEWAYS = new WarehouseRows(Gateway, 'g', 'Gateway', ['createdAt', 'id']);

/**
 * Gateways post readings for one warehouse with an API key shown once at creation; only its
 * hash is stored, and a revoked key stops working on the next request (nothing is cached).
 */
@Injectable()
export class GatewaysService {
  constructor(
    @InjectRepository(Gateway) private readonly gateways: Repository<Gateway>,
    private readonly audit: AuditService,
  ) {}

  async create(
    scope: DataScope,
    warehouseId: string,
    input: CreateGatewayDto,
  ): Promise<{ gateway: Gateway; key: string }> {
    const { key, prefix, hash } = newGatewayKey();
    const gateway = await this.gateways.manager.transaction(async (manager) => {
      await assertWarehouseInScope(manager, scope, warehouseId);
      const saved = await manager.save(
        manager.create(Gateway, {
          warehouseId,
          name: input.name,
          keyPrefix: prefix,
          keyHash: hash,
          createdBy: scope.userId,
        }),
      );
      await this.audit.record(manager, {
        action: 'gateway.created',
        entityType: 'gateway',
        entityId: saved.id,
        warehouseId,
        after: auditView(saved),
      });
      return saved;
    });
    return { gateway, key };
  }

  async list(
    scope: DataScope,
    warehouseId: string,
    skip: number,
    limit: number,
  ): Promise<Page<Gateway>> {
    return GATEWAYS.page(this.gateways.manager, scope, warehouseId, skip, limit);
  }

  /** Revokes the key at once; revoking a revoked gateway changes nothing. */
  async revoke(scope: DataScope, warehouseId: string, gatewayId: string): Promise<Gateway> {
    return this.gateways.manager.transaction(async (manager) => {
      const gateway = await GATEWAYS.one(manager, scope, warehouseId, gatewayId, true);
      if (gateway.revokedAt) return gateway;
      const before = auditView(gateway);
      gateway.revokedAt = new Date();
      const saved = await manager.save(gateway);
      await this.audit.record(manager, {
        action: 'gateway.revoked',
        entityType: 'gateway',
        entityId: saved.id,
        warehouseId,
        before: { revoked_at: before.revoked_at },
        after: { revoked_at: saved.revokedAt?.toISOString() ?? null },
      });
      return saved;
    });
  }

  /** The active gateway holding this key; anything else is one and the same 401. */
  async authenticate(key: string | undefined): Promise<AuthenticatedGateway> {
    const refused = new UnauthorizedError('A valid gateway API key is required (X-Api-Key).');
    const prefix = key === undefined ? null : gatewayKeyPrefix(key);
    if (key === undefined || prefix === null) throw refused;
    const gateway = await this.gateways.findOneBy({ keyPrefix: prefix, revokedAt: IsNull() });
    if (!gateway || !gatewayKeyMatches(key, gateway.keyHash)) throw refused;
    const lastUsed = gateway.lastUsedAt?.getTime() ?? 0;
    if (Date.now() - lastUsed >= LAST_USED_RESOLUTION_MS) {
      await this.gateways.update({ id: gateway.id }, { lastUsedAt: new Date() });
    }
    return { id: gateway.id, warehouseId: gateway.warehouseId };
  }
}
