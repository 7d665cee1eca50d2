import { setImmediate as nextTurn } from "node:timers/promises";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { countSqlStatements } from "./sql-statements.server";

/**
 * SQLite through better-sqlite3: one connection per Prisma client, opened on
 * connect and closed on disconnect. (It replaces @libsql/client 0.8.1, which
 * opened a new connection after every transaction and never closed the old one:
 * libsql-client-ts#350.)
 */
type Connection = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type Transaction = Awaited<ReturnType<Connection["startTransaction"]>>;

/**
 * Settings for the connection, shared by the web server, the worker, tests and
 * the CLI: wait for a lock held by another process instead of failing at once;
 * sync less often than every commit (safe with WAL; a power cut may lose the
 * last moments, a crash loses nothing); readers never block the writer (WAL,
 * stored in the file).
 */
const BUSY_TIMEOUT_MS = 10_000;
const CONNECTION_PRAGMAS = `PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}; PRAGMA synchronous = NORMAL; PRAGMA journal_mode = WAL;`;

/**
 * One statement or transaction at a time per connection. An interactive
 * transaction runs on the one connection between awaits: a statement from
 * another request in that gap would land inside it (and vanish with its
 * rollback). The adapter only queues transactions behind each other, so every
 * statement waits its turn here.
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

/** The transaction holds the turn until it commits or rolls back. */
function holdTurnUntilDone(transaction: Transaction, leave: () => void): Transaction {
  countSqlStatements(); // BEGIN
  let left = false;
  const release = () => {
    if (left) return;
    left = true;
    leave();
  };
  return {
    provider: transaction.provider,
    adapterName: transaction.adapterName,
    options: transaction.options,
    queryRaw: (query) => counted(() => transaction.queryRaw(query)),
    executeRaw: (query) => counted(() => transaction.executeRaw(query)),
    commit: () => counted(() => transaction.commit()).finally(release),
    rollback: () => counted(() => transaction.rollback()).finally(release),
  };
}

function counted<T>(statement: () => Promise<T>): Promise<T> {
  countSqlStatements();
  return statement();
}

/**
 * better-sqlite3 answers at once, so a job made only of database work would otherwise run as one
 * unbroken chain of promises, starving timers (the lease heartbeat) and I/O (requests) in its
 * thread until it ends. Each statement outside a transaction first lets the event loop turn.
 */
function afterATurn<T>(statement: () => Promise<T>): Promise<T> {
  return nextTurn().then(() => counted(statement));
}

function oneAtATime(connection: Connection): Connection {
  const turnstile = new Turnstile();
  return {
    provider: connection.provider,
    adapterName: connection.adapterName,
    queryRaw: (query) => afterATurn(() => turnstile.run(() => connection.queryRaw(query))),
    executeRaw: (query) => afterATurn(() => turnstile.run(() => connection.executeRaw(query))),
    executeScript: (script) => turnstile.run(() => connection.executeScript(script)),
    startTransaction: async (isolationLevel) => {
      const leave = await turnstile.enter();
      try {
        return holdTurnUntilDone(await connection.startTransaction(isolationLevel), leave);
      } catch (error) {
        leave();
        throw error;
      }
    },
    dispose: () => turnstile.run(() => connection.dispose()),
  };
}

/** Prisma's better-sqlite3 adapter with the settings above and one turn at a time. */
export class SqliteAdapter {
  readonly provider = "sqlite";
  readonly adapterName: string;
  private readonly driver: PrismaBetterSQLite3;

  constructor(url: string) {
    this.driver = new PrismaBetterSQLite3({ url, timeout: BUSY_TIMEOUT_MS });
    this.adapterName = this.driver.adapterName;
  }

  async connect(): Promise<Connection> {
    return configured(await this.driver.connect());
  }

  async connectToShadowDb(): Promise<Connection> {
    return configured(await this.driver.connectToShadowDb());
  }
}

async function configured(connection: Connection): Promise<Connection> {
  await connection.executeScript(CONNECTION_PRAGMAS);
  return oneAtATime(connection);
}

export const sqliteAdapter = (url: string) => new SqliteAdapter(url);
