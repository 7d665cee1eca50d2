/**
 * A second worker on the same database in its own thread, as another process would be: it claims
 * whatever it can, including a job whose lease looks dead. Started by test/jobs/lease.test.ts.
 */
import { parentPort, workerData } from "node:worker_threads";
import { startWorker } from "../../app/jobs/worker.server";
import { openAppDatabase } from "./app-database";

const { dbFile, leaseMs } = workerData as { dbFile: string; leaseMs: number };
const db = openAppDatabase(dbFile);
const worker = startWorker({ db, adminFor: async () => null, workerId: "rival", pollMs: 10, leaseMs, concurrency: 2 });
parentPort?.on("message", () => {
  void worker
    .stop()
    .then(() => db.$disconnect())
    .then(() => process.exit(0));
});
