import { Prisma, type Job, type PrismaClient } from "@prisma/client";
import { providerOf } from "../db-provider";

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
 * What asking for a job that already exists does: a pending job stays as it is; a running one is
 * marked to run once more when it finishes, so an update that arrived mid-run is never lost; a
 * finished or dead one starts over. One upsert, shared with the webhook inbox's own statement
 * (app/webhooks/inbox-sqlite.server.ts), so asking is one statement and never races.
 */
export const ENQUEUE_ON_CONFLICT = `ON CONFLICT ("id") DO UPDATE SET
  "rerun" = CASE WHEN "Job"."status" = 'running' THEN TRUE ELSE "Job"."rerun" END,
  "attempts" = CASE WHEN "Job"."status" IN ('done', 'dead') THEN 0 ELSE "Job"."attempts" END,
  "runAfter" = CASE WHEN "Job"."status" IN ('done', 'dead') THEN excluded."runAfter" ELSE "Job"."runAfter" END,
  "lastError" = CASE WHEN "Job"."status" IN ('done', 'dead') THEN NULL ELSE "Job"."lastError" END,
  "source" = CASE WHEN "Job"."status" IN ('done', 'dead') THEN COALESCE(excluded."source", "Job"."source") ELSE "Job"."source" END,
  "status" = CASE WHEN "Job"."status" IN ('done', 'dead') THEN 'pending' ELSE "Job"."status" END,
  "updatedAt" = excluded."updatedAt"`;

/** Asks for the work to be done (again), as ENQUEUE_ON_CONFLICT says. */
export async function enqueueJob(
  db: PrismaClient,
  key: JobKey,
  options: { source?: string; runAfter?: Date } = {},
): Promise<void> {
  const now = new Date();
  const runAfter = options.runAfter ?? now;
  await db.$executeRaw(Prisma.sql`INSERT INTO "Job" ("id", "shop", "kind", "subject", "status", "runAfter", "attempts", "rerun", "source", "createdAt", "updatedAt")
    VALUES (${jobId(key)}, ${key.shop}, ${key.kind}, ${key.subject}, 'pending', ${runAfter}, 0, FALSE, ${options.source ?? null}, ${now}, ${now})
    ${Prisma.raw(ENQUEUE_ON_CONFLICT)}`);
}

/**
 * Takes the oldest due job, or one whose worker's lease expired, in one statement: the row is
 * chosen and claimed together, so two workers never win the same job and a claim costs one
 * round trip. (SQLite runs one writer at a time; PostgreSQL needs FOR UPDATE SKIP LOCKED here.)
 */
export async function claimNextJob(
  db: PrismaClient,
  workerId: string,
  options: { now?: Date; leaseMs?: number; kinds?: readonly string[] } = {},
): Promise<Job | null> {
  const now = options.now ?? new Date();
  const lockedUntil = new Date(now.getTime() + (options.leaseMs ?? 60_000));
  const kindFilter = options.kinds ? Prisma.sql`AND "kind" IN (${Prisma.join([...options.kinds])})` : Prisma.empty;
  const claimed = await db.$queryRaw<Job[]>(Prisma.sql`UPDATE "Job"
    SET "status" = 'running', "lockedBy" = ${workerId}, "lockedUntil" = ${lockedUntil}, "attempts" = "attempts" + 1, "updatedAt" = ${now}
    WHERE "id" = (
      SELECT "id" FROM "Job"
      WHERE (("status" = 'pending' AND "runAfter" <= ${now}) OR ("status" = 'running' AND "lockedUntil" < ${now})) ${kindFilter}
      ORDER BY "runAfter" ASC
      LIMIT 1 ${claimLock(db)}
    )
    RETURNING *`);
  return claimed[0] ?? null;
}

/**
 * The lock a claim takes on the row it picks. PostgreSQL: FOR UPDATE SKIP LOCKED, so workers
 * claiming at once each get a different row instead of queueing on the same one and losing. SQLite
 * runs one writer at a time (and has no row locks): the one statement is enough.
 */
function claimLock(db: PrismaClient): Prisma.Sql {
  return providerOf(db) === "postgresql" ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
}

/** Done, unless a trigger arrived during the run: then it is due again at once. */
export async function completeJob(db: PrismaClient, job: Job, workerId: string): Promise<void> {
  const mine = { id: job.id, status: "running", lockedBy: workerId };
  // The usual case first: one statement (raw, as updateMany would wrap it in a transaction of its own).
  const done = await db.$executeRaw`UPDATE "Job" SET "status" = 'done', "attempts" = 0, "lockedBy" = NULL, "lockedUntil" = NULL, "lastError" = NULL, "updatedAt" = ${new Date()}
    WHERE "id" = ${job.id} AND "status" = 'running' AND "lockedBy" = ${workerId} AND "rerun" = FALSE`;
  if (done === 1) return;
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

/**
 * Keeps the claims of a worker's running jobs alive, so no other worker takes them while they
 * still run. One statement for all of them, on the worker's own timer, independent of the jobs.
 */
export async function renewLeases(db: PrismaClient, workerId: string, leaseMs: number): Promise<number> {
  const now = Date.now();
  return db.$executeRaw`UPDATE "Job" SET "lockedUntil" = ${new Date(now + leaseMs)}, "updatedAt" = ${new Date(now)} WHERE "status" = 'running' AND "lockedBy" = ${workerId}`;
}
