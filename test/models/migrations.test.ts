/**
 * The PostgreSQL migration history (prisma/migrations-postgresql) builds exactly the schema in
 * prisma/schema.prisma: Prisma replays it into a throwaway shadow database and diffs it with the
 * schema. A SQLite migration added without its PostgreSQL port fails here (`npm run
 * migration:postgresql -- <name>` writes the port).
 */
import { execFileSync } from "node:child_process";
import { afterEach, beforeEach, expect, it } from "vitest";
import { createTestDatabase, TEST_ON_POSTGRESQL, type TestDatabase } from "../support/test-database";

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.drop();
});

// Skipped on SQLite: its history is the one `prisma migrate dev` writes from the schema, and the
// WebAssembly engine cannot replay it into a SQLite shadow database through the adapter ("External error").
it.skipIf(!TEST_ON_POSTGRESQL)("has a PostgreSQL migration history that matches the schema", () => {
  const args = ["--from-migrations", "prisma/migrations-postgresql", "--to-schema-datamodel", "prisma/generated/postgresql.prisma", "--script"];
  const diff = execFileSync("npx", ["prisma", "migrate", "diff", ...args], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: database.url },
    stdio: ["ignore", "pipe", "pipe"],
  });
  expect(diff.trim()).toBe("-- This is an empty migration.");
});
