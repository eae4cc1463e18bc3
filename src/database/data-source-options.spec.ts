import { Client } from 'pg';
import { PgClient } from 'src/performance/pg-client';
import { buildDataSourceOptions } from './data-source-options';

// The shim is tested in src/performance; that the pool uses it is the data source's business.
describe('buildDataSourceOptions', () => {
  it('is what the pool builds its connections with', () => {
    expect(new PgClient()).toBeInstanceOf(Client);
    const query = (prototype: object): unknown => (prototype as { query: unknown }).query;
    expect(query(PgClient.prototype)).not.toBe(query(Client.prototype));
    const options = buildDataSourceOptions(
      {
        poolSize: 5,
        ssl: false,
        connectTimeoutMs: 1000,
        maxLifetimeSeconds: 0,
        statementTimeoutMs: 1000,
        lockTimeoutMs: 1000,
        idleInTransactionTimeoutMs: 1000,
        performanceShims: true,
      } as Parameters<typeof buildDataSourceOptions>[0],
      'postgresql://localhost/x',
    );
    expect((options.extra as { Client: unknown }).Client).toBe(PgClient);
  });
});
