/** The merchant's view of the engine: what it did, what it is working on, what failed. */
import type { PrismaClient } from "@prisma/client";
import { enqueueJob, retryDeadJob } from "../jobs/job-queue.server";
import { logMerchantChanges } from "../engine/activity.server";
import { strings } from "../i18n/strings";
import { describeActivity, type ActivityWords } from "../i18n/activity-words";

/** What set an entry's work going: a webhook (with its topic), the merchant, the schedule, the install or a settings change. */
export type ActivityCause =
  | { kind: "webhook"; topic: string; webhookId: string; triggeredAt: string | null }
  | { kind: "merchant" | "schedule" | "install" | "settings" | "customer" }
  | { kind: "unknown"; source: string | null };

const NAMED_SOURCES = new Set(["merchant", "schedule", "install", "settings", "customer"]);

export const ACTIVITY_PAGE_SIZE = 50;

export interface ActivityOverview {
  /** Each entry in words; `subject` (a GID or the shop) is for the technical details only. */
  entries: ({ id: number; at: string; subject: string; cause: ActivityCause } & ActivityWords)[];
  /** Cursors: `before` for the next older page, `after` for the next newer one; null at either end. */
  olderThan: number | null;
  newerThan: number | null;
  backlog: { deliveries: number; jobs: number };
  /** `name`: the variant's title or the order's name when the app knows it. */
  deadJobs: { id: string; kind: string; subject: string; name: string | null; attempts: number; lastError: string | null; updatedAt: string }[];
  lastReconciledAt: string | null;
}

const cursor = (value: number | null | undefined) => (value && Number.isSafeInteger(value) && value > 0 ? value : null);

/** The log, newest first, a page at a time: entries older than `before`, or the page just newer than `after`. */
export async function loadActivity(db: PrismaClient, shop: string, options: { before?: number | null; after?: number | null } = {}): Promise<ActivityOverview> {
  const before = cursor(options.before);
  const after = before ? null : cursor(options.after);
  const [entries, deliveries, jobs, deadJobs, settings] = await Promise.all([
    after
      ? db.activity.findMany({ where: { shop, id: { gt: after } }, orderBy: { id: "asc" }, take: ACTIVITY_PAGE_SIZE + 1 })
      : db.activity.findMany({ where: { shop, ...(before ? { id: { lt: before } } : {}) }, orderBy: { id: "desc" }, take: ACTIVITY_PAGE_SIZE + 1 }),
    db.webhookDelivery.count({ where: { shop, status: "pending" } }),
    db.job.count({ where: { shop, status: { in: ["pending", "running"] } } }),
    db.job.findMany({ where: { shop, status: "dead" }, orderBy: { updatedAt: "desc" }, take: 50 }),
    db.shopSettings.findUnique({ where: { shop } }),
  ]);
  const more = entries.length > ACTIVITY_PAGE_SIZE;
  const page = after ? entries.slice(0, ACTIVITY_PAGE_SIZE).reverse() : entries.slice(0, ACTIVITY_PAGE_SIZE);
  const [causes, names] = await Promise.all([causesOf(db, shop, page.map((entry) => entry.source)), namesOf(db, shop, deadJobs.map((job) => job.subject))]);
  return {
    entries: page.map((entry) => ({ id: entry.id, at: entry.at.toISOString(), subject: entry.subject, cause: causes(entry.source), ...describeActivity(entry) })),
    olderThan: page.length > 0 && (after !== null || more) ? page.at(-1)!.id : null,
    newerThan: page.length > 0 && (before !== null || (after !== null && more)) ? page[0]!.id : null,
    backlog: { deliveries, jobs },
    deadJobs: deadJobs.map((job) => ({ id: job.id, kind: job.kind, subject: job.subject, name: names.get(job.subject) ?? null, attempts: job.attempts, lastError: job.lastError, updatedAt: job.updatedAt.toISOString() })),
    lastReconciledAt: settings?.lastReconciledAt?.toISOString() ?? null,
  };
}

/** Resolves sources to causes; a webhook id is looked up in the shop's inbox for its topic. */
async function causesOf(db: PrismaClient, shop: string, sources: readonly (string | null)[]): Promise<(source: string | null) => ActivityCause> {
  const candidates = [...new Set(sources.filter((source): source is string => source !== null && !NAMED_SOURCES.has(source)))];
  const deliveries = candidates.length
    ? await db.webhookDelivery.findMany({ where: { shop, webhookId: { in: candidates } }, select: { webhookId: true, topic: true, triggeredAt: true } })
    : [];
  const byId = new Map(deliveries.map((delivery) => [delivery.webhookId, delivery]));
  return (source) => {
    if (source !== null && NAMED_SOURCES.has(source)) return { kind: source as "merchant" | "schedule" | "install" | "settings" | "customer" };
    const delivery = source === null ? undefined : byId.get(source);
    if (delivery) return { kind: "webhook", topic: delivery.topic, webhookId: delivery.webhookId, triggeredAt: delivery.triggeredAt?.toISOString() ?? null };
    return { kind: "unknown", source };
  };
}

/** What a failed task was about, in the merchant's words: a variant's title or an order's name. */
async function namesOf(db: PrismaClient, shop: string, subjects: readonly string[]): Promise<Map<string, string>> {
  if (subjects.length === 0) return new Map();
  const [variants, orders] = await Promise.all([
    db.trackedVariant.findMany({ where: { shop, variantId: { in: [...subjects] } }, select: { variantId: true, title: true } }),
    db.backorderLine.findMany({ where: { shop, orderId: { in: [...subjects] } }, select: { orderId: true, orderName: true }, distinct: ["orderId"] }),
  ]);
  return new Map([...variants.map((row) => [row.variantId, row.title] as const), ...orders.map((row) => [row.orderId, row.orderName] as const)]);
}

/** "Resync now": a full reconciliation, like the scheduled one. */
export async function requestResync(db: PrismaClient, shop: string): Promise<void> {
  await logMerchantChanges(db, shop, [{ kind: "shop.resync_requested", subject: shop, message: strings.merchantActivity.resyncRequested, details: {} }]);
  await enqueueJob(db, { shop, kind: "reconcile", subject: shop }, { source: "merchant" });
}

/** Sends a dead letter back to work; only the shop's own jobs. */
export async function retryShopJob(db: PrismaClient, shop: string, jobId: string): Promise<boolean> {
  const job = await db.job.findUnique({ where: { id: jobId } });
  if (!job || job.shop !== shop) return false;
  return retryDeadJob(db, jobId);
}
