import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { todayIn } from 'src/common/calendar';
import { compareDecimal } from 'src/common/decimal';
import { ConflictError, NotFoundError } from 'src/common/errors/domain.errors';
import { invalid } from 'src/common/validation/validation-failed.error';
import type { AppConfig } from 'src/config/configuration';
import { Db } from 'src/database/db';
import { lockLotInScope, stockScope } from 'src/inventory/lot-access';
import { whereInScope, type DataScope } from 'src/rbac/data-scope';
import type { Principal } from 'src/rbac/principal';
import { isIsoCurrency } from 'src/billing/money';
import { lienHead, toLienOut, type LienOutDto } from 'src/billing/liens/dto/lien.dto';
import type { CreateLienDto, RepayLienDto } from 'src/billing/liens/dto/lien-requests.dto';
import { LienQueriesService } from './lien-queries.service';
import { lienName, repaymentsOf, termsOf } from './lien-rows';
import { applyRepayment, lienFigures, OverpaymentError, RATE_SCALE } from './lien-interest';
import { LienRepayment } from './lien-repayment.entity';
import { Lien } from './lien.entity';
import { LienKind, LienStatus } from './lien.enums';

/** The audit event's subject: the lien, its warehouse and client. */
const auditOf = (lien: Lien, action: string) => ({
  action,
  entityType: 'lien',
  entityId: lien.id,
  warehouseId: lien.warehouseId,
  clientId: lien.clientId,
});

interface Repayment {
  amountMinor: number;
  paidOn: string;
  reference: string | null;
}

/**
 * Liens on lots: created against units of a lot within what it holds, repaid (interest first,
 * then principal) until the balance is 0, or released by the lender. The database keeps the lot
 * from going below what its open liens secure (see the Liens migration).
 */
