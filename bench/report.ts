import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { format, resolveConfig } from 'prettier';
import type { DeepPageFigures } from './deep-pages';
import { scalingMarkdown, scalingSvg, type ScalingFigures } from './scaling-chart';
import { soakMarkdown, type SoakFigures } from './soak-report';
import type { TraceabilityExportFigures } from './traceability-export';

export interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** SQL queries per request, counted at the pg driver. */
  queries: number;
}

export interface ScenarioFigures {
  id: string;
  title: string;
  api: Figures;
  baseline: Figures | null;
  /** Median over rounds of API req/s ÷ baseline req/s. */
  rpsRatio: number;
  /** Median over rounds of API p99 ÷ baseline p99. */
  p99Ratio: number;
  /** The baseline reading every caller from the database (the reference row before the cache). */
  uncached?: Figures | null;
  /** Median over rounds of API req/s ÷ uncached baseline req/s. */
  uncachedRpsRatio?: number;
}

export interface TargetCheck {
  target: string;
  figure: string;
  holds: boolean;
}

export interface BenchReport {
  mode: 'quick' | 'full';
  startedAt: string;
  finishedAt: string;
  machine: { cpu: string; cores: number; node: string; postgres: string; database: string };
  settings: {
    rounds: number;
    duration: number;
    connections: number;
    poolSize: number;
    bcryptRounds: number;
    lots: number;
    operatorLots: number;
    clientLots: number;
  };
  scenarios: ScenarioFigures[];
  fixedRate: { fraction: number; rate: number; p50: number; p99: number }[];
  healthUnderLoginP99: number;
  s2PeakRssMb: number;
  /** S8, the FSMA 204 export (absent from runs before it existed). */
  traceabilityExport?: TraceabilityExportFigures;
  /** Lot and movement pages by skip and by keyset cursor at growing depths (absent before). */
  deepPages?: DeepPageFigures;
  /** Two instances under a working day's mix at 60% of its peak (absent before). */
  soak?: SoakFigures;
  /** The same operations at 10k, 100k and 1M lots (absent before). */
  scaling?: ScalingFigures;
  apiPeakRssMb: number;
  warmStartMs: number[];
  checks: TargetCheck[];
}

const fmt = (n: number | undefined, digits = 0): string =>
  n !== undefined && Number.isFinite(n) ? n.toFixed(digits) : '—';

export function markdownTable(report: BenchReport): string {
  const rows = [
    '| scenario | API req/s | baseline req/s | ratio | API p50 / p99 ms | baseline p50 / p99 ms | p99 ratio | errors | SQL / request (API, baseline) | uncached baseline req/s (ratio) |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const s of report.scenarios) {
    const digits = s.api.rps < 100 ? 1 : 0;
    rows.push(
      `| ${s.id} ${s.title} | ${fmt(s.api.rps, digits)} | ${fmt(s.baseline?.rps, digits)} | ${fmt(s.rpsRatio, 2)} | ${fmt(s.api.p50, 1)} / ${fmt(s.api.p99, 1)} | ${fmt(s.baseline?.p50, 1)} / ${fmt(s.baseline?.p99, 1)} | ${fmt(s.p99Ratio, 2)} | ${s.api.errors + (s.baseline?.errors ?? 0)} | ${fmt(s.api.queries, 2)}, ${s.baseline ? fmt(s.baseline.queries, 2) : '—'} | ${s.uncached ? `${fmt(s.uncached.rps, digits)} (${fmt(s.uncachedRpsRatio, 2)})` : '—'} |`,
    );
  }
  const s2 = report.scenarios.find((s) => s.id === 'S2');
  const lines = [
    ...rows,
    '',
    `S2 p99: back to back ${fmt(s2?.api.p99, 1)} ms; ${report.fixedRate
      .map(
        (r) =>
          `at ${r.rate} req/s (${r.fraction * 100}% of peak) ${fmt(r.p99, 1)} ms (p50 ${fmt(r.p50, 1)})`,
      )
      .join('; ')}.`,
    ...exportLines(report.traceabilityExport),
    ...deepPageLines(report.deepPages),
    ...(report.soak ? ['', soakMarkdown(report.soak), ''] : []),
    ...(report.scaling
      ? [
          '',
          'Cost as data grows (median ms of sequential runs, one dataset at a time):',
          '',
          scalingMarkdown(report.scaling),
          '',
        ]
      : []),
    `API peak RSS under S2: ${fmt(report.s2PeakRssMb)} MB (whole run ${fmt(report.apiPeakRssMb)} MB). ` +
      `Warm start to /health/ready: ${report.warmStartMs.map((ms) => fmt(ms)).join(', ')} ms. ` +
      `/health p99 during 8 concurrent sign-ins: ${fmt(report.healthUnderLoginP99, 1)} ms.`,
    '',
    '| target | figure | holds |',
    '|---|---|---|',
    ...report.checks.map((c) => `| ${c.target} | ${c.figure} | ${c.holds ? 'yes' : '**no**'} |`),
  ];
  return lines.join('\n');
}

