import { Module } from '@nestjs/common';
import { TraceabilityExportCommand } from './export/traceability-export.command';
import { TraceabilityExportService } from './export/traceability-export.service';

/** Traceability commands of the CLI: traceability-export. */
@Module({
  providers: [TraceabilityExportService, TraceabilityExportCommand],
})
export class TraceabilityCliModule {}
