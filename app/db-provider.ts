import type { Prisma, PrismaClient } from "@prisma/client";

/** Which database a `DATABASE_URL` names: the only switch between SQLite and PostgreSQL. */
export type DatabaseProvider = "sqlite" | "postgresql";

export function databaseProvider(url: string): DatabaseProvider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error("DATABASE_URL must be a file: URL (SQLite) or a postgresql:// URL (PostgreSQL)");
}

/** The provider a client was generated for (Prisma keeps it on the client as `_activeProvider`). */
export function providerOf(db: PrismaClient | Prisma.TransactionClient): DatabaseProvider {
  return (db as unknown as { _activeProvider?: string })._activeProvider === "postgresql" ? "postgresql" : "sqlite";
}

/**
 * A `contains` filter that ignores case on both databases: SQLite's LIKE ignores ASCII case by
 * itself, PostgreSQL's needs ILIKE (`mode: "insensitive"`, which the SQLite client does not know).
 */
export function containsIgnoringCase(db: PrismaClient, text: string): { contains: string } {
  return providerOf(db) === "postgresql" ? ({ contains: text, mode: "insensitive" } as { contains: string }) : { contains: text };
}
