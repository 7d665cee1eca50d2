/**
 * `prisma generate` for both databases: the default client (@prisma/client, SQLite) and the
 * PostgreSQL one from the derived schema. Run by postinstall, setup and verify.
 */
import { execFileSync } from "node:child_process";
import { writePostgresqlSchema } from "./postgresql-schema";

const prisma = (...args: string[]) => execFileSync("npx", ["prisma", ...args], { stdio: "inherit" });

prisma("generate");
prisma("generate", "--schema", writePostgresqlSchema());