@Injectable()
export class LiensService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly config: ConfigService<AppConfig, true>,
    private readonly queries: LienQueriesService,
  ) {}

  private get billing() {
    return this.config.get('billing', { infer: true });
  }

  async create(caller: Principal, lotId: string, input: CreateLienDto): Promise<LienOutDto> {
    const max = this.billing.lienMaxInterestPercent;
    if (compareDecimal(input.interest_rate_percent, max, RATE_SCALE) > 0)
      throw invalid(
        'interest_rate_percent',
        `interest_rate_percent must be at most ${max} (the configured maximum)`,
      );
    if (input.kind === LienKind.Pledge && !input.lender_name)
      throw invalid('lender_name', 'lender_name (the bank) is required for a PLEDGE');
    if (input.kind === LienKind.Pledge && !input.pledge_reference)
      throw invalid('pledge_reference', "pledge_reference (the bank's) is required for a PLEDGE");
    const currency = input.currency ?? 'INR';
    if (!isIsoCurrency(currency))
      throw invalid('currency', 'currency must be an ISO 4217 code such as INR');
    return this.db.transaction(async (manager) => {
      // The lot stays locked until the lien is in: a dispatch of it waits, then sees the lien.
      const lot = await lockLotInScope(manager, caller.scope, lotId);
      const today = await this.warehouseToday(manager, lot.warehouseId);
      const startDate = input.start_date ?? today;
      if (startDate > today)
        throw invalid('start_date', `start_date must not be after today (${today})`);
      if (input.secured_quantity > lot.quantity)
        throw invalid(
          'secured_quantity',
          `secured_quantity must be at most ${lot.quantity}, the units lot ${lot.lotNumber} holds`,
        );
      const open = await manager.find(Lien, {
        where: { lotId: lot.id, status: LienStatus.Open },
        order: { createdAt: 'ASC' },
      });
      const secured = open.reduce((sum, lien) => sum + lien.securedQuantity, 0);
      if (secured + input.secured_quantity > lot.quantity)
        throw new ConflictError(
          `Lot ${lot.lotNumber} holds ${lot.quantity} units and its open liens secure ${secured} ` +
            `(${open.map(lienName).join('; ')}): at most ${lot.quantity - secured} more may be secured.`,
        );
      const lien = await manager.save(
        manager.create(Lien, {
          lotId: lot.id,
          clientId: lot.clientId,
          warehouseId: lot.warehouseId,
          kind: input.kind,
          lenderName: input.lender_name ?? this.billing.companyName,
          pledgeReference: input.pledge_reference ?? null,
          principalMinor: input.principal_minor,
          currency,
          securedQuantity: input.secured_quantity,
          startDate,
          interestRatePercent: input.interest_rate_percent,
          status: LienStatus.Open,
          closedOn: null,
          releaseReason: null,
          releasedAt: null,
          releasedById: null,
          createdById: caller.userId,
        }),
      );
      await this.audit.record(manager, {
        ...auditOf(lien, 'lien.created'),
        after: { ...lienHead(lien), lot_number: lot.lotNumber },
      });
      return toLienOut(lien, lot.lotNumber, [], lienFigures(termsOf(lien), [], startDate));
    });
  }

  async repay(caller: Principal, id: string, input: RepayLienDto): Promise<LienOutDto> {
    await this.db.transaction(async (manager) => {
      const lien = await this.lockOpen(manager, caller.scope, id);
      const today = await this.warehouseToday(manager, lien.warehouseId);
      await this.recordRepayment(manager, caller, lien, today, {
        amountMinor: input.amount_minor,
        paidOn: input.paid_on ?? today,
        reference: input.reference ?? null,
      });
    });
    return this.queries.get(caller.scope, id);
  }

  async release(caller: Principal, id: string, reason: string): Promise<LienOutDto> {
    await this.db.transaction(async (manager) => {
      const lien = await this.lockOpen(manager, caller.scope, id);
      await this.releaseLocked(manager, caller, lien, reason, new Date());
    });
    return this.queries.get(caller.scope, id);
  }

  /** A repayment of a locked open lien on `paidOn`: split, recorded, audited; REPAID at 0. */
  async recordRepayment(
    manager: EntityManager,
    caller: Principal,
    lien: Lien,
    today: string,
    repayment: Repayment,
    fields = { amount: 'amount_minor', date: 'paid_on' },
  ): Promise<void> {
    const { amount: field, date: dateField } = fields;
    const earlier = await repaymentsOf(manager, [lien.id]);
    const last = earlier.at(-1)?.paidOn ?? lien.startDate;
    if (repayment.paidOn > today)
      throw invalid(dateField, `${dateField} must not be after today (${today})`);
    if (repayment.paidOn < last)
      throw invalid(
        dateField,
        `${dateField} must not be before ${last} (the lien's start or its latest repayment)`,
      );
    let split: ReturnType<typeof applyRepayment>;
    try {
      split = applyRepayment(termsOf(lien), earlier, repayment);
    } catch (error) {
      if (error instanceof OverpaymentError)
        throw invalid(
          field,
          `${field} must be at most ${error.balanceMinor}, the balance on ${repayment.paidOn}`,
        );
      throw error;
    }
    const saved = await manager.save(
      manager.create(LienRepayment, {
        lienId: lien.id,
        paidOn: repayment.paidOn,
        amountMinor: repayment.amountMinor,
        interestMinor: split.interestMinor,
        principalMinor: split.principalMinor,
        reference: repayment.reference,
        recordedById: caller.userId,
      }),
    );
    if (split.cleared) {
      lien.status = LienStatus.Repaid;
      lien.closedOn = repayment.paidOn;
      await manager.save(lien);
    }
    await this.audit.record(manager, {
      ...auditOf(lien, 'lien.repaid'),
      after: {
        repayment_id: saved.id,
        paid_on: saved.paidOn,
        amount_minor: saved.amountMinor,
        interest_minor: saved.interestMinor,
        principal_minor: saved.principalMinor,
        reference: saved.reference,
        status: lien.status,
      },
    });
  }

  /** Releases a locked open lien on today's date in its warehouse. */
  async releaseLocked(
    manager: EntityManager,
    caller: Principal,
    lien: Lien,
    reason: string,
    at: Date,
  ): Promise<void> {
    const day = await this.warehouseToday(manager, lien.warehouseId, at);
    const repayments = await repaymentsOf(manager, [lien.id]);
    const owed = await this.balanceOn(manager, lien, day);
    Object.assign(lien, {
      status: LienStatus.Released,
      // Not before its start or its latest repayment: interest stops there.
      closedOn: [day, lien.startDate, repayments.at(-1)?.paidOn ?? ''].sort().at(-1) as string,
      releaseReason: reason,
      releasedAt: at,
      releasedById: caller.userId,
    });
    await manager.save(lien);
    await this.audit.record(manager, {
      ...auditOf(lien, 'lien.released'),
      before: { status: LienStatus.Open },
      after: {
        status: LienStatus.Released,
        reason,
        closed_on: lien.closedOn,
        balance_minor_at_release: owed,
      },
    });
  }

  /** What the lien's debtor owes at the end of `day` (principal outstanding + interest). */
  async balanceOn(manager: EntityManager, lien: Lien, day: string): Promise<number> {
    const repayments = await repaymentsOf(manager, [lien.id]);
    return lienFigures(termsOf(lien), repayments, day).balanceMinor;
  }

  /** An open lien in scope, locked (404 outside scope, 409 when no longer open). */
  async lockOpen(manager: EntityManager, scope: DataScope, id: string): Promise<Lien> {
    const builder = manager
      .createQueryBuilder(Lien, 'l')
      .where('l.id = :id', { id })
      .setLock('pessimistic_write');
    const lien = await whereInScope(builder, scope, stockScope('l')).getOne();
    if (!lien) throw new NotFoundError('Lien');
    if (lien.status !== LienStatus.Open)
      throw new ConflictError(`${lienName(lien)} is ${lien.status.toLowerCase()}, not open.`);
    return lien;
  }

  /** Today (or the day of `at`) in the warehouse's time zone. */
  async warehouseToday(
    manager: EntityManager,
    warehouseId: string,
    at = new Date(),
  ): Promise<string> {
    const [row] = await manager.query<{ timezone: string }[]>(
      'SELECT timezone FROM warehouses WHERE id = $1',
      [warehouseId],
    );
    return todayIn(row.timezone, at);
  }
}
