import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailModule } from 'src/mail/mail.module';
import { ClientInvoicesController } from 'src/billing/invoices/client-invoices.controller';
import { InvoiceGenerator } from 'src/billing/invoices/invoice-generator.service';
import { InvoiceLine } from 'src/billing/invoices/invoice-line.entity';
import { Invoice } from 'src/billing/invoices/invoice.entity';
import { InvoicesController } from 'src/billing/invoices/invoices.controller';
import { InvoicesService } from 'src/billing/invoices/invoices.service';
import { LiensModule } from 'src/billing/liens/liens.module';
import { RateCard } from 'src/billing/rate-cards/rate-card.entity';
import { RateCardsController } from 'src/billing/rate-cards/rate-cards.controller';
import { RateCardsService } from 'src/billing/rate-cards/rate-cards.service';
import { SeasonsModule } from 'src/billing/seasons/seasons.module';

/** Rate cards, invoices with four-eyes approval, and the client's invoice list. */
@Module({
  imports: [
    TypeOrmModule.forFeature([RateCard, Invoice, InvoiceLine]),
    MailModule,
    LiensModule,
    SeasonsModule,
  ],
  controllers: [RateCardsController, InvoicesController, ClientInvoicesController],
  providers: [RateCardsService, InvoiceGenerator, InvoicesService],
})
export class BillingModule {}
