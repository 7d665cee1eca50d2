/**
 * The app as a PostgreSQL deployment runs it: several web processes (`npm start`, no worker inside)
 * and several worker processes (`npm run worker`) on one database, with the sandbox delivering every
 * webhook to each web process (Shopify's at-least-once delivery landing on two instances behind a
 * load balancer). Shaped like a Stack, so the restock helpers run on it; "killing the app" kills one
 * worker (SIGKILL) and leaves it dead.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { startSandbox } from "../sandbox/server";
import { FAST_WORKER_ENV } from "./engine";
import { appEnvironment, ARTIFACTS_DIR, freePort, killOnExit, ROOT, stopChild, TEST_APP, TOML_PATH, waitForHttp, type Stack } from "./stack";
import { createDatabaseUrl } from "./test-database";

export interface ScaleOutStack extends Stack {
  webUrls: string[];
  /** Worker processes still alive. */
  liveWorkers(): number;
}

/** Every delivery to each web process; the sandbox sees the first one's answer. */
function toEveryWebProcess(webUrls: readonly string[]): typeof fetch {
  return async (input, init) => {
    const url = new URL(String(input));
    const sends = webUrls.map((webUrl) => fetch(new URL(url.pathname + url.search, webUrl), init));
    const [first, ...others] = await Promise.all(sends);
    await Promise.all(others.map((response) => response.arrayBuffer()));
    return first!;
  };
}

export async function startScaleOutStack(options: { web: number; workers: number }): Promise<ScaleOutStack> {
  const runDir = path.join(ARTIFACTS_DIR, `scale-out-${new Date().toISOString().replace(/[:.]/g, "-")}-${crypto.randomBytes(3).toString("hex")}`);
  fs.mkdirSync(runDir, { recursive: true });
  const database = await createDatabaseUrl(path.join(runDir, "app.sqlite"));
  const ports = await Promise.all(Array.from({ length: options.web }, () => freePort()));
  const webUrls = ports.map((port) => `http://127.0.0.1:${port}`);
  const appUrl = webUrls[0]!;
  const sandbox = await startSandbox({ port: 0, app: { ...TEST_APP, appUrl, tomlPath: TOML_PATH }, seed: false, webhooks: { fetch: toEveryWebProcess(webUrls) } });
  const environment = { ...process.env, ...appEnvironment(sandbox, appUrl, database.url, sandbox.scopes.join(",")), ...FAST_WORKER_ENV, NODE_ENV: "production" } as NodeJS.ProcessEnv;
  const children: ChildProcess[] = [];
  const launch = (name: string, args: string[], env: NodeJS.ProcessEnv) => {
    const log = fs.openSync(path.join(runDir, `${name}.log`), "a");
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", log, log], detached: true });
    fs.closeSync(log);
    child.once("exit", killOnExit(child));
    children.push(child);
    return child;
  };
  const stopAll = async () => {
    await Promise.all(children.map((child) => stopChild(child)));
    await sandbox.close();
    await database.drop();
  };
  let workers: ChildProcess[] = [];
  try {
    const web = ports.map((port, i) =>
      launch(`web-${i + 1}`, ["--import", "tsx", path.join(ROOT, "app/http-server.ts"), path.join(ROOT, "build/server/index.js")], {
        ...environment,
        PORT: String(port),
        HOST: "127.0.0.1",
        BACKORDER_WORKER: "off",
      }),
    );
    workers = Array.from({ length: options.workers }, (_, i) => launch(`worker-${i + 1}`, ["--import", "tsx", path.join(ROOT, "app/jobs/worker-main.ts")], { ...environment, BACKORDER_WORKER: "on" }));
    await Promise.all(webUrls.map((url, i) => waitForHttp(`${url}/healthz`, { child: web[i]!, logFile: path.join(runDir, `web-${i + 1}.log`) })));
  } catch (error) {
    await stopAll();
    throw error;
  }
  const alive = () => workers.filter((worker) => worker.exitCode === null && worker.signalCode === null);
  return {
    sandbox,
    appUrl,
    webUrls,
    adminShellUrl: sandbox.adminShellUrl(),
    dbFile: "",
    databaseUrl: database.url,
    logFile: path.join(runDir, "web-1.log"),
    appPid: () => children[0]!.pid!,
    async killApp() {
      const [victim] = alive();
      if (victim) await stopChild(victim, 0, "SIGKILL");
    },
    async startApp() {
      // The killed worker stays dead: the others take over its jobs when their leases end.
    },
    liveWorkers: () => alive().length,
    stop: stopAll,
  };
}
