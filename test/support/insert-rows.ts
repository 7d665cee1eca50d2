/**
 * Many rows written as Prisma's `createMany` writes them, at a fraction of its cost: createMany
 * binds every value of every row on its own, and Prisma's raw queries copy a large parameter
 * several times (about 35 s of CPU for the 50,000-variant shop). Here the rows go straight to the
 * database driver as one JSON parameter that the database unpacks itself (json_each on SQLite,
 * jsonb_populate_recordset on PostgreSQL), so one call can write a whole table. Columns a row
 * leaves out get the database's default; the dates Prisma fills in on the client
 * (`@default(now())`, `@updatedAt`) are filled in the same way.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import type { Prisma } from "@prisma/client";

/** A row as `createMany` takes it: a value per column. */
export type InsertedRow = Record<string, string | number | boolean | Date | null | undefined>;
const SCHEMA = path.resolve(import.meta.dirname, "../../prisma/schema.prisma");

/** The model's DateTime fields Prisma sets to now when a create leaves them out. */
function datesPrismaFills(model: Prisma.ModelName): string[] {
  const block = new RegExp(`^model ${model} \\{([\\s\\S]*?)^\\}`, "m").exec(fs.readFileSync(SCHEMA, "utf8"))?.[1] ?? "";
  return [...block.matchAll(/^\s*(\w+)\s+DateTime\??[ \t].*(?:@default\(now\(\)\)|@updatedAt)/gm)].map((match) => match[1]!);
}

/** Writes `rows` into `model`'s table of the database `url` names (a test database's `url`). */
export async function insertRows(url: string, model: Prisma.ModelName, rows: readonly InsertedRow[]): Promise<void> {
  const now = new Date();
  const fills = Object.fromEntries(datesPrismaFills(model).map((field) => [field, now]));
  // Rows that leave out different columns go in separate statements, so each omitted column gets its default.
  const byColumns = new Map<string, InsertedRow[]>();
  for (const row of rows.map((given) => ({ ...fills, ...given }))) {
    const key = Object.keys(row).filter((column) => row[column] !== undefined).sort().join(",");
    if (!byColumns.has(key)) byColumns.set(key, []);
    byColumns.get(key)!.push(row);
  }
  const statements = [...byColumns].map(([key, group]) => {
    const columns = key.split(",");
    return { names: columns.map((column) => `"${column}"`).join(", "), columns, json: JSON.stringify(group) };
  });
  if (url.startsWith("file:")) {
    const sqlite = new Database(url.slice("file:".length), { timeout: 10_000 });
    try {
      for (const { names, columns, json } of statements) {
        sqlite.prepare(`INSERT INTO "${model}" (${names}) SELECT ${columns.map((column) => `value ->> '$.${column}'`).join(", ")} FROM json_each(?)`).run(json);
      }
    } finally {
      sqlite.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const { names, json } of statements) {
      await client.query(`INSERT INTO "${model}" (${names}) SELECT ${names} FROM jsonb_populate_recordset(NULL::"${model}", $1::jsonb)`, [json]);
    }
    // The planner's statistics, as autovacuum would gather them after a load this size: without
    // them PostgreSQL plans the variants list's queries for an empty table (8 times slower here).
    await client.query(`ANALYZE "${model}"`);
  } finally {
    await client.end();
  }
}
