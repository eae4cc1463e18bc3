import { Module } from '@nestjs/common';
import { PasswordModule } from 'src/auth/password.module';
import { RbacCliModule } from 'src/rbac/rbac-cli.module';
import { DemoDataCommand } from './demo-data.command';
import { DemoDataService } from './demo-data.service';
import { LedgerVerifierService } from './ledger-verifier.service';
import { VerifyLedgerCommand } from './verify-ledger.command';

/** Inventory commands of the CLI: demo-data and verify-ledger. */
@Module({
  imports: [PasswordModule, RbacCliModule],
  providers: [DemoDataService, DemoDataCommand, LedgerVerifierService, VerifyLedgerCommand],
})
export class InventoryCliModule {}
