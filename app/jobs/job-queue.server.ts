import type { Job, PrismaClient } from "@prisma/client";
import { isUniqueViolation } from "../db-errors.server";

/**
 * A durable job queue in the app's own database. Claim-once, run-at-least-once:
 * handlers must be idempotent (they recompute from Shopify's truth), and a job
 * whose worker died is claimed again when its lease runs out.
 */

export interface JobKey {
  shop: string;
  kind: string;
  subject: string;
}

export type JobStatus = "pending" | "running" | "done" | "dead";

export const jobId = (key: JobKey): string => `${key.shop}|${key.kind}|${key.subject}`;

/**
 * Asks for the work to be done (again). A pending job stays as it is; a running
 * one is marked to run once more when it finishes, so an update that arrived
 * mid-run is never lost; a finished or dead one starts over.
 */
export async function enqueueJob(
  db: PrismaClient,
  key: JobKey,
  options: { source?: string; runAfter?: Date } = {},
): Promise<void> {
  const id = jobId(key);
  const runAfter = options.runAfter ?? new Date();
  for (let attempt = 0; attempt < 5; attempt++) {
    const existing = await db.job.findUnique({ where: { id } });
    if (!existing) {
      const created = await db.job
        .create({ data: { id, ...key, runAfter, source: options.source ?? null } })
        .then(() => true)
        .catch((error: unknown) => (isUniqueViolation(error) ? false : Promise.reject(error)));
      if (created) return;
      continue;
    }
    if (existing.status === "pending") return;
    const { count } =
      existing.status === "running"
        ? await db.job.updateMany({ where: { id, status: "running" }, data: { rerun: true } })
        : await db.job.updateMany({
            where: { id, status: existing.status },
            data: { status: "pending", attempts: 0, runAfter, lastError: null, source: options.source ?? existing.source },
          });
    if (count === 1) return;
    // The row changed between read and write (a worker finished it): look again.
  }
  throw new Error(`Could not enqueue job ${id}: it kept changing under us`);
}

/**
 * Takes the oldest due job, or one whose worker's lease expired. The claim is a
 * conditional update on the row's status and lease, so two workers never win
 * the same job, on SQLite and PostgreSQL alike.
 */
export async function claimNextJob(
  db: PrismaClient,
  workerId: string,
  options: { now?: Date; leaseMs?: number; kinds?: readonly string[] } = {},
): Promise<Job | null> {
  const now = options.now ?? new Date();
  const lockedUntil = new Date(now.getTime() + (options.leaseMs ?? 60_000));
  const kindFilter = options.kinds ? { kind: { in: [...options.kinds] } } : {};
  const candidates = await db.job.findMany({
    where: {
      ...kindFilter,
      OR: [
        { status: "pending", runAfter: { lte: now } },
        { status: "running", lockedUntil: { lt: now } },
      ],
    },
    orderBy: { runAfter: "asc" },
    take: 10,
  });
  for (const candidate of candidates) {
    const { count } = await db.job.updateMany({
      where: {
        id: candidate.id,
        status: candidate.status,
        lockedUntil: candidate.lockedUntil,
        attempts: candidate.attempts,
      },
      data: { status: "running", lockedBy: workerId, lockedUntil, attempts: candidate.attempts + 1 },
    });
    if (count === 1) return db.job.findUnique({ where: { id: candidate.id } });
  }
  return null;
}

/** Done, unless a trigger arrived during the run: then it is due again at once. */
export async function completeJob(db: PrismaClient, job: Job, workerId: string): Promise<void> {
  const mine = { id: job.id, status: "running", lockedBy: workerId };
  // The usual case first: one statement.
  const done = await db.job.updateMany({
    where: { ...mine, rerun: false },
    data: { status: "done", attempts: 0, lockedBy: null, lockedUntil: null, lastError: null },
  });
  if (done.count === 1) return;
  await db.job.updateMany({
    where: { ...mine, rerun: true },
    data: { status: "pending", rerun: false, attempts: 0, runAfter: new Date(), lockedBy: null, lockedUntil: null },
  });
}

/** Exponential backoff between attempts; dead after `maxAttempts`, kept for a person to retry. */
export async function failJob(
  db: PrismaClient,
  job: Job,
  workerId: string,
  error: unknown,
  options: { maxAttempts?: number; now?: Date } = {},
): Promise<JobStatus> {
  const maxAttempts = options.maxAttempts ?? 8;
  const now = options.now ?? new Date();
  const message = error instanceof Error ? error.message : String(error);
  const dead = job.attempts >= maxAttempts;
  await db.job.updateMany({
    where: { id: job.id, status: "running", lockedBy: workerId },
    data: {
      status: dead ? "dead" : "pending",
      runAfter: dead ? job.runAfter : new Date(now.getTime() + retryDelayMs(job.attempts)),
      lastError: message.slice(0, 2000),
      lockedBy: null,
      lockedUntil: null,
    },
  });
  return dead ? "dead" : "pending";
}

/** 1 s, 2 s, 4 s … capped at 10 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(600_000, 1000 * 2 ** Math.max(0, attempts - 1));
}

/** A dead letter, sent back to work by a person. */
export async function retryDeadJob(db: PrismaClient, id: string): Promise<boolean> {
  const { count } = await db.job.updateMany({
    where: { id, status: "dead" },
    data: { status: "pending", attempts: 0, runAfter: new Date(), lastError: null },
  });
  return count === 1;
}

/** Keeps a long job's claim alive, so no other worker takes it while it still runs. */
export async function renewLease(db: PrismaClient, job: Job, workerId: string, leaseMs: number): Promise<boolean> {
  const { count } = await db.job.updateMany({
    where: { id: job.id, status: "running", lockedBy: workerId },
    data: { lockedUntil: new Date(Date.now() + leaseMs) },
  });
  return count === 1;
}
