/**
 * How long the app keeps what it no longer needs, pruned by the worker's schedule a batch at a
 * time (each a short statement, so pruning never holds the database for long):
 * - webhook payloads (they carry customers' names, emails and addresses): once processed, only
 *   the routing facts are kept. [7 days: Shopify retries a delivery for hours, not days, so this
 *   is only for looking into a problem the merchant reports, a weekend and a reply later.]
 * - the activity log, and the delivery rows it points to for its "caused by" [90 days];
 * - finished jobs [1 day: a row is made again when the work is asked for again];
 * - bulk operation runs whose results were read [as payloads: Shopify's retries of the finish
 *   webhook end within 4 hours, and its results file expires after 7 days, so nothing is left to
 *   read twice].
 * Never pruned: a delivery not processed yet, one whose job is pending, running or a dead letter,
 * and dead letters themselves (they wait for the merchant's Retry).
 */
import type { PrismaClient } from "@prisma/client";
import { jobId } from "./job-queue.server";

export interface RetentionPolicy {
  payloadDays: number;
  activityDays: number;
  finishedJobDays: number;
  /** Rows per statement. */
  batchSize: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { payloadDays: 7, activityDays: 90, finishedJobDays: 1, batchSize: 500 };

/** What a payload is replaced with once it is past its time. */
export const PRUNED_PAYLOAD = JSON.stringify({ pruned: true });

const DAY_MS = 86_400_000;
const UNFINISHED = ["pending", "running", "dead"];

export function retentionFromEnv(env: Record<string, string | undefined> = process.env): RetentionPolicy {
  const days = (name: string, fallback: number) => {
    const value = Number(env[name]);
    return env[name] !== undefined && env[name] !== "" && Number.isFinite(value) && value > 0 ? value : fallback;
  };
  return {
    ...DEFAULT_RETENTION,
    payloadDays: days("BACKORDER_RETAIN_PAYLOAD_DAYS", DEFAULT_RETENTION.payloadDays),
    activityDays: days("BACKORDER_RETAIN_ACTIVITY_DAYS", DEFAULT_RETENTION.activityDays),
    finishedJobDays: days("BACKORDER_RETAIN_JOB_DAYS", DEFAULT_RETENTION.finishedJobDays),
  };
}

export interface PruneCounts {
  payloads: number;
  deliveries: number;
  activities: number;
  jobs: number;
  bulkRuns: number;
}

/** One batch of each kind; says how many rows it pruned. */
export async function pruneBatch(db: PrismaClient, policy: RetentionPolicy = DEFAULT_RETENTION, now = new Date()): Promise<PruneCounts> {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const payloadCutoff = before(policy.payloadDays);
  // A delivery row outlives its payload: the activity log names it as a cause.
  const deliveryCutoff = before(Math.max(policy.payloadDays, policy.activityDays));

  const oldPayloads = await finishedDeliveries(db, { processedAt: { lt: payloadCutoff }, payload: { not: PRUNED_PAYLOAD } }, policy.batchSize);
  const payloads = oldPayloads.length === 0 ? 0 : (await db.webhookDelivery.updateMany({
    where: { webhookId: { in: oldPayloads }, status: "processed", processedAt: { lt: payloadCutoff } },
    data: { payload: PRUNED_PAYLOAD },
  })).count;

  const oldDeliveries = await finishedDeliveries(db, { processedAt: { lt: deliveryCutoff } }, policy.batchSize);
  const deliveries = oldDeliveries.length === 0 ? 0 : (await db.webhookDelivery.deleteMany({
    where: { webhookId: { in: oldDeliveries }, status: "processed", processedAt: { lt: deliveryCutoff } },
  })).count;

  const activityCutoff = before(policy.activityDays);
  const oldActivity = await db.activity.findMany({ where: { at: { lt: activityCutoff } }, select: { id: true }, orderBy: { id: "asc" }, take: policy.batchSize });
  const activities = oldActivity.length === 0 ? 0 : (await db.activity.deleteMany({ where: { id: { in: oldActivity.map((row) => row.id) } } })).count;

  const jobCutoff = before(policy.finishedJobDays);
  const oldJobs = await db.job.findMany({ where: { status: "done", updatedAt: { lt: jobCutoff } }, select: { id: true }, take: policy.batchSize });
  // Status checked again in the delete: a job asked for again meanwhile is pending, and stays.
  const jobs = oldJobs.length === 0 ? 0 : (await db.job.deleteMany({ where: { id: { in: oldJobs.map((row) => row.id) }, status: "done", updatedAt: { lt: jobCutoff } } })).count;

  const oldRuns = await db.bulkOperationRun.findMany({ where: { resultsReadAt: { lt: payloadCutoff } }, select: { operationId: true }, take: policy.batchSize });
  const bulkRuns = oldRuns.length === 0 ? 0 : (await db.bulkOperationRun.deleteMany({ where: { operationId: { in: oldRuns.map((run) => run.operationId) } } })).count;

  return { payloads, deliveries, activities, jobs, bulkRuns };
}

/**
 * Processed deliveries matching `where` whose delivery job is not pending, running or dead. Such a
 * job on a processed delivery is rare (it only marks the delivery processed, then finishes), so the
 * few kept back do not stall the batch.
 */
async function finishedDeliveries(db: PrismaClient, where: { processedAt: { lt: Date }; payload?: { not: string } }, take: number): Promise<string[]> {
  const candidates = await db.webhookDelivery.findMany({ where: { status: "processed", ...where }, select: { webhookId: true, shop: true }, orderBy: { processedAt: "asc" }, take });
  if (candidates.length === 0) return [];
  const jobIds = candidates.map(({ shop, webhookId }) => jobId({ shop, kind: "delivery", subject: webhookId }));
  const unfinished = await db.job.findMany({ where: { id: { in: jobIds }, status: { in: UNFINISHED } }, select: { subject: true } });
  const keep = new Set(unfinished.map((job) => job.subject));
  return candidates.map((row) => row.webhookId).filter((id) => !keep.has(id));
}

/** Batches until nothing is left to prune or `maxBatches` ran (the rest waits for the next round). */
export async function pruneExpired(db: PrismaClient, policy: RetentionPolicy = DEFAULT_RETENTION, options: { now?: Date; maxBatches?: number } = {}): Promise<PruneCounts> {
  const total: PruneCounts = { payloads: 0, deliveries: 0, activities: 0, jobs: 0, bulkRuns: 0 };
  for (let batch = 0; batch < (options.maxBatches ?? 20); batch++) {
    const counts = await pruneBatch(db, policy, options.now);
    for (const key of Object.keys(total) as (keyof PruneCounts)[]) total[key] += counts[key];
    if (Object.values(counts).every((count) => count < policy.batchSize)) break;
  }
  return total;
}
