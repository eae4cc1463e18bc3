/**
 * The figures of `npm run bench:scaling` as a table and as a log-log chart (plain SVG), and the
 * growth verdict of each operation: the slope of log(ms) against log(lots) between the two
 * largest sizes, where fixed costs (a request's, the CLI's start) weigh least and growth shows
 * as it is. A slope under 0.25 is flat (a hundredfold more lots costs under 3.2
 * times as much: fixed costs dominate); up to 1.2 linear (some slack over 1 for the noise of a
 * median of few samples); above, super-linear.
 */

export interface ScalingRow {
  operation: string;
  lots: number;
  /** Median of the samples. */
  ms: number;
  detail?: string;
}

export type Verdict = 'flat' | 'linear' | 'super-linear';

export interface Growth {
  operation: string;
  verdict: Verdict;
  exponent: number;
}

export interface ScalingFigures {
  sizes: number[];
  rows: ScalingRow[];
  growth: Growth[];
}

const FLAT_BELOW = 0.25;
const LINEAR_UP_TO = 1.2;

const count = (n: number): string => n.toLocaleString('en-US');
const ms = (n: number): string => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

/** Operations in the order they were first measured. */
function operationsOf(rows: ScalingRow[]): string[] {
  return [...new Set(rows.map((row) => row.operation))];
}

export function verdictOf(exponent: number): Verdict {
  if (exponent < FLAT_BELOW) return 'flat';
  return exponent <= LINEAR_UP_TO ? 'linear' : 'super-linear';
}

export function growthOf(rows: ScalingRow[]): Growth[] {
  return operationsOf(rows).flatMap((operation) => {
    const own = rows.filter((row) => row.operation === operation).sort((a, b) => a.lots - b.lots);
    const first = own.at(-2);
    const last = own.at(-1);
    if (!first || !last) return [];
    const exponent = Math.log(last.ms / first.ms) / Math.log(last.lots / first.lots);
    return [{ operation, verdict: verdictOf(exponent), exponent }];
  });
}

export function scalingMarkdown(figures: ScalingFigures): string {
  const at = (operation: string, lots: number): ScalingRow | undefined =>
    figures.rows.find((row) => row.operation === operation && row.lots === lots);
  const lines = [
    `| operation | ${figures.sizes.map((size) => `${count(size)} lots`).join(' | ')} | exponent | growth |`,
    `|---|${figures.sizes.map(() => '---:').join('|')}|---:|---|`,
  ];
  for (const operation of operationsOf(figures.rows)) {
    const growth = figures.growth.find((g) => g.operation === operation);
    const cells = figures.sizes.map((size) => {
      const row = at(operation, size);
      return row ? `${ms(row.ms)} ms` : '–';
    });
    lines.push(
      `| ${operation} | ${cells.join(' | ')} | ${growth ? growth.exponent.toFixed(2) : '–'} | ${growth?.verdict ?? '–'} |`,
    );
  }
  const details = figures.rows.filter((row) => row.detail);
  if (details.length > 0) {
    lines.push('', 'Details:');
    for (const row of details) {
      lines.push(`- ${row.operation} at ${count(row.lots)} lots: ${row.detail ?? ''}`);
    }
  }
  return lines.join('\n');
}

const COLOURS = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Time against lots, both on log scales, a line per operation, the legend on the right. */
export function scalingSvg(figures: ScalingFigures): string {
  const width = 900;
  const height = 460;
  const plot = { left: 70, top: 30, width: 500, height: 360 };
  const operations = operationsOf(figures.rows);
  const times = figures.rows.map((row) => row.ms).filter((n) => n > 0);
  const lowDecade = Math.floor(Math.log10(Math.min(...times)));
  const highDecade = Math.max(lowDecade + 1, Math.ceil(Math.log10(Math.max(...times))));
  const lowLots = Math.log10(Math.min(...figures.sizes));
  const highLots = Math.max(lowLots + 1, Math.log10(Math.max(...figures.sizes)));
  const x = (lots: number): number =>
    plot.left + ((Math.log10(lots) - lowLots) / (highLots - lowLots)) * plot.width;
  const y = (time: number): number =>
    plot.top +
    plot.height -
    ((Math.log10(time) - lowDecade) / (highDecade - lowDecade)) * plot.height;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${plot.left + plot.width / 2}" y="18" text-anchor="middle" font-size="14">Cost as data grows (median ms, log-log)</text>`,
  ];
  for (let decade = lowDecade; decade <= highDecade; decade += 1) {
    const at = y(10 ** decade);
    parts.push(
      `<line x1="${plot.left}" x2="${plot.left + plot.width}" y1="${at}" y2="${at}" stroke="#ddd"/>`,
      `<text x="${plot.left - 8}" y="${at + 4}" text-anchor="end">${count(10 ** decade)}</text>`,
    );
  }
  for (const size of figures.sizes) {
    const at = x(size);
    parts.push(
      `<line x1="${at}" x2="${at}" y1="${plot.top}" y2="${plot.top + plot.height}" stroke="#ddd"/>`,
      `<text x="${at}" y="${plot.top + plot.height + 18}" text-anchor="middle">${count(size)}</text>`,
    );
  }
  parts.push(
    `<rect x="${plot.left}" y="${plot.top}" width="${plot.width}" height="${plot.height}" fill="none" stroke="#333"/>`,
    `<text x="${plot.left + plot.width / 2}" y="${height - 20}" text-anchor="middle">lots</text>`,
    `<text x="18" y="${plot.top + plot.height / 2}" text-anchor="middle" transform="rotate(-90 18 ${plot.top + plot.height / 2})">ms</text>`,
  );
  operations.forEach((operation, index) => {
    const colour = COLOURS[index % COLOURS.length];
    const points = figures.rows
      .filter((row) => row.operation === operation && row.ms > 0)
      .sort((a, b) => a.lots - b.lots)
      .map((row) => [x(row.lots), y(row.ms)] as const);
    parts.push(
      `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${points.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(' ')}"/>`,
      ...points.map(
        ([px, py]) =>
          `<circle cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="3" fill="${colour}"/>`,
      ),
    );
    const growth = figures.growth.find((g) => g.operation === operation);
    const legendY = plot.top + 10 + index * 20;
    const label = growth
      ? `${operation} (${growth.verdict}, ${growth.exponent.toFixed(2)})`
      : operation;
    parts.push(
      `<line x1="${plot.left + plot.width + 20}" x2="${plot.left + plot.width + 40}" y1="${legendY}" y2="${legendY}" stroke="${colour}" stroke-width="2"/>`,
      `<text x="${plot.left + plot.width + 46}" y="${legendY + 4}">${escapeXml(label)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
