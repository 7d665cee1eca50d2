/**
 * Figures about the web process for `npm run bench`, served by server.ts at /_diagnostics only
 * when BACKORDER_DIAGNOSTICS=1: the web and worker threads' CPU, the web thread's longest event-loop
 * stall, and the SQL statements the web and worker threads have sent.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";
import { workerThreadFigures } from "./jobs/worker-thread.server";
import { sqlStatementsSent } from "./sql-statements.server";

let loopDelay: IntervalHistogram | null = null;

export interface Diagnostics {
  /** CPU time of the web thread (not the worker thread's) since it started. */
  webThreadCpuMs: number;
  /** The longest the web thread's event loop was blocked since the last call. */
  longestStallMs: number;
  sqlStatements: { web: number; worker: number | null };
  /** CPU time of the worker thread since it started, or null when the worker runs in another process. */
  workerThreadCpuMs: number | null;
}

export function startDiagnostics(): void {
  loopDelay ??= monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
}

export async function diagnostics(): Promise<Diagnostics> {
  const cpu = process.threadCpuUsage();
  const longestStallMs = loopDelay ? loopDelay.max / 1e6 : 0;
  loopDelay?.reset();
  const worker = await workerThreadFigures();
  return {
    webThreadCpuMs: (cpu.user + cpu.system) / 1000,
    longestStallMs,
    sqlStatements: { web: sqlStatementsSent(), worker: worker?.sqlStatements ?? null },
    workerThreadCpuMs: worker?.cpuMs ?? null,
  };
}
