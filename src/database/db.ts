import { Injectable } from '@nestjs/common';
import { ClsPluginTransactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';

/** Registers the ambient transaction (nestjs-cls) over the TypeORM data source. */
export const transactionalPlugin = (): ClsPluginTransactional =>
  new ClsPluginTransactional({
    adapter: new TransactionalAdapterTypeOrm({ dataSourceToken: getDataSourceToken() }),
  });

/**
 * The database as services see it: the transaction of the current context when one is open
 * (an idempotent request runs its handler and stores its answer in one), else the pool. Writes
 * that must share a request's fate go through here, never through the DataSource.
 */
@Injectable()
export class Db {
  constructor(private readonly host: TransactionHost<TransactionalAdapterTypeOrm>) {}

  get manager(): EntityManager {
    return this.host.tx;
  }

  /** Runs work in the open transaction, or in a new one when none is open. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.host.withTransaction(() => work(this.host.tx));
  }
}
