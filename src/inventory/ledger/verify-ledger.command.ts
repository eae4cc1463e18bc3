import { Command, CommandRunner } from 'nest-commander';
import { LedgerVerifierService, type LotMismatch } from './ledger-verifier.service';

/** Mismatches listed before "and N more": enough to see a pattern, short enough to read. */
const LISTED = 1_000;

function describe(m: LotMismatch): string {
  const status = m.statusMatches
    ? ''
    : `; status ${m.status} disagrees with quantity ${m.storedQuantity}`;
  return (
    `Lot ${m.lotNumber} (warehouse ${m.warehouseCode}): ` +
    `quantity ${m.storedQuantity} stored, ${m.computedQuantity} from movements; ` +
    `weight ${m.storedWeightKg} kg stored, ${m.computedWeightKg} kg from movements${status}`
  );
}

@Command({
  name: 'verify-ledger',
  description:
    "Check that every lot's quantity, weight and status match the sum of its stock movements",
})
export class VerifyLedgerCommand extends CommandRunner {
  constructor(private readonly verifier: LedgerVerifierService) {
    super();
  }

  async run(): Promise<void> {
    const report = await this.verifier.verify(LISTED);
    if (report.mismatchCount === 0) {
      console.log(`Checked ${report.lotsChecked} lots: all match.`);
      return;
    }
    for (const mismatch of report.mismatches) console.log(describe(mismatch));
    const unlisted = report.mismatchCount - report.mismatches.length;
    if (unlisted > 0) console.log(`... and ${unlisted} more.`);
    // Thrown after the list: cli.ts prints it as the last line and exits with code 1.
    throw new Error(
      `${report.mismatchCount} of ${report.lotsChecked} lots do not match their stock movements.`,
    );
  }
}
