import { PrismaClient } from "@prisma/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { configureSqlite } from "../../app/db-sqlite.server";

/** A Prisma client on the same SQLite file the app process under test uses. */
export function openAppDatabase(dbFile: string): PrismaClient {
  const client = new PrismaClient({ adapter: new PrismaLibSQL({ url: `file:${dbFile}` }) });
  void configureSqlite(client);
  return client;
}
