/**
 * The whole system for end-to-end tests: the Shopify sandbox in this process
 * and the built app (app/http-server.ts, as `npm start` runs it) as a child process pointed at it, on a fresh
 * SQLite database. The child's output goes to test/.artifacts/ for debugging.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { startSandbox, type Sandbox } from "../sandbox/server";
import { createDatabaseUrl } from "./test-database";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const ARTIFACTS_DIR = path.join(ROOT, "test/.artifacts");
export const TOML_PATH = path.join(ROOT, "shopify.app.toml");

/** Fixed credentials the sandbox and the app under test share. */
export const TEST_APP = {
  apiKey: "backorder-manager-sandbox-key",
  apiSecret: "backorder-manager-sandbox-secret",
} as const;

export interface Stack {
  sandbox: Sandbox;
  appUrl: string;
  adminShellUrl: string;
  /** The SQLite file, when the stack runs on SQLite. */
  dbFile: string;
  /** The app's DATABASE_URL (a fresh database per stack: SQLite, or PostgreSQL in the postgresql test project). */
  databaseUrl: string;
  logFile: string;
  /** The app process's id (its open files and memory are in /proc/<pid>/). */
  appPid(): number;
  /** Kills the app process at once (SIGKILL: no cleanup, like a crash or an OOM kill). */
  killApp(): Promise<void>;
  /** Starts the app process again on the same port and database. */
  startApp(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartStackOptions {
  seed?: boolean;
  dbFile?: string;
  /** Extra environment for the app process. */
  env?: Record<string, string>;
  /** Protected customer data approval in the sandbox (approved by default). */
  customerData?: "approved" | "refused";
  /** Run the worker as its own process (`npm run worker`) instead of inside the app. */
  separateWorker?: boolean;
}

export async function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Deletes a SQLite database with its WAL and journal files. */
export function removeDatabase(dbFile: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(`${dbFile}${suffix}`, { force: true });
}

/**
 * Empties a PostgreSQL database and applies the app's migrations (`prisma migrate reset`): for the
 * sandbox, whose shop starts afresh on every start. Never point it at data you keep.
 */
export function resetPostgresqlDatabase(url: string): void {
  execFileSync("npx", ["prisma", "migrate", "reset", "--force", "--skip-generate", "--skip-seed"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Applies the app's migrations to a (new) SQLite file. */
export function migrateDatabase(dbFile: string): void {
  fs.mkdirSync(path.dirname(dbFile), { recursive: true });
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${dbFile}` },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** The environment the app reads in sandbox mode. */
export function appEnvironment(sandbox: Sandbox, appUrl: string, dbFileOrUrl: string, scopes: string): Record<string, string> {
  return {
    SHOPIFY_API_KEY: TEST_APP.apiKey,
    SHOPIFY_API_SECRET: TEST_APP.apiSecret,
    SHOPIFY_APP_URL: appUrl,
    SCOPES: scopes,
    DATABASE_URL: /^(file:|postgres(ql)?:\/\/)/.test(dbFileOrUrl) ? dbFileOrUrl : `file:${dbFileOrUrl}`,
    SHOPIFY_SANDBOX_URL: sandbox.url,
    APP_BRIDGE_URL: `${sandbox.url}/cdn/app-bridge.js`,
    // The app looks again for unexplained units once order search caught up: the sandbox's lag is known.
    BACKORDER_SEARCH_CATCH_UP_MS: String(sandbox.shop.orderSearch.lagMs + 700),
    // Customer notices go to the sandbox's mail server (GET /sandbox/mail reads them).
    SMTP_URL: sandbox.mailbox.url,
    NOTICE_FROM: "orders@backorder-demo.example",
  };
}

/** Polls `url` until it answers (any status below 500), the child dies, or time runs out. */
export async function waitForHttp(url: string, options: { timeoutMs?: number; child?: ChildProcess; logFile?: string } = {}): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let lastError = "";
  while (Date.now() < deadline) {
    if (options.child && options.child.exitCode !== null) {
      throw new Error(`The app exited with code ${options.child.exitCode} before answering ${url}.${logTail(options.logFile)}`);
    }
    try {
      const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(2000) });
      if (response.status < 500) return;
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer in time (${lastError}).${logTail(options.logFile)}`);
}

function logTail(logFile: string | undefined): string {
  if (!logFile || !fs.existsSync(logFile)) return "";
  return `\n--- ${logFile} (tail) ---\n${fs.readFileSync(logFile, "utf8").split("\n").slice(-40).join("\n")}`;
}

/** Ends a child process (and its group), escalating to SIGKILL. */
export async function stopChild(child: ChildProcess, graceMs = 5000, first: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, name);
    } catch {
      child.kill(name);
    }
  };
  signal(first);
  const timer = setTimeout(() => signal("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Kills the child if this process exits without calling stop(). */
export function killOnExit(child: ChildProcess): () => void {
  const kill = () => {
    try {
      if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  };
  process.once("exit", kill);
  return () => process.removeListener("exit", kill);
}

export async function startStack(options: StartStackOptions = {}): Promise<Stack> {
  const runId = `stack-${new Date().toISOString().replace(/[:.]/g, "-")}-${crypto.randomBytes(3).toString("hex")}`;
  const runDir = path.join(ARTIFACTS_DIR, runId);
  fs.mkdirSync(runDir, { recursive: true });
  const dbFile = path.resolve(options.dbFile ?? path.join(runDir, "app.sqlite"));
  const logFile = path.join(runDir, "app.log");

  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const sandbox = await startSandbox({
    port: 0,
    app: { ...TEST_APP, appUrl, tomlPath: TOML_PATH },
    seed: options.seed ?? true,
    ...(options.customerData ? { customerData: options.customerData } : {}),
  });
  // A given SQLite file is migrated here; otherwise a fresh copy of the test run's migrated template.
  const database = options.dbFile ? { url: `file:${dbFile}`, drop: async () => {} } : await createDatabaseUrl(dbFile);
  const databaseUrl = database.url;
  const launch = async (): Promise<ChildProcess> => {
    const log = fs.openSync(logFile, "a");
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "app/http-server.ts"), path.join(ROOT, "build/server/index.js")], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        HOST: "127.0.0.1",
        ...appEnvironment(sandbox, appUrl, databaseUrl, sandbox.scopes.join(",")),
        ...options.env,
      },
      stdio: ["ignore", log, log],
      // Its own process group, so stop() ends anything it spawns too.
      detached: true,
    });
    fs.closeSync(log);
    const forget = killOnExit(child);
    child.once("exit", forget);
    try {
      await waitForHttp(`${appUrl}/healthz`, { child, logFile, timeoutMs: 60_000 });
    } catch (error) {
      await stopChild(child);
      throw error;
    }
    return child;
  };

