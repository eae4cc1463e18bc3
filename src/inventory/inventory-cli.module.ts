import { Module } from '@nestjs/common';
import { LedgerVerifierService } from './ledger/ledger-verifier.service';
import { VerifyLedgerCommand } from './ledger/verify-ledger.command';

/** Inventory commands of the CLI: verify-ledger. */
@Module({
  providers: [LedgerVerifierService, VerifyLedgerCommand],
})
export class InventoryCliModule {}
