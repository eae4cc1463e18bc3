/**
 * The soak's working day: the kinds of request and their shares, the lots it receives and
 * dispatches from, and one autocannon run of the mix against one API instance.
 */
import autocannon from 'autocannon';
import { DEMO_PASSWORD, type Fixtures } from './fixtures';

export type MixKind =
  | 'operator-inventory'
  | 'client-inventory'
  | 'lot-page'
  | 'summary'
  | 'inward'
  | 'dispatch'
  | 'sign-in';

/**
 * Per 400 requests: four fifths reads (S2, S3, a keyset page of the lot list, and now and then
 * S4: 2%, as it costs PostgreSQL some 20 times a list page), a tenth receipts of 10 units (S7),
 * a tenth dispatches of 1 unit, and one sign-in (bcrypt at the production cost takes a core for a
 * quarter of a second; a token lasts hours).
 */
export const MIX: readonly { kind: MixKind; weight: number }[] = [
  { kind: 'operator-inventory', weight: 120 },
  { kind: 'client-inventory', weight: 100 },
  { kind: 'lot-page', weight: 91 },
  { kind: 'summary', weight: 8 },
  { kind: 'inward', weight: 40 },
  { kind: 'dispatch', weight: 40 },
  { kind: 'sign-in', weight: 1 },
];

const TOTAL_WEIGHT = MIX.reduce((sum, m) => sum + m.weight, 0);
export const MIX_SHARES = MIX.map((m) => ({ name: m.kind, share: m.weight / TOTAL_WEIGHT }));

/** Units per receipt; all but one may be dispatched, so no dispatch ever meets an empty lot. */
export const RECEIPT_UNITS = 10;
export const SOAK_REFERENCE = 'BENCH-SOAK';

/**
 * Lots received by the soak with the units it may still take from them. A unit is reserved
 * when a dispatch is sent, so concurrent dispatches never ask for more than a lot holds (409).
 */
export class LotPool {
  private readonly spare: { id: string; left: number }[] = [];
  readonly received: string[] = [];

  add(id: string): void {
    this.received.push(id);
    this.spare.push({ id, left: RECEIPT_UNITS - 1 });
  }

  /** The next lot in turn (spreading dispatches over lots, so they seldom wait on a row lock). */
  take(): string | undefined {
    const lot = this.spare.shift();
    if (!lot) return undefined;
    lot.left -= 1;
    if (lot.left > 0) this.spare.push(lot);
    return lot.id;
  }
}

/** Smooth weighted round robin over the mix, shared by every connection to both instances. */
class Schedule {
  private readonly current = MIX.map(() => 0);

  next(): MixKind {
    let best = 0;
    MIX.forEach((m, i) => {
      this.current[i] += m.weight;
      if (this.current[i] > this.current[best]) best = i;
    });
    this.current[best] -= TOTAL_WEIGHT;
    return MIX[best].kind;
  }
}

interface Call {
  method: 'GET' | 'POST';
  path: string;
  token?: string;
  body?: unknown;
}

/** What the mix needs of the world, and what it counts as it goes. */
export class SoakMix {
  private readonly schedule = new Schedule();
  private lotPage = 0;
  readonly pool = new LotPool();
  /** Dispatches answered 201. */
  dispatched = 0;
  /** Dispatches sent as a read because no lot had a unit to spare (the pool ran dry). */
  dryDispatches = 0;
  /** Responses by kind and status. */
  readonly statuses = new Map<MixKind, Record<string, number>>();
  /** Response times by kind since the last `takeLatencies()`. */
  private latencies = new Map<MixKind, number[]>();
  /** The first body of each unexpected status of each kind, to say what went wrong. */
  readonly unexpected = new Map<string, string>();

  constructor(
    private readonly fixtures: Fixtures,
    /** after= cursors of a few pages of the operator's lot list, read in turn. */
    private readonly lotCursors: string[],
  ) {}

  private call(kind: Exclude<MixKind, 'dispatch'>): Call {
    const f = this.fixtures;
    switch (kind) {
      case 'operator-inventory':
        return { method: 'GET', path: '/api/operator/inventory?limit=50', token: f.operator.token };
      case 'client-inventory':
        return { method: 'GET', path: '/api/client/inventory?limit=50', token: f.client.token };
      case 'lot-page': {
        const after = this.lotCursors[this.lotPage++ % this.lotCursors.length];
        return {
          method: 'GET',
          path: `/api/inventory/lots?limit=50&after=${encodeURIComponent(after)}`,
          token: f.operator.token,
        };
      }
      case 'summary':
        return {
          method: 'GET',
          path: `/api/inventory/summary?warehouse_id=${f.operator.warehouseId}`,
          token: f.admin.token,
        };
      case 'inward':
        return {
          method: 'POST',
          path: '/api/inventory/inward',
          token: f.writer.token,
          body: {
            ...f.inward,
            quantity: RECEIPT_UNITS,
            weight_kg: '250.5',
            reference: SOAK_REFERENCE,
          },
        };
      case 'sign-in':
        return {
          method: 'POST',
          path: '/api/auth/login',
          body: { email: f.loginEmail, password: DEMO_PASSWORD },
        };
    }
  }

