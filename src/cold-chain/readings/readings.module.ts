import { Module } from '@nestjs/common';
import { ReadingsWriter } from './readings-writer.service';

/** Where readings are stored; the ingestion routes and the excursion detector build on it. */
@Module({
  providers: [ReadingsWriter],
  exports: [ReadingsWriter],
})
export class ReadingsModule {}
