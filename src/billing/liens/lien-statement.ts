import { toCsv, type CsvColumn } from 'src/common/csv';
import type { LienOutDto } from 'src/billing/liens/dto/lien.dto';

export type StatementRow = LienOutDto & { client_name: string };

/** The lender statement: one row per lien open at the end of the day, amounts in major units. */
const COLUMNS: readonly CsvColumn<StatementRow>[] = [
  { header: 'as_of', value: (r) => r.as_of },
  { header: 'lien_id', value: (r) => r.id },
  { header: 'kind', value: (r) => r.kind },
  { header: 'lender', value: (r) => r.lender_name },
  { header: 'pledge_reference', value: (r) => r.pledge_reference },
  { header: 'client', value: (r) => r.client_name },
  { header: 'lot_number', value: (r) => r.lot_number },
  { header: 'bags_secured', value: (r) => r.secured_quantity, numeric: true },
  { header: 'start_date', value: (r) => r.start_date },
  { header: 'interest_rate_percent', value: (r) => r.interest_rate_percent, numeric: true },
  { header: 'currency', value: (r) => r.currency },
  { header: 'principal', value: (r) => r.principal, numeric: true },
  { header: 'repaid', value: (r) => r.repaid, numeric: true },
  { header: 'interest_accrued', value: (r) => r.interest_accrued, numeric: true },
  { header: 'balance', value: (r) => r.balance, numeric: true },
];

export const lienStatementCsv = (rows: readonly StatementRow[]): string => toCsv(COLUMNS, rows);
