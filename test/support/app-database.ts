import type { PrismaClient } from "@prisma/client";
import { openDatabase } from "../../app/db-open.server";

/**
 * A Prisma client on the database the app process under test uses, configured as the app
 * configures its own: a DATABASE_URL, or a SQLite file's path.
 */
export function openAppDatabase(urlOrSqliteFile: string): PrismaClient {
  return openDatabase(/^(file:|postgres(ql)?:\/\/)/.test(urlOrSqliteFile) ? urlOrSqliteFile : `file:${urlOrSqliteFile}`);
}
