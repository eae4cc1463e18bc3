import { Module } from '@nestjs/common';
import { AlarmsModule } from 'src/cold-chain/alarms/alarms.module';
import { ReadingsModule } from 'src/cold-chain/readings/readings.module';
import { InventoryWriteModule } from 'src/inventory/ledger/inventory-write.module';
import { ColdChainSweep } from './cold-chain-sweep.service';
import { ExcursionEvaluator } from './excursion-evaluator.service';
import { ExcursionsController } from './excursions.controller';
import { ExcursionsService } from './excursions.service';

/** Excursion detection (on new readings and every minute), the excursions and dispositions. */
@Module({
  imports: [ReadingsModule, AlarmsModule, InventoryWriteModule],
  controllers: [ExcursionsController],
  providers: [ExcursionEvaluator, ColdChainSweep, ExcursionsService],
  exports: [ExcursionEvaluator, ColdChainSweep],
})
export class ExcursionsModule {}
