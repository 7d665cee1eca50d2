/** The worker thread the web process starts (worker-thread.server.ts). */
import { parentPort } from "node:worker_threads";
import { sqlStatementsSent } from "../sql-statements.server";
import { startAppWorker } from "./app-worker.server";

const worker = startAppWorker();
parentPort?.on("message", (message: { type: string }) => {
  if (message.type === "wake") worker.wake();
  else if (message.type === "count-sql-statements") parentPort?.postMessage({ type: "sql-statements", sqlStatements: sqlStatementsSent() });
  else if (message.type === "stop") void worker.stop().then(() => process.exit(0));
});
