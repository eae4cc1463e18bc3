import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The closed-period rule of stock changes as a function, so a receipt or a dispatch can check it
 * inside the one statement that writes it: `billing_assert_period_open` takes the client's
 * billing lock shared, then reads the approved invoices with a snapshot taken after the lock
 * (a VOLATILE function's queries each take a fresh one in READ COMMITTED), and raises SQLSTATE
 * SC409 with the invoice in DETAIL (JSON) when the movement's day is already billed.
 */
export class StockChangeStatements1795700100000 implements MigrationInterface {
  name = 'StockChangeStatements1795700100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // One key per client for the advisory lock that orders billing against stock changes.
    await queryRunner.query(`
      CREATE FUNCTION billing_client_lock_key(p_client uuid) RETURNS bigint
      LANGUAGE sql IMMUTABLE STRICT AS $$
        SELECT hashtextextended('billing:client:' || p_client::text, 0)
      $$
    `);
    await queryRunner.query(`
      CREATE FUNCTION billing_assert_period_open(p_client uuid, p_warehouse uuid, p_at timestamptz)
      RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        closed record;
      BEGIN
        PERFORM pg_advisory_xact_lock_shared(billing_client_lock_key(p_client));
        SELECT i.number, i.period_start::text AS period_start, i.period_end::text AS period_end,
               d.day::text AS day
          INTO closed
          FROM (SELECT (p_at AT TIME ZONE w.timezone)::date AS day
                  FROM warehouses w WHERE w.id = p_warehouse) d
          JOIN invoices i ON i.client_id = p_client AND i.status IN ('APPROVED', 'PAID')
                         AND d.day <= i.period_end
         ORDER BY i.period_end DESC
         LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'the stock history of client % is closed up to %', p_client, closed.period_end
            USING ERRCODE = 'SC409',
                  DETAIL = json_build_object('number', closed.number,
                                             'period_start', closed.period_start,
                                             'period_end', closed.period_end,
                                             'day', closed.day)::text;
        END IF;
        RETURN true;
      END
      $$
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP FUNCTION billing_assert_period_open(uuid, uuid, timestamp with time zone)`,
    );
    await queryRunner.query(`DROP FUNCTION billing_client_lock_key(uuid)`);
  }
}
