import { randomUUID } from 'node:crypto';
import { Body, Controller, Module, Post } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsBoolean, IsOptional } from 'class-validator';
import type { DataSource } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { ConflictError } from 'src/common/errors/domain.errors';
import { Db } from 'src/database/db';
import { Idempotent } from 'src/common/idempotency/idempotent.decorator';
import { IntField, StringField } from 'src/common/validation/fields';
import { Permission } from 'src/rbac/permission.enum';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';

export const PROBE_EFFECT = 'probe.idempotent';
export const PROBE_FAILURE = 'probe.idempotent.failed';

class IdempotentProbeDto {
  @StringField({ max: 100 })
  note!: string;

  @IntField({ optional: true, min: 0, max: 2000 })
  delay_ms?: number;

  @IsOptional()
  @IsBoolean()
  fail?: boolean;
}

interface IdempotentProbeOut {
  id: string;
  echo: string;
}

/** Test-only route with a countable effect (an audit event per run), made idempotent. */
@Controller('__probe')
class IdempotencyProbeController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  @Post('idempotent')
  @Idempotent()
  @RequirePermissions(Permission.InventoryView)
  async run(@Body() body: IdempotentProbeDto): Promise<IdempotentProbeOut> {
    const id = randomUUID();
    if (body.fail) {
      // A run that fails is still counted (committed on its own), so tests can see it ran.
      await this.dataSource.transaction((manager) =>
        this.audit.record(manager, {
          action: PROBE_FAILURE,
          entityId: id,
          after: { echo: body.note },
        }),
      );
      throw new ConflictError('The probe was asked to fail.');
    }
    // The effect joins the request's transaction, as every idempotent route's writes do.
    await this.db.transaction(async (manager) => {
      if (body.delay_ms) await manager.query('SELECT pg_sleep($1)', [body.delay_ms / 1000]);
      await this.audit.record(manager, {
        action: PROBE_EFFECT,
        entityId: id,
        after: { echo: body.note },
      });
    });
    return { id, echo: body.note };
  }
}

@Module({ controllers: [IdempotencyProbeController] })
export class IdempotencyProbeModule {}
