import path from "node:path";
import { defineConfig } from "prisma/config";
import { sqliteAdapter } from "./app/db-sqlite.server";

// The Rust engines cannot be downloaded on every machine, so the CLI runs the
// WebAssembly schema engine through the same driver adapter the app uses.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/bin/true";
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= "/bin/true";
process.env.DATABASE_URL ??= "file:./prisma/dev.sqlite";

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => sqliteAdapter(process.env.DATABASE_URL ?? ""),
});