/** Deep pages: milliseconds per page of 50 by skip and by after=, per list and depth. */
function deepPageLines(figures: DeepPageFigures | undefined): string[] {
  if (!figures) return [];
  return [
    '',
    `Deep pages (median of ${figures.requests} sequential requests, 50 rows, ms):`,
    '',
    '| list | depth | skip | after= |',
    '|---|--:|--:|--:|',
    ...figures.rows.map(
      (row) =>
        `| ${row.list} | ${row.depth.toLocaleString('en-US')} | ${fmt(row.skipMs, 1)} | ${fmt(row.cursorMs, 1)} |`,
    ),
    '',
  ];
}

/** S8: each export format against COPY of the same rows, timed in the same run. */
function exportLines(figures: TraceabilityExportFigures | undefined): string[] {
  if (!figures) return [];
  const runs = figures.runs.map(
    (run) =>
      `${run.format} ${fmt(run.seconds, 2)} s (${fmt(run.rowsPerSecond)} rows/s, ${fmt(run.bytes / 1e6, 1)} MB, ` +
      `${fmt(run.ratio, 2)} × COPY, peak RSS ${fmt(run.peakRssMb)} MB, ${fmt(run.rssBeforeMb)} before)`,
  );
  return [
    `S8 FSMA 204 export of a year (${figures.rows.toLocaleString('en-US')} events, ${figures.warehouses} warehouses): ` +
      `${runs.join('; ')}; baseline COPY (the export's SELECT) TO STDOUT ${fmt(figures.copySeconds, 2)} s, ` +
      `${fmt(figures.copyBytes / 1e6, 1)} MB.`,
  ];
}

