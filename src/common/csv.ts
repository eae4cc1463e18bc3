/**
 * CSV that a spreadsheet opens as plain data (RFC 4180, CRLF line ends). Every text cell is
 * quoted, and one that a spreadsheet would run as a formula (starting with = + - @, a tab or a
 * carriage return, also after spaces or as the full-width forms) is prefixed with a single
 * quote, as OWASP advises. Only true numbers stay bare: a number, or a decimal string that is
 * nothing but digits, so "-1+cmd" is text and neutralised while -12.5 stays a number.
 */
export type CsvCell = string | number | null;

/** A cell's value and whether it is a number, so "-3" as a quantity is not taken for text. */
export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => CsvCell;
  numeric?: boolean;
}

const FORMULA_START = /^(?:[\t\r\n]|[ \u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20])/;
const DECIMAL = /^-?\d+(?:\.\d+)?$/;

/** A text cell: quoted, quotes doubled, formula starts neutralised. */
export function csvText(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** A numeric cell stays bare only when it is a finite number; anything else is text. */
export function csvNumber(value: number | string): string {
  const text = String(value);
  return (typeof value === 'number' && Number.isFinite(value)) || DECIMAL.test(text)
    ? text
    : csvText(text);
}

function csvCell(value: CsvCell, numeric: boolean): string {
  if (value === null) return '';
  return numeric ? csvNumber(value) : csvText(String(value));
}

/** A header row and one row per item. */
export function toCsv<Row>(columns: readonly CsvColumn<Row>[], rows: readonly Row[]): string {
  const lines = [
    columns.map((column) => csvText(column.header)).join(','),
    ...rows.map((row) =>
      columns.map((column) => csvCell(column.value(row), column.numeric ?? false)).join(','),
    ),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
