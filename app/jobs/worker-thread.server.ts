/**
 * The worker in its own thread of the web process (the default): jobs never hold up the web
 * thread's event loop, and the thread's own timer keeps their leases alive. `BACKORDER_WORKER=off`
 * runs none here (run `npm run worker` beside the app instead).
 */
import path from "node:path";
import { Worker } from "node:worker_threads";

declare global {
  // One thread per process, even when Vite's dev server re-imports this module.
  var backorderWorkerThread: Worker | undefined;
}

/** Like `npm run worker`, the thread runs the TypeScript sources through tsx, from the project folder. */
const THREAD_ENTRY = path.resolve("app/jobs/worker-thread-main.ts");
const RESTART_AFTER_MS = 1000;

let stopping = false;
let wakePending = false;

export function startWorkerThread(): void {
  if (process.env.BACKORDER_WORKER === "off" || globalThis.backorderWorkerThread) return;
  const thread = new Worker(THREAD_ENTRY, { execArgv: ["--import", "tsx"] });
  globalThis.backorderWorkerThread = thread;
  thread.on("error", (error) => console.error("[worker] the worker thread failed:", error));
  thread.on("exit", () => {
    if (globalThis.backorderWorkerThread === thread) globalThis.backorderWorkerThread = undefined;
    if (!stopping) setTimeout(startWorkerThread, RESTART_AFTER_MS).unref();
  });
}

/** A delivery was stored: the worker need not wait for its next poll. One message per turn, however many arrived. */
export function wakeWorker(): void {
  if (wakePending || !globalThis.backorderWorkerThread) return;
  wakePending = true;
  setImmediate(() => {
    wakePending = false;
    globalThis.backorderWorkerThread?.postMessage({ type: "wake" });
  });
}

/** Lets the running jobs finish (their leases would otherwise have to run out first), then ends the thread. */
export async function stopWorkerThread(): Promise<void> {
  stopping = true;
  const thread = globalThis.backorderWorkerThread;
  if (!thread) return;
  const exited = new Promise((resolve) => thread.once("exit", resolve));
  thread.postMessage({ type: "stop" });
  await exited;
}

export interface WorkerThreadFigures {
  sqlStatements: number;
  /** CPU time of the worker thread since it started: the app's own time on the jobs, Shopify's waits excluded. */
  cpuMs: number;
}

/** What the worker thread has spent so far (for the bench), or null without a thread. */
export function workerThreadFigures(): Promise<WorkerThreadFigures | null> {
  const thread = globalThis.backorderWorkerThread;
  if (!thread) return Promise.resolve(null);
  return new Promise((resolve) => {
    const onMessage = (message: { type?: string } & Partial<WorkerThreadFigures>) => {
      if (message?.type !== "figures") return;
      thread.off("message", onMessage);
      resolve({ sqlStatements: message.sqlStatements ?? 0, cpuMs: message.cpuMs ?? 0 });
    };
    thread.on("message", onMessage);
    thread.postMessage({ type: "figures" });
  });
}