  /** The next request of the day; a dispatch with no unit to spare anywhere becomes a read. */
  private next(): { kind: MixKind; call: Call } {
    const kind = this.schedule.next();
    if (kind !== 'dispatch') return { kind, call: this.call(kind) };
    const lotId = this.pool.take();
    if (lotId !== undefined) {
      return {
        kind,
        call: {
          method: 'POST',
          path: '/api/inventory/outward',
          token: this.fixtures.writer.token,
          body: { lot_id: lotId, quantity: 1, reference: SOAK_REFERENCE },
        },
      };
    }
    this.dryDispatches += 1;
    return { kind: 'operator-inventory', call: this.call('operator-inventory') };
  }

  /** Receives `lots` lots one after another, so the first dispatches have units to take. */
  async seed(url: string, lots: number): Promise<void> {
    const call = this.call('inward');
    for (let i = 0; i < lots; i += 1) {
      const response = await fetch(`${url}${call.path}`, {
        method: call.method,
        headers: {
          authorization: `Bearer ${call.token ?? ''}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(call.body),
      });
      const body = await response.text();
      if (response.status !== 201)
        throw new Error(`A seed receipt answered ${response.status}: ${body}`);
      this.record('inward', response.status, body);
    }
  }

  takeLatencies(): Map<MixKind, number[]> {
    const taken = this.latencies;
    this.latencies = new Map();
    return taken;
  }

  /** autocannon's request: rebuilt before each send, its response counted by kind. */
  request(): autocannon.Request {
    return {
      setupRequest: (request, context) => {
        const { kind, call } = this.next();
        Object.assign(context, { kind, sentAt: performance.now() });
        const headers: Record<string, string> = {};
        if (call.token) headers.authorization = `Bearer ${call.token}`;
        if (call.body !== undefined) headers['content-type'] = 'application/json';
        return {
          ...request,
          method: call.method,
          path: call.path,
          headers,
          body: call.body === undefined ? undefined : JSON.stringify(call.body),
        };
      },
      onResponse: (status, body, context) => {
        const { kind, sentAt } = context as { kind?: MixKind; sentAt?: number };
        if (kind === undefined || sentAt === undefined) return;
        this.record(kind, status, body, performance.now() - sentAt);
      },
    };
  }

  record(kind: MixKind, status: number, body: string, ms?: number): void {
    if (ms !== undefined) {
      const list = this.latencies.get(kind) ?? [];
      list.push(ms);
      this.latencies.set(kind, list);
    }
    const counts = this.statuses.get(kind) ?? {};
    const code = String(status);
    counts[code] = (counts[code] ?? 0) + 1;
    this.statuses.set(kind, counts);
    if (kind === 'inward' && status === 201) this.pool.add((JSON.parse(body) as { id: string }).id);
    if (kind === 'dispatch' && status === 201) this.dispatched += 1;
    const expected = kind === 'inward' || kind === 'dispatch' ? 201 : 200;
    const key = `${kind} ${status}`;
    if (status !== expected && !this.unexpected.has(key)) {
      this.unexpected.set(key, body.slice(0, 300));
    }
  }
}

export interface MixRun {
  seconds: number;
  /** Response times in ms, one a response. */
  latencies: number[];
  statuses: Record<string, number>;
  /** Socket errors and timeouts: requests that got no HTTP answer. */
  errors: number;
}

/** The mix against one instance: back to back, or at `rate` requests a second over all connections. */
export async function runMix(
  mix: SoakMix,
  url: string,
  options: { connections: number; seconds: number; rate?: number },
): Promise<MixRun> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: options.connections,
        duration: options.seconds,
        ...(options.rate === undefined ? {} : { overallRate: options.rate }),
        timeout: 30,
        requests: [mix.request()],
      },
      (error: unknown, done) => {
        if (error)
          reject(error instanceof Error ? error : new Error('autocannon failed', { cause: error }));
        else resolve(done);
      },
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      latencies.push(ms);
      const code = String(status);
      statuses[code] = (statuses[code] ?? 0) + 1;
    });
  });
  return { seconds: result.duration, latencies, statuses, errors: result.errors };
}
