import { Client } from 'pg';

/**
 * The demo accounts' shared password in the bench's own template, given to demo-data on stdin
 * (which otherwise makes a random one).
 */
export const DEMO_PASSWORD = 'bench-cold-store-Quay-2026';
/** The demo data's administrator. */
export const DEMO_ADMIN = 'admin@demo.coldstore';

export interface Account {
  email: string;
  token: string;
}

/** Who and what the scenarios use, read from the demo data once per run. */
export interface Fixtures {
  /** Reads its warehouse's lots (S2). */
  operator: Account & { warehouseId: string; lots: number };
  /** Receives and dispatches in another warehouse (S6, S7). */
  writer: Account & { warehouseId: string };
  /** Reads its own lots across warehouses (S3). */
  client: Account & { clientId: string; lots: number };
  /** Reports on one warehouse (S4). */
  admin: Account;
  /** Signs in over and over (S5). */
  loginEmail: string;
  /** A valid receipt for the writer's warehouse (S7, and S6's hot lot). */
  inward: { client_id: string; commodity_id: string; chamber_id: string };
  totalLots: number;
}

interface OperatorRow {
  email: string;
  warehouse_id: string;
  lots: number;
}

export async function loadFixtures(
  databaseUrl: string,
  apiUrl: string,
): Promise<
  Omit<Fixtures, 'operator' | 'writer' | 'client' | 'admin'> & {
    operator: OperatorRow;
    writer: OperatorRow;
    client: { email: string; client_id: string; lots: number };
    login: (email: string) => Promise<string>;
  }
> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const operators = await db.query<OperatorRow>(
      `SELECT u.email, op.warehouse_id, (SELECT count(*)::int FROM lots l WHERE l.warehouse_id = op.warehouse_id) AS lots
         FROM users u
         JOIN operator_profiles op ON op.user_id = u.id
         JOIN user_roles ur ON ur.user_id = u.id
         JOIN roles r ON r.id = ur.role_id AND r.name = 'OPERATOR'
        ORDER BY lots DESC, u.email`,
    );
    if (operators.rows.length < 3) throw new Error('The demo data has fewer than 3 operators');
    const [operator, writer, loginUser] = operators.rows;
    const client = await db.query<{ email: string; client_id: string; lots: number }>(
      `SELECT u.email, c.id AS client_id, count(l.id)::int AS lots
         FROM clients c JOIN users u ON u.id = c.user_id JOIN lots l ON l.client_id = c.id
        GROUP BY u.email, c.id ORDER BY lots DESC, u.email LIMIT 1`,
    );
    const receipt = await db.query<Fixtures['inward']>(
      `SELECT l.client_id, l.commodity_id, l.chamber_id
         FROM lots l JOIN chambers ch ON ch.id = l.chamber_id AND ch.active
        WHERE l.warehouse_id = $1 AND l.status = 'IN_STOCK'
        ORDER BY l.lot_number LIMIT 1`,
      [writer.warehouse_id],
    );
    const total = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM lots');
    return {
      operator,
      writer,
      client: client.rows[0],
      loginEmail: loginUser.email,
      inward: receipt.rows[0],
      totalLots: total.rows[0].n,
      login: async (email: string) => {
        const response = await fetch(`${apiUrl}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password: DEMO_PASSWORD }),
        });
        if (response.status !== 200) {
          throw new Error(`Sign-in of ${email} answered ${response.status}`);
        }
        return ((await response.json()) as { access_token: string }).access_token;
      },
    };
  } finally {
    await db.end();
  }
}

export async function signInAll(databaseUrl: string, apiUrl: string): Promise<Fixtures> {
  const found = await loadFixtures(databaseUrl, apiUrl);
  const [operatorToken, writerToken, clientToken, adminToken] = await Promise.all([
    found.login(found.operator.email),
    found.login(found.writer.email),
    found.login(found.client.email),
    found.login(DEMO_ADMIN),
  ]);
  return {
    operator: {
      email: found.operator.email,
      token: operatorToken,
      warehouseId: found.operator.warehouse_id,
      lots: found.operator.lots,
    },
    writer: {
      email: found.writer.email,
      token: writerToken,
      warehouseId: found.writer.warehouse_id,
    },
    client: {
      email: found.client.email,
      token: clientToken,
      clientId: found.client.client_id,
      lots: found.client.lots,
    },
    admin: { email: DEMO_ADMIN, token: adminToken },
    loginEmail: found.loginEmail,
    inward: found.inward,
    totalLots: found.totalLots,
  };
}

/** A lot's on-hand quantity and whether its ledger agrees (for S6's end state). */
export async function lotState(
  databaseUrl: string,
  lotId: string,
): Promise<{ quantity: number; ledger: number; status: string }> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ quantity: number; ledger: number; status: string }>(
      `SELECT l.quantity, l.status,
              (SELECT coalesce(sum(m.quantity_delta), 0)::int FROM stock_movements m WHERE m.lot_id = l.id) AS ledger
         FROM lots l WHERE l.id = $1`,
      [lotId],
    );
    return rows[0];
  } finally {
    await db.end();
  }
}