/** Throughput ratios API ÷ baseline as horizontal bars, with the targets marked. */
export function ratioChart(report: BenchReport): string {
  const targets: Partial<Record<string, number>> = {
    S2: 0.8,
    S3: 0.8,
    S4: 0.8,
    S5: 0.95,
    S7: 0.8,
  };
  const bars = report.scenarios.filter((s) => Number.isFinite(s.rpsRatio));
  const left = 260;
  const width = 420;
  const rowHeight = 34;
  const top = 40;
  const height = top + bars.length * rowHeight + 40;
  const x = (ratio: number): number =>
    Math.round((left + Math.min(ratio, 1.2) * (width / 1.2)) * 10) / 10;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${left + width + 60}" height="${height}" font-family="sans-serif" font-size="13">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="22" font-size="15" font-weight="bold">Throughput, API ÷ bare node:http + pg baseline (${report.mode} run, ${report.startedAt.slice(0, 10)})</text>`,
  ];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(
      `<line x1="${x(tick)}" y1="${top - 6}" x2="${x(tick)}" y2="${height - 30}" stroke="#ddd"/>`,
      `<text x="${x(tick)}" y="${height - 14}" text-anchor="middle" fill="#555">${tick}</text>`,
    );
  }
  bars.forEach((s, i) => {
    const y = top + i * rowHeight;
    const target = targets[s.id];
    const holds = target === undefined || s.rpsRatio >= target;
    const label = s.id === 'S5' ? 'S5 login ÷ bcrypt alone' : `${s.id} ${s.title}`;
    parts.push(
      `<text x="10" y="${y + 18}">${escapeXml(label.length > 36 ? `${label.slice(0, 35)}…` : label)}</text>`,
      `<rect x="${left}" y="${y + 4}" width="${Math.round((x(s.rpsRatio) - left) * 10) / 10}" height="${rowHeight - 12}" fill="${holds ? '#3a7d44' : '#c0392b'}"/>`,
      `<text x="${x(s.rpsRatio) + 6}" y="${y + 20}">${s.rpsRatio.toFixed(2)}</text>`,
    );
    if (target !== undefined) {
      parts.push(
        `<line x1="${x(target)}" y1="${y + 1}" x2="${x(target)}" y2="${y + rowHeight - 5}" stroke="#000" stroke-width="2" stroke-dasharray="3,2"/>`,
      );
    }
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const BEGIN = '<!-- bench:begin -->';
const END = '<!-- bench:end -->';

/**
 * Every run writes its JSON to bench/results/; a full run also refreshes the table in
 * bench/RESULTS.md and the chart (a quick run is too short to stand for the service).
 */
export async function writeReport(
  report: BenchReport,
  root: string,
  options: { json: boolean } = { json: true },
): Promise<{ json: string; markdown: string | null; table: string }> {
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const json = join(dir, `${stamp}-${report.mode}.json`);
  if (options.json) writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  // Every run draws its scaling chart beside its figures; a full run's is also the one shown.
  if (report.scaling) {
    writeFileSync(join(dir, `${stamp}-${report.mode}-scaling.svg`), scalingSvg(report.scaling));
  }
  const table = markdownTable(report);
  if (report.mode !== 'full') return { json: relative(root, json), markdown: null, table };

  writeFileSync(join(dir, 'ratios.svg'), ratioChart(report));
  if (report.scaling) writeFileSync(join(dir, 'scaling.svg'), scalingSvg(report.scaling));
  const markdownPath = join(root, 'bench', 'RESULTS.md');
  const m = report.machine;
  const section = [
    BEGIN,
    `Full run of ${report.startedAt.slice(0, 16).replace('T', ' ')} UTC: ${m.cpu}, ${m.cores} cores; Node ${m.node}; ` +
      `PostgreSQL ${m.postgres} (${m.database}). ${report.settings.rounds} interleaved rounds of ${report.settings.duration} s, ` +
      `${report.settings.connections} connections, pool ${report.settings.poolSize}, bcrypt cost ${report.settings.bcryptRounds}; ` +
      `${report.settings.lots.toLocaleString('en-US')} lots (the operator's warehouse ${report.settings.operatorLots.toLocaleString('en-US')}, the client ${report.settings.clientLots.toLocaleString('en-US')}). ` +
      `Medians over rounds; figures in [results/${stamp}-full.json](results/${stamp}-full.json).`,
    '',
    '![Throughput ratios](results/ratios.svg)',
    '',
    ...(report.scaling ? ['![Time against lots](results/scaling.svg)', ''] : []),
    table,
    END,
  ].join('\n');
  let current: string;
  try {
    current = readFileSync(markdownPath, 'utf8');
  } catch {
    current = `# Benchmark results\n\n${BEGIN}\n${END}\n`;
  }
  const start = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  const updated =
    start >= 0 && end > start
      ? `${current.slice(0, start)}${section}${current.slice(end + END.length)}`
      : `${current.trimEnd()}\n\n${section}\n`;
  // Formatted as the rest of the repository, so a refresh changes only figures.
  const config = await resolveConfig(markdownPath);
  writeFileSync(markdownPath, await format(updated, { ...config, filepath: markdownPath }));
  return { json: relative(root, json), markdown: relative(root, markdownPath), table };
}
