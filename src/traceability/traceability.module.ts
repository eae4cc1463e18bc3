import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TraceabilityExportController } from './export/traceability-export.controller';
import { TraceabilityExportService } from './export/traceability-export.service';
import { TradingPartner } from './trading-partner.entity';
import { TradingPartnersController } from './trading-partners.controller';
import { TradingPartnersService } from './trading-partners.service';

/** FSMA 204 traceability: the trading partners and their locations its records name. */
@Module({
  imports: [TypeOrmModule.forFeature([TradingPartner])],
  controllers: [TradingPartnersController, TraceabilityExportController],
  providers: [TradingPartnersService, TraceabilityExportService],
})
export class TraceabilityModule {}
