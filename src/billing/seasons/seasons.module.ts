import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BookingsController } from './bookings.controller';
import { BookingsService } from './bookings.service';
import { ClientSeasonsController } from './client-seasons.controller';
import { SeasonDocumentsService } from './season-documents.service';
import { SeasonBooking } from './season-booking.entity';
import { SeasonPayment } from './season-payment.entity';
import { SeasonPaymentsController } from './season-payments.controller';
import { SeasonPaymentsService } from './season-payments.service';
import { SeasonStatementService } from './season-statement.service';
import { Season } from './season.entity';
import { SeasonsController } from './seasons.controller';
import { SeasonsService } from './seasons.service';

/** Seasons per warehouse, bookings, season payments with receipts, and season statements. */
@Module({
  imports: [TypeOrmModule.forFeature([Season, SeasonBooking, SeasonPayment])],
  controllers: [
    SeasonsController,
    BookingsController,
    SeasonPaymentsController,
    ClientSeasonsController,
  ],
  providers: [
    SeasonsService,
    BookingsService,
    SeasonPaymentsService,
    SeasonStatementService,
    SeasonDocumentsService,
  ],
  exports: [SeasonStatementService],
})
export class SeasonsModule {}
