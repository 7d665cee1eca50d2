import type { PrismaClient } from "@prisma/client";
import { providerOf } from "../../app/db-provider";

export interface Hit {
  table: string;
  column: string;
  count: number;
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Where `needle` occurs (case-insensitively) in any column of any table of the database.
 * The tables and columns are read from the database itself, so a table added later is searched too.
 */
export async function findEverywhere(db: PrismaClient, needle: string): Promise<Hit[]> {
  const onPostgresql = providerOf(db) === "postgresql";
  const hits: Hit[] = [];
  for (const table of await tableNames(db)) {
    const columns = onPostgresql
      ? await db.$queryRawUnsafe<{ name: string }[]>("SELECT CAST(column_name AS TEXT) AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1", table)
      : await db.$queryRawUnsafe<{ name: string }[]>("SELECT name FROM pragma_table_info(?)", table);
    for (const { name: column } of columns) {
      const found = onPostgresql ? `strpos(lower(CAST(${quoted(column)} AS TEXT)), $1)` : `instr(lower(CAST(${quoted(column)} AS TEXT)), ?)`;
      const rows = await db.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT COUNT(*) AS n FROM ${quoted(table)} WHERE ${found} > 0`, needle.toLowerCase());
      const count = Number(rows[0]?.n ?? 0);
      if (count > 0) hits.push({ table, column, count });
    }
  }
  return hits;
}

/** The tables the search above looks in (so a test can show it looked). */
export async function tableNames(db: PrismaClient): Promise<string[]> {
  const rows =
    providerOf(db) === "postgresql"
      ? await db.$queryRawUnsafe<{ name: string }[]>("SELECT CAST(table_name AS TEXT) AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")
      : await db.$queryRawUnsafe<{ name: string }[]>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  return rows.map((row) => row.name);
}
