import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inventory owns how far back a client's stock history is closed (`stock_history_closures`),
 * and the check a movement runs against it reads only that table: stock no longer reads
 * invoices. Billing sets the row when it approves an invoice and recomputes it on void. The
 * lock that orders the two keeps its key, so instances on either side of this migration agree.
 */
export class StockHistoryClosures1796505131004 implements MigrationInterface {
  name = 'StockHistoryClosures1796505131004';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "stock_history_closures" (
        "client_id" uuid NOT NULL,
        "closed_through" date NOT NULL,
        "closed_by" character varying(300) NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_a4f9cb9fe10b9603a96b0b31bcd" PRIMARY KEY ("client_id")
      )
    `);
    await queryRunner.query(`
      ALTER TABLE "stock_history_closures"
      ADD CONSTRAINT "FK_a4f9cb9fe10b9603a96b0b31bcd" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE NO ACTION
    `);
    // What the approved and paid invoices closed so far.
    await queryRunner.query(`
      INSERT INTO stock_history_closures (client_id, closed_through, closed_by)
      SELECT DISTINCT ON (client_id) client_id, period_end,
             format('invoice %s (%s – %s) is approved; void it to reopen this history',
                    number, period_start, period_end)
        FROM invoices
       WHERE status IN ('APPROVED', 'PAID')
       ORDER BY client_id, period_end DESC
    `);
    await queryRunner.query(`
      CREATE FUNCTION stock_history_lock_key(p_client uuid) RETURNS bigint
      LANGUAGE sql IMMUTABLE STRICT AS $$
        SELECT hashtextextended('billing:client:' || p_client::text, 0)
      $$
    `);
    // Shared lock first, then a fresh snapshot (VOLATILE): a movement started after a closure
    // committed sees it. Raises SC409 with the closure in DETAIL (JSON).
    await queryRunner.query(`
      CREATE FUNCTION stock_history_assert_open(p_client uuid, p_warehouse uuid, p_at timestamptz)
      RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        closed record;
      BEGIN
        PERFORM pg_advisory_xact_lock_shared(stock_history_lock_key(p_client));
        SELECT c.closed_through::text AS closed_through, c.closed_by, d.day::text AS day
          INTO closed
          FROM (SELECT (p_at AT TIME ZONE w.timezone)::date AS day
                  FROM warehouses w WHERE w.id = p_warehouse) d
          JOIN stock_history_closures c ON c.client_id = p_client AND d.day <= c.closed_through;
        IF FOUND THEN
          RAISE EXCEPTION 'the stock history of client % is closed up to %', p_client, closed.closed_through
            USING ERRCODE = 'SC409',
                  DETAIL = json_build_object('closed_through', closed.closed_through,
                                             'closed_by', closed.closed_by,
                                             'day', closed.day)::text;
        END IF;
        RETURN true;
      END
      $$
    `);
    await queryRunner.query(
      `DROP FUNCTION billing_assert_period_open(uuid, uuid, timestamp with time zone)`,
    );
    await queryRunner.query(`DROP FUNCTION billing_client_lock_key(uuid)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
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
    await queryRunner.query(
      `DROP FUNCTION stock_history_assert_open(uuid, uuid, timestamp with time zone)`,
    );
    await queryRunner.query(`DROP FUNCTION stock_history_lock_key(uuid)`);
    await queryRunner.query(
      `ALTER TABLE "stock_history_closures" DROP CONSTRAINT "FK_a4f9cb9fe10b9603a96b0b31bcd"`,
    );
    await queryRunner.query(`DROP TABLE "stock_history_closures"`);
  }
}
