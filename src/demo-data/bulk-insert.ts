import type { EntityManager } from 'typeorm';

/** Rows per INSERT: one query of a few thousand rows, each row still firing the triggers. */
const ROWS_PER_INSERT = 5_000;
const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Multi-row INSERT through unnest(): one array parameter per column, so a query carries
 * thousands of rows without the 65,535-parameter limit of VALUES lists.
 */
export async function bulkInsert<K extends string>(
  manager: EntityManager,
  table: string,
  types: Record<K, string>,
  rows: readonly Record<NoInfer<K>, unknown>[],
  onConflict = '',
): Promise<void> {
  const keys = Object.keys(types) as K[];
  const columns = keys.map((key) => `"${snake(key)}"`).join(', ');
  const arrays = keys.map((key, i) => `$${i + 1}::${types[key]}[]`).join(', ');
  const sql = `INSERT INTO "${table}" (${columns}) SELECT * FROM unnest(${arrays}) ${onConflict}`;
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const chunk = rows.slice(start, start + ROWS_PER_INSERT);
    await manager.query(
      sql,
      keys.map((key) => chunk.map((row) => row[key])),
    );
  }
}
