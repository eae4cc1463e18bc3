import autocannon from 'autocannon';

export interface Request {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface LoadOptions {
  connections: number;
  /** Seconds; ignored when `amount` is set. */
  duration: number;
  /** Stop after this many responses instead of after `duration`. */
  amount?: number;
  /** Requests per second across all connections (a fixed rate instead of back to back). */
  rate?: number;
}

/** One autocannon run, boiled down to what the report shows. */
export interface LoadResult {
  requests: number;
  seconds: number;
  /** Responses per second, all statuses. */
  rps: number;
  p50: number;
  p99: number;
  max: number;
  /** Socket errors, timeouts and non-2xx responses (whatever `expected` allows aside). */
  errors: number;
  statuses: Record<string, number>;
}

export async function load(
  baseUrl: string,
  request: Request,
  options: LoadOptions,
  expected: number[] = [],
): Promise<LoadResult> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  const result = await autocannon({
    url: `${baseUrl}${request.path}`,
    method: request.method,
    headers,
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    connections: options.connections,
    duration: options.duration,
    ...(options.amount === undefined ? {} : { amount: options.amount }),
    ...(options.rate === undefined ? {} : { overallRate: options.rate }),
    timeout: 30,
  });
  const statuses: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
    statuses[code] = stat.count ?? 0;
  }
  const unexpected = Object.entries(statuses)
    .filter(([code]) => !code.startsWith('2') && !expected.includes(Number(code)))
    .reduce((sum, [, count]) => sum + count, 0);
  const requests = result.requests.total;
  return {
    requests,
    seconds: result.duration,
    rps: requests / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts + unexpected,
    statuses,
  };
}

export function median(values: number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
