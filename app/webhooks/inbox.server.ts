import prisma from "../db.server";
import { enqueueJob } from "../jobs/job-queue.server";
import { SqliteInbox } from "./inbox-sqlite.server";

export interface AuthenticatedDelivery {
  webhookId: string;
  shop: string;
  topic: string;
  eventId?: string;
  apiVersion: string;
  triggeredAt?: string;
  payload: unknown;
  /** The body as it came, when it is the payload's JSON: stored as is instead of written out again. */
  payloadJson?: string;
}

declare global {
  // One inbox connection per process, even when Vite's dev server re-imports this module.
  var sqliteInbox: SqliteInbox | undefined;
}

/**
 * Stores a delivery once and queues the job that processes it. Shopify delivers
 * at least once, so a second delivery with the same X-Shopify-Webhook-Id
 * changes nothing, except that a delivery still unprocessed gets its job again
 * (covering a crash between the two writes, after which Shopify retries).
 * On SQLite through the group-commit inbox; otherwise through Prisma.
 */
export async function recordDelivery(delivery: AuthenticatedDelivery): Promise<void> {
  const url = process.env.DATABASE_URL ?? "";
  if (!url.startsWith("file:")) return void (await recordDeliveryWithPrisma(delivery));
  globalThis.sqliteInbox ??= new SqliteInbox(url.replace(/^file:/, ""));
  await globalThis.sqliteInbox.record(delivery);
}

/** Returns whether the delivery was new. */
async function recordDeliveryWithPrisma(delivery: AuthenticatedDelivery): Promise<boolean> {
  const job = { shop: delivery.shop, kind: "delivery", subject: delivery.webhookId };
  const existing = await prisma.webhookDelivery.findUnique({ where: { webhookId: delivery.webhookId }, select: { status: true } });
  if (existing) {
    if (existing.status === "pending") await enqueueJob(prisma, job, { source: delivery.webhookId });
    return false;
  }
  // Two copies racing: the second insert does nothing (no duplicate-key error, nor its line in
  // PostgreSQL's log). Prisma fills @default(now()) itself, so the statement does too.
  const now = new Date();
  const triggeredAt = delivery.triggeredAt ? new Date(delivery.triggeredAt) : null;
  const inserted = await prisma.$executeRaw`INSERT INTO "WebhookDelivery" ("webhookId", "shop", "topic", "eventId", "apiVersion", "triggeredAt", "payload", "receivedAt", "nextAttemptAt")
    VALUES (${delivery.webhookId}, ${delivery.shop}, ${delivery.topic}, ${delivery.eventId ?? null}, ${delivery.apiVersion}, ${triggeredAt}, ${delivery.payloadJson ?? JSON.stringify(delivery.payload)}, ${now}, ${now})
    ON CONFLICT ("webhookId") DO NOTHING`;
  if (inserted === 0) return false;
  await enqueueJob(prisma, job, { source: delivery.webhookId });
  return true;
}
