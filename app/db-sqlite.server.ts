import { PrismaLibSQL } from "@prisma/adapter-libsql";
import type { Client, Config, Transaction, TransactionMode } from "@libsql/client";

/**
 * Settings for every SQLite connection, shared by the web server, the worker
 * and tests: wait for a lock held by another process instead of failing at
 * once, and sync less often than every commit (safe with WAL; a power cut may
 * lose the last moments, a crash loses nothing).
 */
const CONNECTION_PRAGMAS = ["PRAGMA busy_timeout = 10000", "PRAGMA synchronous = NORMAL"];

/**
 * One statement or transaction at a time per process. libsql runs SQLite
 * synchronously and gives each transaction its own connection (Prisma opens
 * one for `updateMany` and some upserts): a write on another connection while
 * that transaction waits for its next statement would block the whole process
 * on the file lock the transaction holds. Queued here, it simply waits its turn.
 */
class Turnstile {
  private tail: Promise<void> = Promise.resolve();

  /** Resolves when it is the caller's turn, with the function that ends it. */
  enter(): Promise<() => void> {
    let leave!: () => void;
    const turn = new Promise<void>((resolve) => (leave = resolve));
    const entered = this.tail.then(() => leave);
    this.tail = this.tail.then(() => turn);
    return entered;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const leave = await this.enter();
    try {
      return await work();
    } finally {
      leave();
    }
  }
}

/** The transaction holds the turn until it commits, rolls back or closes. */
function holdTurnUntilDone(transaction: Transaction, leave: () => void): Transaction {
  let left = false;
  const release = () => {
    if (left) return;
    left = true;
    leave();
  };
  const commit = transaction.commit.bind(transaction);
  const rollback = transaction.rollback.bind(transaction);
  const close = transaction.close.bind(transaction);
  transaction.commit = () => commit().finally(release);
  transaction.rollback = () => rollback().finally(release);
  transaction.close = () => {
    close();
    release();
  };
  return transaction;
}

/** The libsql driver adapter with the pragmas on every connection and one turn at a time. */
export class SqliteAdapter extends PrismaLibSQL {
  override createClient(config: Config): Client {
    const client = super.createClient(config);
    const turnstile = new Turnstile();
    const execute = client.execute.bind(client);
    const batch = client.batch.bind(client);
    const executeMultiple = client.executeMultiple.bind(client);
    const transaction = client.transaction.bind(client);
    const configure = async () => {
      for (const pragma of CONNECTION_PRAGMAS) await execute(pragma);
    };

    const inTurn = <F extends (...args: never[]) => Promise<unknown>>(method: F): F =>
      ((...args: Parameters<F>) => turnstile.run(() => method(...args))) as F;
    client.execute = inTurn(execute as (...args: never[]) => Promise<unknown>) as Client["execute"];
    client.batch = inTurn(batch as (...args: never[]) => Promise<unknown>) as Client["batch"];
    client.executeMultiple = (sql: string) => turnstile.run(() => executeMultiple(sql));
    client.transaction = (async (mode?: TransactionMode) => {
      const leave = await turnstile.enter();
      try {
        const started = await transaction(mode);
        // libsql opens a fresh connection for what follows; give it the same settings.
        await configure();
        return holdTurnUntilDone(started, leave);
      } catch (error) {
        leave();
        throw error;
      }
    }) as Client["transaction"];

    // Readers never block the writer (WAL); the mode is stored in the file. Failing here is not fatal: queries still work.
    turnstile
      .run(async () => {
        await configure();
        await execute("PRAGMA journal_mode = WAL");
      })
      .catch((error: unknown) => console.error("[db] could not configure SQLite:", error));
    return client;
  }
}

export const sqliteAdapter = (url: string) => new SqliteAdapter({ url });
