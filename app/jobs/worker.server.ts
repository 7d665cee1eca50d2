/**
 * The background worker: runs jobs (each stored webhook delivery is one), a
 * few at a time, with retries, backoff, dead letters and leases that
 * it keeps alive while a job runs. Runs in a thread of the app process by
 * default (worker-thread.server.ts) and as its own process with `npm run worker`.
 */
import crypto from "node:crypto";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { Job, PrismaClient } from "@prisma/client";
import { logActivity } from "../engine/activity.server";
import { engineContext, type EngineContext } from "../engine/context.server";
import { loadSettings } from "../engine/settings.server";
import { recordDueSnapshots } from "../engine/daily-snapshots.server";
import type { AdminClient } from "../shopify/admin-client.server";
import { claimNextJob, completeJob, enqueueJob, failJob, jobId, renewLeases } from "./job-queue.server";
import { OFFLINE_JOB_KINDS, runJob } from "./handlers.server";
import { pruneExpired, type RetentionPolicy } from "./retention.server";

export class NoSessionError extends Error {
  constructor(readonly shop: string) {
    super(`No offline session for ${shop}: the app is not installed there (or was uninstalled)`);
    this.name = "NoSessionError";
  }
}

export interface WorkerOptions {
  db: PrismaClient;
  /** The shop's Admin API client, or null when the app has no session for it. */
  adminFor: (shop: string) => Promise<AdminClient | null>;
  workerId?: string;
  concurrency?: number;
  pollMs?: number;
  leaseMs?: number;
  maxAttempts?: number;
  /** How often each installed shop gets a full reconciliation. */
  reconcileEveryMs?: number;
  onError?: (error: unknown, job: Job) => void;
  /** How long payloads, activity and finished jobs are kept (defaults in retention.server). */
  retention?: RetentionPolicy;
}

export interface Worker {
  /** Look for work now (a webhook just arrived). */
  wake(): void;
  stop(): Promise<void>;
}

export function startWorker(options: WorkerOptions): Worker {
  const { db } = options;
  const workerId = options.workerId ?? `worker-${process.pid}-${crypto.randomBytes(3).toString("hex")}`;
  const pollMs = options.pollMs ?? 1000;
  const leaseMs = options.leaseMs ?? 60_000;
  const reconcileEveryMs = options.reconcileEveryMs ?? 6 * 3_600_000;
  let running = true;
  const sleepers = new Set<() => void>();
  let lastScheduleCheck = 0;

  const idle = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, pollMs);
      sleepers.add(done);
    });
  const wakeAll = () => [...sleepers].forEach((wake) => wake());

  // One timer renews every lease this worker holds, whatever its jobs are doing: they yield
  // at each statement and between jobs, so the timer always gets its turn.
  const heartbeat = setInterval(() => void renewLeases(db, workerId, leaseMs).catch(() => undefined), Math.max(50, leaseMs / 3));

  async function runOne(job: Job): Promise<void> {
    try {
      const ctx = await contextFor(db, job, options.adminFor);
      await runJob(ctx, job);
      await completeJob(db, job, workerId);
    } catch (error) {
      const settings = await db.shopSettings.findUnique({ where: { shop: job.shop } });
      if (error instanceof NoSessionError && settings?.uninstalledAt) {
        // Uninstalled: the work has nobody to do it for.
        await completeJob(db, job, workerId);
        return;
      }
      options.onError?.(error, job);
      const status = await failJob(db, job, workerId, error, { maxAttempts: options.maxAttempts ?? 8 });
      if (status === "dead") {
        const reason = String((error as Error)?.message ?? error);
        await logActivity(db, job.shop, job.source, {
          kind: "job.dead",
          subject: job.subject,
          message: `Gave up on ${job.kind} after ${job.attempts} attempts: ${reason}`,
          details: { task: job.kind, attempts: job.attempts, error: reason },
        });
      }
    }
  }

  /** Runs `step` until stopped; `step` says whether it found work (then it runs again at once). */
  async function loop(step: () => Promise<boolean>): Promise<void> {
    while (running) {
      try {
        if (await step()) {
          // Work found: let the rest of the thread (timers, I/O) run before the next job.
          await nextTurn();
          continue;
        }
      } catch (error) {
        // The database itself failed (locked, gone): wait and try again rather than die.
        console.error(`[worker ${workerId}]`, error);
      }
      await idle();
    }
  }

  const runNextJob = async () => {
    const job = await claimNextJob(db, workerId, { leaseMs });
    if (job) await runOne(job);
    return job !== null;
  };
  const schedule = async () => {
    if (Date.now() - lastScheduleCheck > 60_000) {
      lastScheduleCheck = Date.now();
      await requeueOrphanDeliveries(db);
      await scheduleReconciliation(db, reconcileEveryMs);
      await recordDueSnapshots(db);
      await pruneExpired(db, options.retention);
    }
    return false;
  };
  const lanes = [loop(schedule), ...Array.from({ length: options.concurrency ?? 4 }, () => loop(runNextJob))];
  return {
    wake: wakeAll,
    async stop() {
      running = false;
      wakeAll();
      await Promise.all(lanes);
      clearInterval(heartbeat);
    },
  };
}

/** A delivery stored by a process that died before queueing its job, and that Shopify did not send again. */
async function requeueOrphanDeliveries(db: PrismaClient): Promise<void> {
  const stale = await db.webhookDelivery.findMany({
    where: { status: "pending", receivedAt: { lt: new Date(Date.now() - 60_000) } },
    select: { webhookId: true, shop: true },
    take: 500,
  });
  for (const { webhookId, shop } of stale) {
    const key = { shop, kind: "delivery", subject: webhookId };
    if (!(await db.job.findUnique({ where: { id: jobId(key) }, select: { id: true } }))) await enqueueJob(db, key, { source: webhookId });
  }
}

async function scheduleReconciliation(db: PrismaClient, everyMs: number): Promise<void> {
  const due = await db.shopSettings.findMany({
    where: { uninstalledAt: null, OR: [{ lastReconciledAt: null }, { lastReconciledAt: { lt: new Date(Date.now() - everyMs) } }] },
    select: { shop: true },
  });
  for (const { shop } of due) {
    if ((await db.session.count({ where: { shop } })) > 0) await enqueueJob(db, { shop, kind: "reconcile", subject: shop }, { source: "schedule" });
  }
}

async function contextFor(db: PrismaClient, job: Job, adminFor: WorkerOptions["adminFor"]): Promise<EngineContext> {
  const settings = await loadSettings(db, job.shop);
  const source = job.source ?? job.id;
  let client: Promise<AdminClient> | null = null;
  const admin: AdminClient = {
    request: (operation, variables) => {
      client ??= adminFor(job.shop).then((found) => found ?? Promise.reject(new NoSessionError(job.shop)));
      return client.then((ready) => ready.request(operation, variables));
    },
  };
  if (!OFFLINE_JOB_KINDS.has(job.kind) && settings.uninstalledAt) throw new NoSessionError(job.shop);
  return engineContext({ db, shop: job.shop, admin, settings, source });
}
