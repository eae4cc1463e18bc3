import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailModule } from 'src/mail/mail.module';
import { ClientInvoicesController } from './client-invoices.controller';
import { InvoiceGenerator } from './invoice-generator.service';
import { InvoiceLine } from './invoice-line.entity';
import { Invoice } from './invoice.entity';
import { InvoicesController } from './invoices.controller';
import { InvoicesService } from './invoices.service';
import { RateCard } from './rate-card.entity';
import { RateCardsController } from './rate-cards.controller';
import { RateCardsService } from './rate-cards.service';

/** Rate cards, invoices with four-eyes approval, and the client's invoice list. */
@Module({
  imports: [TypeOrmModule.forFeature([RateCard, Invoice, InvoiceLine]), MailModule],
  controllers: [RateCardsController, InvoicesController, ClientInvoicesController],
  providers: [RateCardsService, InvoiceGenerator, InvoicesService],
})
export class BillingModule {}
