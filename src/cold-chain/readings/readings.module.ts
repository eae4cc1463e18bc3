import { Module } from '@nestjs/common';
import { ReadingPartitions } from './reading-partitions.service';
import { ReadingsWriter } from './readings-writer.service';

/** Where readings are stored; the ingestion routes and the excursion detector build on it. */
@Module({
  providers: [ReadingsWriter, ReadingPartitions],
  exports: [ReadingsWriter, ReadingPartitions],
})
export class ReadingsModule {}
