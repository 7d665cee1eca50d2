/** Pruning on a real (migrated) SQLite database: what is past its time goes, what is still needed stays. */
import { describe, expect, it } from "vitest";
import { DEFAULT_RETENTION, PRUNED_PAYLOAD, pruneBatch, pruneExpired, retentionFromEnv } from "../../app/jobs/retention.server";
import { jobId } from "../../app/jobs/job-queue.server";
import { databaseForEachTest } from "../support/database-per-test";

const SHOP = "retain.myshopify.com";
const NOW = new Date("2026-11-24T12:00:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
const ORDER_PAYLOAD = JSON.stringify({ id: 1, email: "someone@example.com" });

describe("retention", () => {
  const t = databaseForEachTest();

  /** A delivery and its delivery job, as the worker leaves them. */
  const delivery = async (webhookId: string, options: { processedDaysAgo: number | null; job: "done" | "pending" | "running" | "dead" | null }) => {
    const at = daysAgo(options.processedDaysAgo ?? 1);
    await t.db.webhookDelivery.create({
      data: { webhookId, shop: SHOP, topic: "orders/create", apiVersion: "2026-10", payload: ORDER_PAYLOAD, receivedAt: at, status: options.processedDaysAgo === null ? "pending" : "processed", processedAt: options.processedDaysAgo === null ? null : at },
    });
    if (options.job) await t.db.job.create({ data: { id: jobId({ shop: SHOP, kind: "delivery", subject: webhookId }), shop: SHOP, kind: "delivery", subject: webhookId, status: options.job, createdAt: at, updatedAt: at } });
  };
  const payloadOf = async (webhookId: string) => (await t.db.webhookDelivery.findUnique({ where: { webhookId } }))?.payload ?? "gone";

  it("clears old payloads, keeps the rows the log points to, and keeps anything not finished", async () => {
    await delivery("old-done", { processedDaysAgo: 10, job: "done" });
    await delivery("old-no-job", { processedDaysAgo: 10, job: null });
    await delivery("recent", { processedDaysAgo: 2, job: "done" });
    await delivery("old-pending", { processedDaysAgo: null, job: "pending" });
    await delivery("old-dead", { processedDaysAgo: 10, job: "dead" });
    await delivery("old-running", { processedDaysAgo: 10, job: "running" });

    await pruneExpired(t.db, DEFAULT_RETENTION, { now: NOW });

    expect(await payloadOf("old-done")).toBe(PRUNED_PAYLOAD);
    expect(await payloadOf("old-no-job")).toBe(PRUNED_PAYLOAD);
    for (const kept of ["recent", "old-pending", "old-dead", "old-running"]) expect(await payloadOf(kept), kept).toBe(ORDER_PAYLOAD);
  });

  it("deletes deliveries, activity and finished jobs past their time, but never dead letters or unfinished work", async () => {
    await delivery("ancient-done", { processedDaysAgo: 100, job: "done" });
    await delivery("ancient-dead", { processedDaysAgo: 100, job: "dead" });
    await delivery("ancient-pending", { processedDaysAgo: null, job: "pending" });
    await t.db.job.create({ data: { id: "sync-old", shop: SHOP, kind: "sync-variant", subject: "v1", status: "done", updatedAt: daysAgo(2) } });
    await t.db.job.create({ data: { id: "sync-fresh", shop: SHOP, kind: "sync-variant", subject: "v2", status: "done", updatedAt: daysAgo(0.5) } });
    await t.db.job.create({ data: { id: "sync-dead", shop: SHOP, kind: "sync-variant", subject: "v3", status: "dead", updatedAt: daysAgo(200) } });
    await t.db.activity.createMany({ data: [
      { shop: SHOP, kind: "variant.policy", subject: "v1", message: "old", at: daysAgo(91) },
      { shop: SHOP, kind: "variant.policy", subject: "v1", message: "kept", at: daysAgo(89) },
    ] });

    const counts = await pruneExpired(t.db, DEFAULT_RETENTION, { now: NOW });

    expect(counts).toMatchObject({ deliveries: 1, activities: 1 });
    expect((await t.db.webhookDelivery.findMany({ orderBy: { webhookId: "asc" } })).map((row) => row.webhookId)).toEqual(["ancient-dead", "ancient-pending"]);
    expect((await t.db.job.findMany({ orderBy: { id: "asc" } })).map((job) => job.id).filter((id) => id.startsWith("sync"))).toEqual(["sync-dead", "sync-fresh"]);
    expect(await t.db.job.count({ where: { kind: "delivery", status: { in: ["dead", "pending"] } } })).toBe(2);
    expect((await t.db.activity.findMany()).map((row) => row.message)).toEqual(["kept"]);
  });

  it("deletes bulk operation runs whose results were read a week ago, never one still running or unread", async () => {
    const run = (operationId: string, readDaysAgo: number | null, finishedDaysAgo: number | null) =>
      t.db.bulkOperationRun.create({ data: { operationId, shop: SHOP, purpose: "release", status: finishedDaysAgo === null ? "RUNNING" : "COMPLETED", createdAt: daysAgo(30), finishedAt: finishedDaysAgo === null ? null : daysAgo(finishedDaysAgo), resultsReadAt: readDaysAgo === null ? null : daysAgo(readDaysAgo) } });
    await run("read-long-ago", 8, 8);
    await run("read-lately", 2, 2);
    await run("finished-unread", null, 20);
    await run("still-running", null, null);

    expect((await pruneExpired(t.db, DEFAULT_RETENTION, { now: NOW })).bulkRuns).toBe(1);
    expect((await t.db.bulkOperationRun.findMany({ orderBy: { operationId: "asc" } })).map((row) => row.operationId)).toEqual(["finished-unread", "read-lately", "still-running"]);
  });

  it("works in bounded batches", async () => {
    for (let n = 0; n < 5; n++) await delivery(`batch-${n}`, { processedDaysAgo: 10, job: null });
    const small = { ...DEFAULT_RETENTION, batchSize: 2 };
    expect((await pruneBatch(t.db, small, NOW)).payloads).toBe(2);
    expect(await t.db.webhookDelivery.count({ where: { payload: PRUNED_PAYLOAD } })).toBe(2);
    expect((await pruneExpired(t.db, small, { now: NOW })).payloads).toBe(3);
    expect(await t.db.webhookDelivery.count({ where: { payload: ORDER_PAYLOAD } })).toBe(0);
  });

  it("reads its days from the environment, keeping the defaults for blank or nonsense values", () => {
    expect(retentionFromEnv({})).toEqual(DEFAULT_RETENTION);
    expect(retentionFromEnv({ BACKORDER_RETAIN_PAYLOAD_DAYS: "3", BACKORDER_RETAIN_ACTIVITY_DAYS: "30", BACKORDER_RETAIN_JOB_DAYS: "0.5" })).toEqual({ ...DEFAULT_RETENTION, payloadDays: 3, activityDays: 30, finishedJobDays: 0.5 });
    expect(retentionFromEnv({ BACKORDER_RETAIN_PAYLOAD_DAYS: "-1", BACKORDER_RETAIN_ACTIVITY_DAYS: "lots", BACKORDER_RETAIN_JOB_DAYS: "" })).toEqual(DEFAULT_RETENTION);
  });
});
