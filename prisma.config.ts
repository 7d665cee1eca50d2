import path from "node:path";
import { defineConfig } from "prisma/config";
import { databaseProvider } from "./app/db-provider";
import { postgresqlMigrationAdapter } from "./app/db-postgresql.server";
import { sqliteAdapter } from "./app/db-sqlite.server";
import { writePostgresqlSchema } from "./prisma/tools/postgresql-schema";

// The Rust engines cannot be downloaded on every machine, so the CLI runs the
// WebAssembly schema engine through the same driver adapter the app uses, chosen
// by DATABASE_URL like the app's: `file:` SQLite, `postgresql://` PostgreSQL, each
// with its own migration history (prisma/migrations, prisma/migrations-postgresql).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/bin/true";
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= "/bin/true";
process.env.DATABASE_URL ??= "file:./prisma/dev.sqlite";
const url = process.env.DATABASE_URL;
const postgresql = databaseProvider(url) === "postgresql";

export default defineConfig({
  schema: postgresql ? writePostgresqlSchema() : path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", postgresql ? "migrations-postgresql" : "migrations") },
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => (postgresql ? postgresqlMigrationAdapter(url) : sqliteAdapter(url)),
});
