import { Module } from '@nestjs/common';
import { AuditService } from 'src/audit/audit.service';
import { RequestContext } from 'src/common/context/request-context.service';
import { BillingRunCommand } from './billing-run.command';
import { BillingRunService } from './billing-run.service';
import { InvoiceGenerator } from 'src/billing/invoices/invoice-generator.service';

/** Billing commands of the CLI: billing:run. */
@Module({
  providers: [RequestContext, AuditService, InvoiceGenerator, BillingRunService, BillingRunCommand],
})
export class BillingCliModule {}
