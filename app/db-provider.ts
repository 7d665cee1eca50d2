/** Which database a `DATABASE_URL` names: the only switch between SQLite and PostgreSQL. */
export type DatabaseProvider = "sqlite" | "postgresql";

export function databaseProvider(url: string): DatabaseProvider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error("DATABASE_URL must be a file: URL (SQLite) or a postgresql:// URL (PostgreSQL)");
}
