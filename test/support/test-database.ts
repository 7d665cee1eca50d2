import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { PrismaClient } from "@prisma/client";
import { openAppDatabase } from "./app-database";
import { runCommand } from "./run-command";

/**
 * The database suites run on SQLite, and a second time on PostgreSQL when `.ci/run` (or a
 * developer) sets TEST_POSTGRESQL_URL to a server: vitest.config.ts then adds the `postgresql`
 * project, whose files see TEST_DATABASE=postgresql. Each test (or stack) gets its own database,
 * a copy of a template migrated once per run by the global setup.
 */
export const TEST_ON_POSTGRESQL = process.env.TEST_DATABASE === "postgresql";

/** Migrated once per run by the global setup; each SQLite test database is a copy. */
export const TEMPLATE_DATABASE = path.resolve("test/.artifacts/template.sqlite");
/** The PostgreSQL template database, on the TEST_POSTGRESQL_URL server. */
const POSTGRESQL_TEMPLATE = "backorder_test_template";

export interface TestDatabase {
  db: PrismaClient;
  /** What DATABASE_URL would name it. */
  url: string;
  drop(): Promise<void>;
}

/** The URL of database `name` on the test server. */
function postgresqlUrl(name: string): string {
  const url = new URL(process.env.TEST_POSTGRESQL_URL ?? "");
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresqlUrl("postgres") });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Run by the global setup when TEST_POSTGRESQL_URL is set. */
export async function migratePostgresqlTemplate(): Promise<void> {
  await onServer((client) => client.query(`DROP DATABASE IF EXISTS "${POSTGRESQL_TEMPLATE}" WITH (FORCE)`).then(() => client.query(`CREATE DATABASE "${POSTGRESQL_TEMPLATE}"`)));
  await runCommand("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: postgresqlUrl(POSTGRESQL_TEMPLATE) } });
}

/** A fresh, migrated, empty database, named by its URL: a SQLite file, or a PostgreSQL database. */
export async function createDatabaseUrl(sqliteFile: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (!TEST_ON_POSTGRESQL) {
    fs.mkdirSync(path.dirname(sqliteFile), { recursive: true });
    fs.copyFileSync(TEMPLATE_DATABASE, sqliteFile);
    return { url: `file:${sqliteFile}`, drop: async () => {} };
  }
  const name = `backorder_test_${crypto.randomBytes(6).toString("hex")}`;
  await onServer((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${POSTGRESQL_TEMPLATE}"`));
  return { url: postgresqlUrl(name), drop: () => onServer((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}) };
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bm-db-"));
  const database = await createDatabaseUrl(path.join(dir, "test.sqlite"));
  const db = openAppDatabase(database.url);
  return {
    db,
    url: database.url,
    async drop() {
      await db.$disconnect();
      await database.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
