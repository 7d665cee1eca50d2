import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PrismaClient } from "@prisma/client";
import { openAppDatabase } from "./app-database";

/** Migrated once per run by the global setup; each test database is a copy. */
export const TEMPLATE_DATABASE = path.resolve("test/.artifacts/template.sqlite");

export interface TestDatabase {
  db: PrismaClient;
  file: string;
  drop(): Promise<void>;
}

export function createTestDatabase(): TestDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bm-db-"));
  const file = path.join(dir, "test.sqlite");
  fs.copyFileSync(TEMPLATE_DATABASE, file);
  const db = openAppDatabase(file);
  return {
    db,
    file,
    async drop() {
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
