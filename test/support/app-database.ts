import { PrismaClient } from "@prisma/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";

/** A Prisma client on the same SQLite file the app process under test uses. */
export function openAppDatabase(dbFile: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaLibSQL({ url: `file:${dbFile}` }) });
}
