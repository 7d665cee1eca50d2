/**
 * Writes the PostgreSQL migration that brings prisma/migrations-postgresql up to prisma/schema.prisma:
 *   npm run migration:postgresql -- 20261129150000_name   (use the SQLite migration's folder name)
 * It replays the PostgreSQL history into a throwaway database (Prisma's shadow database) on the
 * server DATABASE_URL names, or on a throwaway local cluster (prisma/tools/postgres-throwaway.sh) when
 * DATABASE_URL is not PostgreSQL, and diffs it against the schema.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const name = process.argv[2];
if (!name || !/^\d{14}_\w+$/.test(name)) {
  console.error("usage: npm run migration:postgresql -- <14-digit timestamp>_<name>");
  process.exit(2);
}
const url = /^postgres(ql)?:/.test(process.env.DATABASE_URL ?? "")
  ? process.env.DATABASE_URL!
  : execFileSync("prisma/tools/postgres-throwaway.sh", ["start"], { encoding: "utf8" }).trim();
const sql = execFileSync(
  "npx",
  ["prisma", "migrate", "diff", "--from-migrations", "prisma/migrations-postgresql", "--to-schema-datamodel", "prisma/generated/postgresql.prisma", "--script"],
  { encoding: "utf8", env: { ...process.env, DATABASE_URL: url }, stdio: ["ignore", "pipe", "inherit"] },
);
if (sql.includes("This is an empty migration.")) {
  console.info("The PostgreSQL migrations already match prisma/schema.prisma: nothing to write.");
} else {
  const file = path.join("prisma/migrations-postgresql", name, "migration.sql");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, sql);
  console.info(`Wrote ${file}: read it before committing.`);
}
