/** The row counts of a copy, table by table, as the operator reads them. */

export interface TableCount {
  table: string;
  sqlite: number;
  postgres: number;
}

/** A plain-text table: name, SQLite rows, PostgreSQL rows, and a marker on each line that differs. */
export function formatCounts(counts: readonly TableCount[]): string {
  const header = { table: 'table', sqlite: 'sqlite', postgres: 'postgresql' };
  const rows = counts.map((count) => ({
    table: count.table,
    sqlite: String(count.sqlite),
    postgres: String(count.postgres),
    differs: count.sqlite !== count.postgres,
  }));
  const width = (key: 'table' | 'sqlite' | 'postgres') => Math.max(header[key].length, ...rows.map((row) => row[key].length));
  const line = (table: string, sqlite: string, postgres: string, mark = '') =>
    `${table.padEnd(width('table'))}  ${sqlite.padStart(width('sqlite'))}  ${postgres.padStart(width('postgres'))}${mark}`.trimEnd();
  return [
    line(header.table, header.sqlite, header.postgres),
    ...rows.map((row) => line(row.table, row.sqlite, row.postgres, row.differs ? '  <- differs' : '')),
  ].join('\n');
}
