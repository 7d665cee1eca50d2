import { createRequire } from "node:module";
import { PrismaClient } from "@prisma/client";
import { databaseProvider } from "./db-provider";
import { postgresqlAdapter } from "./db-postgresql.server";
import { sqliteAdapter } from "./db-sqlite.server";

/**
 * A client for the database the URL names. A Prisma client is generated for one provider, so
 * PostgreSQL has its own (prisma/tools/generate.ts) with the same models and API; the app is
 * typed against @prisma/client's. It carries its own copy of Prisma's runtime, which does not
 * recognise @prisma/client's SQL fragments nested in a tagged template: build raw SQL with
 * `Prisma.sql` and pass it whole (`db.$queryRaw(Prisma.sql\`…${fragment}…\`)`).
 */
export function openDatabase(url: string, options: { poolSize?: number } = {}): PrismaClient {
  if (databaseProvider(url) === "sqlite") return new PrismaClient({ adapter: sqliteAdapter(url) });
  const postgresql = createRequire(import.meta.url)(".prisma/client-postgresql") as { PrismaClient: typeof PrismaClient };
  return new postgresql.PrismaClient({ adapter: postgresqlAdapter(url, options) });
}
