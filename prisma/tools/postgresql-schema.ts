import fs from "node:fs";
import path from "node:path";

/** The one schema source (written for SQLite). */
export const SCHEMA_SOURCE = path.resolve("prisma/schema.prisma");
/** Derived from it for PostgreSQL on every generate; not checked in. */
export const POSTGRESQL_SCHEMA = path.resolve("prisma/generated/postgresql.prisma");
/** Where the PostgreSQL client is generated; `app/db.server.ts` loads it by this name. */
export const POSTGRESQL_CLIENT_MODULE = ".prisma/client-postgresql";

/**
 * The same models with `provider = "postgresql"`, generated as a second client: a Prisma client
 * is built for one provider and refuses an adapter of another, and the app picks its database
 * from DATABASE_URL at run time.
 */
export function writePostgresqlSchema(): string {
  const source = fs.readFileSync(SCHEMA_SOURCE, "utf8");
  const datasource = /datasource db \{[^}]*provider\s*=\s*"sqlite"/;
  const generator = /(generator client \{[^}]*engineType\s*=\s*"client")/;
  if (!datasource.test(source) || !generator.test(source)) throw new Error(`${SCHEMA_SOURCE}: expected the sqlite datasource and the client generator`);
  const output = path.relative(path.dirname(POSTGRESQL_SCHEMA), path.resolve("node_modules", POSTGRESQL_CLIENT_MODULE));
  const derived = source
    .replace(datasource, (block) => block.replace('"sqlite"', '"postgresql"'))
    .replace(generator, `$1\n  output          = "${output}"`);
  const header = "// Generated from prisma/schema.prisma by prisma/tools/postgresql-schema.ts: edit that file, not this one.\n";
  fs.mkdirSync(path.dirname(POSTGRESQL_SCHEMA), { recursive: true });
  fs.writeFileSync(POSTGRESQL_SCHEMA, header + derived);
  return POSTGRESQL_SCHEMA;
}
