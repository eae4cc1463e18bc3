import { Module } from '@nestjs/common';
import { ChamberHistoryController } from './chamber-history.controller';
import { ChamberHistoryService } from './chamber-history.service';

/** Chamber temperature history and mean kinetic temperature, for charts and certificates. */
@Module({
  controllers: [ChamberHistoryController],
  providers: [ChamberHistoryService],
  exports: [ChamberHistoryService],
})
export class ChamberHistoryModule {}
