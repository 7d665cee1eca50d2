import { PrismaLibSQL } from "@prisma/adapter-libsql";
import type { Client, Config, TransactionMode } from "@libsql/client";

/**
 * Settings for every SQLite connection, shared by the web server, the worker
 * and tests: wait for a lock instead of failing at once (the web process and a
 * worker process write the same file), and sync less often than every commit
 * (safe with WAL; a power cut may lose the last moments, a crash loses nothing).
 */
const CONNECTION_PRAGMAS = ["PRAGMA busy_timeout = 10000", "PRAGMA synchronous = NORMAL"];

/**
 * The libsql driver adapter, with the pragmas applied to every connection.
 * libsql hands its connection to each transaction and opens a fresh one for
 * what follows, which would otherwise come without them.
 */
export class SqliteAdapter extends PrismaLibSQL {
  override createClient(config: Config): Client {
    const client = super.createClient(config);
    const configure = async () => {
      for (const pragma of CONNECTION_PRAGMAS) await client.execute(pragma);
    };
    // Readers never block the writer (WAL); the mode is stored in the file. Failing here is not fatal: queries still work.
    configure()
      .then(() => client.execute("PRAGMA journal_mode = WAL"))
      .catch((error: unknown) => console.error("[db] could not configure SQLite:", error));
    const transaction = client.transaction.bind(client);
    client.transaction = (async (mode?: TransactionMode) => {
      const started = await transaction(mode);
      await configure();
      return started;
    }) as Client["transaction"];
    return client;
  }
}

export const sqliteAdapter = (url: string) => new SqliteAdapter({ url });
