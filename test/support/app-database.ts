import { PrismaClient } from "@prisma/client";
import { sqliteAdapter } from "../../app/db-sqlite.server";

/** A Prisma client on the same SQLite file the app process under test uses, configured as the app configures its own. */
export function openAppDatabase(dbFile: string): PrismaClient {
  return new PrismaClient({ adapter: sqliteAdapter(`file:${dbFile}`) });
}
