import { Command, CommandRunner, Option } from 'nest-commander';
import { BillingRunService, type BillingRunOutcome } from './billing-run.service';

interface BillingRunFlags {
  period?: string;
}

function describe(result: BillingRunOutcome): string {
  switch (result.outcome) {
    case 'drafted':
      return `Drafted  ${result.client}: ${result.total}, ${result.lines} line${result.lines === 1 ? '' : 's'} (invoice ${result.invoiceId})`;
    case 'skipped':
      return `Skipped  ${result.client}: ${result.reason}`;
    case 'failed':
      return `Failed   ${result.client}: ${result.reason}`;
  }
}

@Command({
  name: 'billing:run',
  description:
    'Draft the invoices of a month for every client with stock or movements in it, skipping those already invoiced (safe to rerun)',
})
export class BillingRunCommand extends CommandRunner {
  constructor(private readonly billing: BillingRunService) {
    super();
  }

  async run(_args: string[], flags: BillingRunFlags): Promise<void> {
    const month = flags.period ?? '';
    const [year, mm] = month.split('-').map(Number);
    if (!/^\d{4}-\d{2}$/.test(month) || mm < 1 || mm > 12 || year < 2000) {
      throw new Error(`--period must be a month as YYYY-MM, not "${month}".`);
    }
    const report = await this.billing.run(month);
    console.log(`Billing ${report.periodStart} – ${report.periodEnd}:`);
    for (const result of report.results) console.log(describe(result));
    const count = (outcome: BillingRunOutcome['outcome']) =>
      report.results.filter((r) => r.outcome === outcome).length;
    const failed = count('failed');
    console.log(`${count('drafted')} drafted, ${count('skipped')} skipped, ${failed} failed.`);
    // Thrown after the list: cli.ts prints it as the last line and exits with code 1.
    if (failed > 0) throw new Error(`${failed} client(s) could not be billed; see above.`);
  }

  @Option({
    flags: '--period <YYYY-MM>',
    description: 'The month to bill, e.g. 2026-10',
    required: true,
  })
  parsePeriod(value: string): string {
    return value;
  }
}
