/**
 * `npm run sandbox` as a person runs it: the whole process (sandbox + `remix
 * vite:dev`), on free ports, with a database file and a Vite cache of its own,
 * stopped with Ctrl-C (SIGINT). Its output goes to a log file.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { killOnExit, ROOT, stopChild } from "./stack";

export interface SandboxProcessOptions {
  sandboxPort: number;
  appPort: number;
  dbFile: string;
  viteCacheDir: string;
  logFile: string;
}

export interface SandboxProcess {
  adminShellUrl(appPath?: string): string;
  appUrl: string;
  /** Everything the process printed so far. */
  output(): string;
  stop(): Promise<void>;
}

const READY_LINE = "Shopify sandbox is ready";

export async function startSandboxProcess(options: SandboxProcessOptions, timeoutMs = 180_000): Promise<SandboxProcess> {
  const startedAt = fs.existsSync(options.logFile) ? fs.statSync(options.logFile).size : 0;
  const log = fs.openSync(options.logFile, "a");
  const child: ChildProcess = spawn("npm", ["run", "sandbox"], {
    cwd: ROOT,
    env: {
      ...process.env,
      SANDBOX_PORT: String(options.sandboxPort),
      APP_PORT: String(options.appPort),
      SANDBOX_DB_FILE: options.dbFile,
      VITE_CACHE_DIR: options.viteCacheDir,
    },
    stdio: ["ignore", log, log],
    detached: true,
  });
  fs.closeSync(log);
  const forget = killOnExit(child);
  child.once("exit", forget);
  const output = () => fs.readFileSync(options.logFile, "utf8").slice(startedAt);

  const deadline = Date.now() + timeoutMs;
  while (!output().includes(READY_LINE)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stopChild(child);
      throw new Error(`npm run sandbox did not come up:\n${output().split("\n").slice(-40).join("\n")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  // The URLs it prints are the ones a person would open.
  const printed = (label: string) => {
    const url = new RegExp(`${label}:\\s+(\\S+)`).exec(output())?.[1];
    if (!url) throw new Error(`npm run sandbox printed no ${label} URL`);
    return url;
  };
  const adminShellUrl = printed("Admin \\(embedded app\\)");
  return {
    adminShellUrl: (appPath = "") => adminShellUrl + appPath,
    appUrl: printed("App \\(direct\\)"),
    output,
    // Ctrl-C reaches the whole process group, as in a terminal.
    stop: () => stopChild(child, 15_000, "SIGINT"),
  };
}
