/** The worker thread the web process starts (worker-thread.server.ts). */
import os from "node:os";
import { parentPort } from "node:worker_threads";
import { sqlStatementsSent } from "../sql-statements.server";
import { startAppWorker } from "./app-worker.server";

// When the cores are busy the web thread goes first: on Linux a nice value belongs to a thread,
// and setpriority on "this process" (0) sets the calling thread's (man 2 setpriority, BUGS).
try {
  os.setPriority(0, 10);
} catch {
  // Not allowed here: the thread runs at the process's priority.
}

const worker = startAppWorker();
parentPort?.on("message", (message: { type: string }) => {
  if (message.type === "wake") worker.wake();
  else if (message.type === "figures") {
    const cpu = process.threadCpuUsage();
    parentPort?.postMessage({ type: "figures", sqlStatements: sqlStatementsSent(), cpuMs: (cpu.user + cpu.system) / 1000 });
  }
  else if (message.type === "stop") void worker.stop().then(() => process.exit(0));
});
