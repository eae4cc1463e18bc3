import { ExpressAdapter } from '@nestjs/platform-express';
import { Client } from 'pg';
import request from 'supertest';
import { ExpressPlatform } from 'src/performance/express-platform';
import { PgClient } from 'src/performance/pg-client';
import { createTestApp, type TestApp } from './helpers/test-app';

/** The pool's client class, as node-postgres keeps it. */
function poolClient(t: TestApp): unknown {
  return (t.dataSource.driver as unknown as { master: { Client: unknown } }).master.Client;
}

describe('the performance shims (src/performance)', () => {
  it('are on by default: the Express platform shim and the pg client shim', async () => {
    const t = await createTestApp();
    try {
      expect(t.app.getHttpAdapter()).toBeInstanceOf(ExpressPlatform);
      expect(poolClient(t)).toBe(PgClient);
      await request(t.server).get('/health/ready').expect(200);
    } finally {
      await t.close();
    }
  });

  it('turn off with PERFORMANCE_SHIMS=off, and the API works on the stock classes', async () => {
    const t = await createTestApp({ env: { PERFORMANCE_SHIMS: 'off' } });
    try {
      const adapter = t.app.getHttpAdapter();
      expect(adapter).toBeInstanceOf(ExpressAdapter);
      expect(adapter).not.toBeInstanceOf(ExpressPlatform);
      expect(poolClient(t)).toBe(Client);
      await request(t.server).get('/health/ready').expect(200);
      await request(t.server)
        .post('/api/auth/login')
        .send({ email: 'nobody@example.com', password: 'not-a-password' })
        .expect(401);
    } finally {
      await t.close();
    }
  });

  it('refuse any other value at boot', async () => {
    await expect(createTestApp({ env: { PERFORMANCE_SHIMS: 'fast' } })).rejects.toThrow(
      /PERFORMANCE_SHIMS/,
    );
  });
});
