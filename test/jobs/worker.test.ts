/**
 * The worker on a real SQLite file, without Shopify: scheduling, orphaned
 * deliveries, dead letters, and uninstalled shops. Flows that need Shopify are
 * in test/engine/.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startWorker, type Worker } from "../../app/jobs/worker.server";
import { enqueueJob } from "../../app/jobs/job-queue.server";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const SHOP = "a.myshopify.com";
let database: TestDatabase;
let worker: Worker | null = null;

beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await worker?.stop();
  worker = null;
  await database.drop();
});

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const session = { id: `offline_${SHOP}`, shop: SHOP, state: "", isOnline: false, accessToken: "token" };

describe("worker", () => {
  it("schedules a reconciliation for an installed shop that has not had one", async () => {
    const { db } = database;
    await db.session.create({ data: session });
    await db.shopSettings.create({ data: { shop: SHOP } });
    await db.shopSettings.create({ data: { shop: "gone.myshopify.com", uninstalledAt: new Date() } });
    worker = startWorker({ db, adminFor: async () => null, pollMs: 20, maxAttempts: 1 });
    await until(async () => (await db.job.count({ where: { kind: "reconcile" } })) > 0);
    const jobs = await db.job.findMany({ where: { kind: "reconcile" } });
    expect(jobs.map((job) => [job.shop, job.source])).toEqual([[SHOP, "schedule"]]);
  });

  // Which shops are due is test/models/daily-snapshots.test.ts; this is the schedule running it.
  it("records today's snapshot for an installed shop on its schedule, without Shopify", async () => {
    const { db } = database;
    await db.shopSettings.create({ data: { shop: SHOP, lastReconciledAt: new Date() } });
    await db.backorderLine.create({
      data: { shop: SHOP, lineItemId: "l1", orderId: "o1", orderName: "#1", orderedAt: new Date(), variantId: "v1", locationId: "loc", quantity: 2, waitingUnits: 2, unitPrice: "5.00" },
    });
    worker = startWorker({ db, adminFor: async () => Promise.reject(new Error("no Admin API calls for a snapshot")), pollMs: 20 });
    await until(async () => (await db.dailySnapshot.count()) > 0);
    const snapshots = await db.dailySnapshot.findMany();
    expect(snapshots.map((row) => [row.shop, row.waitingUnits, row.waitingValueCents])).toEqual([[SHOP, 2, 1000n]]);
  });

  it("queues a stored delivery whose job was never created (a crash between the two writes)", async () => {
    const { db } = database;
    await db.shopSettings.create({ data: { shop: SHOP, uninstalledAt: new Date() } });
    await db.webhookDelivery.create({
      data: { webhookId: "orphan", shop: SHOP, topic: "orders/updated", apiVersion: "2026-10", payload: "{}", receivedAt: new Date(Date.now() - 120_000) },
    });
    worker = startWorker({ db, adminFor: async () => null, pollMs: 20 });
    await until(async () => (await db.webhookDelivery.findUniqueOrThrow({ where: { webhookId: "orphan" } })).status === "processed");
    expect(await db.job.findUnique({ where: { id: `${SHOP}|delivery|orphan` } })).toMatchObject({ status: "done", source: "orphan" });
  });

  it("turns a job that keeps failing into a dead letter with its error, logged for the merchant", async () => {
    const { db } = database;
    await db.session.create({ data: session });
    await db.shopSettings.create({ data: { shop: SHOP, lastReconciledAt: new Date() } });
    await enqueueJob(db, { shop: SHOP, kind: "sync-variant", subject: "gid://shopify/ProductVariant/1" }, { source: "hook-1" });
    const failing = { request: async () => Promise.reject(new Error("Shopify said no")) };
    worker = startWorker({ db, adminFor: async () => failing, pollMs: 20, maxAttempts: 1 });
    await until(async () => (await db.job.count({ where: { status: "dead" } })) === 1);
    const dead = await db.job.findFirstOrThrow({ where: { status: "dead" } });
    expect(dead.lastError).toBe("Shopify said no");
    const logged = await db.activity.findFirstOrThrow({ where: { kind: "job.dead" } });
    expect(logged).toMatchObject({ subject: "gid://shopify/ProductVariant/1", source: "hook-1" });
    // The facts the Activity page puts into words: which task, how many attempts, the error for the technical details.
    expect(JSON.parse(logged.details!)).toEqual({ task: "sync-variant", attempts: 1, error: "Shopify said no" });
  });

  it("drops work for an uninstalled shop instead of retrying it", async () => {
    const { db } = database;
    await db.shopSettings.create({ data: { shop: SHOP, uninstalledAt: new Date(), lastReconciledAt: new Date() } });
    await enqueueJob(db, { shop: SHOP, kind: "sync-variant", subject: "gid://shopify/ProductVariant/2" });
    let asked = 0;
    worker = startWorker({ db, adminFor: async () => { asked++; return null; }, pollMs: 20 });
    await until(async () => (await db.job.count({ where: { status: "done" } })) === 1);
    expect(asked).toBe(0);
    expect(await db.job.count({ where: { status: { in: ["pending", "dead"] } } })).toBe(0);
  });
});