  const environment = () => ({ ...process.env, ...appEnvironment(sandbox, appUrl, databaseUrl, sandbox.scopes.join(",")), ...options.env });
  let worker: ChildProcess | null = null;
  let child: ChildProcess;
  try {
    if (options.dbFile) migrateDatabase(dbFile);
    if (options.separateWorker) {
      options.env = { ...options.env, BACKORDER_WORKER: "off" };
      const log = fs.openSync(path.join(runDir, "worker.log"), "a");
      worker = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "app/jobs/worker-main.ts")], { cwd: ROOT, env: { ...environment(), BACKORDER_WORKER: "on" }, stdio: ["ignore", log, log], detached: true });
      fs.closeSync(log);
      const forget = killOnExit(worker);
      worker.once("exit", forget);
    }
    child = await launch();
  } catch (error) {
    if (worker) await stopChild(worker);
    await sandbox.close();
    await database.drop();
    throw error;
  }
  return {
    sandbox,
    appUrl,
    adminShellUrl: sandbox.adminShellUrl(),
    dbFile,
    databaseUrl,
    logFile,
    appPid: () => child.pid!,
    async killApp() {
      await stopChild(child, 0, "SIGKILL");
    },
    async startApp() {
      child = await launch();
    },
    async stop() {
      await stopChild(child);
      if (worker) await stopChild(worker);
      await sandbox.close();
      await database.drop();
    },
  };
}
