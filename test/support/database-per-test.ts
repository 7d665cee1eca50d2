/** Test hooks around test-database.ts (kept apart: the global setup imports that file, and may not import vitest). */
import { afterEach, beforeEach } from "vitest";
import type { PrismaClient } from "@prisma/client";
import { createTestDatabase, type TestDatabase } from "./test-database";

/** A fresh copy of the migrated database for each test of the file (or of the describe block it is called in). */
export function databaseForEachTest(): { readonly db: PrismaClient } {
  let current: TestDatabase | null = null;
  beforeEach(async () => {
    current = await createTestDatabase();
  });
  afterEach(async () => {
    await current?.drop();
    current = null;
  });
  return {
    get db() {
      if (!current) throw new Error("The test database exists only while a test runs");
      return current.db;
    },
  };
}
