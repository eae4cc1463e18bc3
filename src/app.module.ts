import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { Request } from 'express';
import { ClsModule } from 'nestjs-cls';
import type { DestinationStream } from 'pino';
import { ProblemDetailsFilter } from './common/http/problem-details.filter';
import { LoggerModule } from './common/logging/logger.module';
import { AppConfigModule } from './config/app-config.module';
import type { AppConfig } from './config/configuration';
import { DatabaseModule } from './database/database.module';
import { transactionalPlugin } from './database/db';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ClientsModule } from './clients/clients.module';
import { HealthModule } from './health/health.module';
import { HousekeepingModule } from './housekeeping/housekeeping.module';
import { IdempotencyModule } from './common/idempotency/idempotency.module';
import { CommoditiesModule } from 'src/inventory/catalogue/commodities.module';
import { InventoryReadModule } from 'src/inventory/reports/inventory-read.module';
import { LabelsModule } from 'src/inventory/labels/labels.module';
import { BillingModule } from './billing/billing.module';
import { ColdChainModule } from 'src/cold-chain/cold-chain.module';
import { TraceabilityModule } from 'src/traceability/traceability.module';
import { InventoryWriteModule } from 'src/inventory/ledger/inventory-write.module';
import { WeighmentsModule } from 'src/inventory/weighments/weighments.module';
import { LocationsModule } from 'src/inventory/locations/locations.module';
import { InvitationsModule } from './invitations/invitations.module';
import { MailModule } from './mail/mail.module';
import { RbacModule } from './rbac/rbac.module';
import { REQUEST_META_KEY, requestMetaOf } from 'src/common/context/request-context.service';
import { UsersModule } from './users/users.module';
import { ChambersModule } from './warehouses/chambers.module';
import { WarehousesModule } from './warehouses/warehouses.module';

export interface AppModuleOptions {
  config: AppConfig;
  /** Null builds the application without connecting (the OpenAPI export). */
  databaseUrl: string | null;
  /** Where the JSON log lines go; stdout when absent. */
  logDestination?: DestinationStream;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(options.config),
        ClsModule.forRoot({
          global: true,
          middleware: {
            mount: true,
            // The context outlives the request in timers and sockets created during it (the
            // pool's idle timers, keep-alive timeouts): it holds only small values, never the
            // request itself, so a finished request is not kept alive into the old generation.
            saveReq: false,
            // No proxy providers, and the one plugin (transactions) needs nothing per request.
            resolveProxyProviders: false,
            initializePlugins: false,
            setup: (cls, req: Request) => {
              cls.set(REQUEST_META_KEY, requestMetaOf(req));
            },
          },
          plugins: [transactionalPlugin()],
        }),
        LoggerModule.forRoot(options.logDestination),
        DatabaseModule.forRoot({ url: options.databaseUrl }),
        HealthModule,
        RbacModule,
        AuditModule,
        AuthModule,
        MailModule,
        UsersModule,
        ClientsModule,
        WarehousesModule,
        InvitationsModule,
        IdempotencyModule,
        ChambersModule,
        CommoditiesModule,
        InventoryWriteModule,
        WeighmentsModule,
        InventoryReadModule,
        // Before LocationsModule: its /locations/:location_id would take /locations/labels.pdf.
        LabelsModule,
        LocationsModule,
        BillingModule,
        ColdChainModule,
        TraceabilityModule,
        HousekeepingModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
