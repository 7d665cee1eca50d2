/** The merchant's view of the engine: what it did, what it is working on, what failed. */
import type { PrismaClient } from "@prisma/client";
import { enqueueJob, retryDeadJob } from "../jobs/job-queue.server";

export interface ActivityOverview {
  entries: { id: number; at: string; kind: string; message: string; source: string | null }[];
  backlog: { deliveries: number; jobs: number };
  deadJobs: { id: string; kind: string; subject: string; attempts: number; lastError: string | null; updatedAt: string }[];
  lastReconciledAt: string | null;
}

export async function loadActivity(db: PrismaClient, shop: string): Promise<ActivityOverview> {
  const [entries, deliveries, jobs, deadJobs, settings] = await Promise.all([
    db.activity.findMany({ where: { shop }, orderBy: { id: "desc" }, take: 100 }),
    db.webhookDelivery.count({ where: { shop, status: "pending" } }),
    db.job.count({ where: { shop, status: { in: ["pending", "running"] } } }),
    db.job.findMany({ where: { shop, status: "dead" }, orderBy: { updatedAt: "desc" }, take: 50 }),
    db.shopSettings.findUnique({ where: { shop } }),
  ]);
  return {
    entries: entries.map((entry) => ({ id: entry.id, at: entry.at.toISOString(), kind: entry.kind, message: entry.message, source: entry.source })),
    backlog: { deliveries, jobs },
    deadJobs: deadJobs.map((job) => ({ id: job.id, kind: job.kind, subject: job.subject, attempts: job.attempts, lastError: job.lastError, updatedAt: job.updatedAt.toISOString() })),
    lastReconciledAt: settings?.lastReconciledAt?.toISOString() ?? null,
  };
}

/** "Resync now": a full reconciliation, like the scheduled one. */
export async function requestResync(db: PrismaClient, shop: string): Promise<void> {
  await enqueueJob(db, { shop, kind: "reconcile", subject: shop }, { source: "merchant" });
}

/** Sends a dead letter back to work; only the shop's own jobs. */
export async function retryShopJob(db: PrismaClient, shop: string, jobId: string): Promise<boolean> {
  const job = await db.job.findUnique({ where: { id: jobId } });
  if (!job || job.shop !== shop) return false;
  return retryDeadJob(db, jobId);
}
