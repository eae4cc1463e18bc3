import { DataSource } from 'typeorm';
import { scopeCondition, whereInScope, type DataScope, type ScopeColumns } from './data-scope';

const all: DataScope = { kind: 'all', userId: null, roleNames: [] };
const warehouse = (warehouseId: string | null): DataScope => ({
  kind: 'warehouse',
  userId: 'u',
  roleNames: ['OPERATOR'],
  warehouseId,
});
const client = (clientId: string | null): DataScope => ({
  kind: 'client',
  userId: 'u',
  roleNames: ['CLIENT'],
  clientId,
});
const lots: ScopeColumns = { warehouse: 'l.warehouse_id', client: 'l.client_id' };

describe('the SQL condition of a scope', () => {
  const condition = (scope: DataScope, columns: ScopeColumns = lots) => {
    const params: unknown[] = ['earlier'];
    return { sql: scopeCondition(scope, columns, params), params };
  };

  it('lets an unrestricted caller see every row, with no parameter', () => {
    expect(condition(all)).toEqual({ sql: 'true', params: ['earlier'] });
  });

  it('pins a warehouse or a client to its column, as the next positional parameter', () => {
    expect(condition(warehouse('w1'))).toEqual({
      sql: 'l.warehouse_id = $2',
      params: ['earlier', 'w1'],
    });
    expect(condition(client('c1'))).toEqual({ sql: 'l.client_id = $2', params: ['earlier', 'c1'] });
  });

  it('builds a condition around the parameter when given one', () => {
    const sql = scopeCondition(
      warehouse('w1'),
      { warehouse: (id) => `EXISTS (SELECT 1 FROM lots x WHERE x.warehouse_id = ${id})` },
      [],
    );
    expect(sql).toBe('EXISTS (SELECT 1 FROM lots x WHERE x.warehouse_id = $1)');
  });

  it('shows nothing to a restricted role without its profile', () => {
    expect(condition(warehouse(null))).toEqual({ sql: 'false', params: ['earlier'] });
    expect(condition(client(null))).toEqual({ sql: 'false', params: ['earlier'] });
  });

  it('shows nothing to a kind the rows do not name', () => {
    expect(condition(client('c1'), { warehouse: 'ch.warehouse_id' })).toEqual({
      sql: 'false',
      params: ['earlier'],
    });
  });
});

describe('the QueryBuilder condition of a scope', () => {
  const dataSource = new DataSource({ type: 'postgres' });
  const query = (scope: DataScope, columns: ScopeColumns = lots, extra = {}) =>
    whereInScope(
      dataSource.createQueryBuilder().select('l.id').from('lots', 'l').where('l.id = :id', {
        id: 'l1',
      }),
      scope,
      columns,
      extra,
    ).getQueryAndParameters();

  it('leaves the query as it is for an unrestricted caller', () => {
    expect(query(all)).toEqual(['SELECT l.id FROM "lots" "l" WHERE l.id = $1', ['l1']]);
  });

  it('adds the scope column, matched by a parameter', () => {
    expect(query(warehouse('w1'))).toEqual([
      'SELECT l.id FROM "lots" "l" WHERE l.id = $1 AND l.warehouse_id = $2',
      ['l1', 'w1'],
    ]);
  });

  it('passes the parameters a match function uses', () => {
    const [sql, params] = query(
      client('c1'),
      { client: (id) => `l.client_id = ${id} AND l.status IN (:...shown)` },
      { shown: ['ACTIVE', 'HELD'] },
    );
    expect(sql).toBe(
      'SELECT l.id FROM "lots" "l" WHERE l.id = $1 AND l.client_id = $2 AND l.status IN ($3, $4)',
    );
    expect(params).toEqual(['l1', 'c1', 'ACTIVE', 'HELD']);
  });

  it('finds no row for a restricted role without its profile, or a kind the rows do not name', () => {
    expect(query(client(null))[0]).toBe('SELECT l.id FROM "lots" "l" WHERE l.id = $1 AND false');
    expect(query(client('c1'), { warehouse: 'l.warehouse_id' })[0]).toBe(
      'SELECT l.id FROM "lots" "l" WHERE l.id = $1 AND false',
    );
  });
});
