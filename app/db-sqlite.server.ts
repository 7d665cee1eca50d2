import type { PrismaClient } from "@prisma/client";

/**
 * SQLite shared by the web server, the worker and tests: write-ahead logging so
 * readers never block the writer, and a busy timeout so a writer waits for the
 * lock instead of failing. PostgreSQL needs neither.
 */
export async function configureSqlite(client: PrismaClient): Promise<void> {
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await client.$queryRawUnsafe("PRAGMA busy_timeout = 10000");
}
