import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InventoryWriteModule } from 'src/inventory/ledger/inventory-write.module';
import { LotTraceability } from 'src/inventory/ledger/lot-traceability';
import { TraceabilityPlansController } from './plans/traceability-plans.controller';
import { TraceabilityPlansService } from './plans/traceability-plans.service';
import { LotTraceabilityRecorder } from './records/lot-traceability.recorder';
import { TraceService } from './records/trace.service';
import { TraceabilityRecordsController } from './records/traceability-records.controller';
import { TraceabilityExportController } from './export/traceability-export.controller';
import { TraceabilityExportService } from './export/traceability-export.service';
import { TradingPartner } from './trading-partner.entity';
import { TradingPartnersController } from './trading-partners.controller';
import { TradingPartnersService } from './trading-partners.service';
import { TransformationsController } from './transformations/transformations.controller';
import { TransformationsService } from './transformations/transformations.service';

/**
 * FSMA 204 traceability: trading partners, each warehouse's plan, the records of receipts,
 * shipments and transformations, tracing and the export. Global so that inventory's receipts
 * and dispatches find the LotTraceability port it provides without importing traceability.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([TradingPartner]), InventoryWriteModule],
  controllers: [
    TradingPartnersController,
    TraceabilityPlansController,
    TraceabilityRecordsController,
    TransformationsController,
    TraceabilityExportController,
  ],
  providers: [
    TradingPartnersService,
    TraceabilityPlansService,
    TraceService,
    TransformationsService,
    TraceabilityExportService,
    { provide: LotTraceability, useClass: LotTraceabilityRecorder },
  ],
  exports: [LotTraceability],
})
export class TraceabilityModule {}
