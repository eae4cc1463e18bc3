import { randomUUID } from 'node:crypto';
import type request from 'supertest';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { RequestContext } from 'src/common/context/request-context.service';
import type { TestApp } from './test-app';

interface QueryablePrototype {
  query: (...args: unknown[]) => unknown;
}

/**
 * The SQL texts one request sends to PostgreSQL, counted where the benchmark counts them (the pg
 * driver's Client.query, on any connection, BEGIN and COMMIT included), told apart from what other
 * requests and the background workers send by the request id. With `afterCaller`, only those sent
 * once the caller is known (so loading the caller does not count).
 */
export async function queriesSentBy(
  t: TestApp,
  send: request.Test,
  status: number,
  options: { afterCaller?: boolean } = {},
): Promise<string[]> {
  const requestId = `queries-${randomUUID()}`;
  const context = t.app.get(RequestContext, { strict: false });
  const driver = t.dataSource.driver as PostgresDriver;
  const prototype = (driver.postgres as { Client: { prototype: QueryablePrototype } }).Client
    .prototype;
  const query = prototype.query;
  const sent: string[] = [];
  prototype.query = function counted(this: unknown, ...args: unknown[]) {
    if (
      context.meta().requestId === requestId &&
      (!options.afterCaller || context.callerOrNull())
    ) {
      const [text] = args;
      sent.push(typeof text === 'string' ? text : JSON.stringify(text));
    }
    return query.apply(this, args);
  };
  try {
    await send.set('X-Request-Id', requestId).expect(status);
  } finally {
    prototype.query = query;
  }
  return sent;
}

/**
 * The queries of the data source that read inventory tables while `work` runs, as TypeORM logs
 * them (BEGIN and COMMIT not included).
 */
export async function inventoryQueriesDuring(
  dataSource: DataSource,
  work: () => Promise<unknown>,
): Promise<string[]> {
  const seen: string[] = [];
  const spy = jest.spyOn(dataSource.logger, 'logQuery').mockImplementation((query: string) => {
    seen.push(query);
  });
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
  // The principal's load and the outbox worker run alongside; they touch none of these tables.
  return seen.filter((sql) => /\b(lots|stock_movements|commodities|chambers)\b/.test(sql));
}
