import { describe, expect, it } from "vitest";
import { databaseForEachTest } from "../support/database-per-test";
import { ACTIVITY_PAGE_SIZE, loadActivity, retryShopJob } from "../../app/models/activity.server";

const SHOP = "activity-test.myshopify.com";
const OTHER = "someone-else.myshopify.com";

const t = databaseForEachTest();

const delivery = (shop: string, webhookId: string, topic: string) =>
  t.db.webhookDelivery.create({ data: { webhookId, shop, topic, apiVersion: "2026-10", payload: "{}", triggeredAt: new Date("2026-11-24T10:00:00Z"), status: "processed" } });
const entry = (shop: string, message: string, source: string | null) => t.db.activity.create({ data: { shop, kind: "variant.policy", subject: "v1", message, source } });

describe("loadActivity", () => {
  it("names each entry's cause: the webhook and its topic, the merchant, the schedule, the install, settings", async () => {
    await delivery(SHOP, "wh-1", "orders/create");
    await delivery(OTHER, "wh-2", "inventory_levels/update");
    await entry(SHOP, "from a webhook", "wh-1");
    await entry(SHOP, "from the merchant", "merchant");
    await entry(SHOP, "from the schedule", "schedule");
    await entry(SHOP, "from the install", "install");
    await entry(SHOP, "from settings", "settings");
    // Another shop's webhook id is not this shop's to show; a job id or nothing is unknown.
    await entry(SHOP, "from another shop's webhook", "wh-2");
    await entry(SHOP, "from a job", `${SHOP}|sync-variant|v1`);
    await entry(SHOP, "from nowhere", null);
    await entry(OTHER, "elsewhere", "wh-2");

    const { entries } = await loadActivity(t.db, SHOP);
    expect(Object.fromEntries(entries.map((e) => [e.sentence, e.cause]))).toEqual({
      "from a webhook": { kind: "webhook", topic: "orders/create", webhookId: "wh-1", triggeredAt: "2026-11-24T10:00:00.000Z" },
      "from the merchant": { kind: "merchant" },
      "from the schedule": { kind: "schedule" },
      "from the install": { kind: "install" },
      "from settings": { kind: "settings" },
      "from another shop's webhook": { kind: "unknown", source: "wh-2" },
      "from a job": { kind: "unknown", source: `${SHOP}|sync-variant|v1` },
      "from nowhere": { kind: "unknown", source: null },
    });
  });

  it("pages through the log newest first, older and back newer, without overlap", async () => {
    const total = ACTIVITY_PAGE_SIZE * 2 + 5;
    for (let i = 1; i <= total; i++) await entry(SHOP, `entry ${i}`, "merchant");
    await entry(OTHER, "elsewhere", "merchant");
    const messages = (page: Awaited<ReturnType<typeof loadActivity>>) => page.entries.map((e) => Number(e.sentence.split(" ")[1]));

    const first = await loadActivity(t.db, SHOP);
    expect(messages(first)).toEqual(Array.from({ length: ACTIVITY_PAGE_SIZE }, (_, i) => total - i));
    expect(first.newerThan).toBeNull();
    const second = await loadActivity(t.db, SHOP, { before: first.olderThan });
    expect(messages(second)[0]).toBe(total - ACTIVITY_PAGE_SIZE);
    const third = await loadActivity(t.db, SHOP, { before: second.olderThan });
    expect(messages(third)).toEqual([5, 4, 3, 2, 1]);
    expect(third.olderThan).toBeNull();

    // Back up: the page just newer than the third is the second again, then the first.
    const backToSecond = await loadActivity(t.db, SHOP, { after: third.newerThan });
    expect(messages(backToSecond)).toEqual(messages(second));
    expect(backToSecond.olderThan).toBe(second.olderThan);
    const backToFirst = await loadActivity(t.db, SHOP, { after: backToSecond.newerThan });
    expect(messages(backToFirst)).toEqual(messages(first));
    expect(backToFirst.newerThan).toBeNull();
  });

  it("ignores cursors that are not positive whole numbers", async () => {
    await entry(SHOP, "only", "merchant");
    for (const cursor of [Number.NaN, -3, 0, 1.5]) {
      const page = await loadActivity(t.db, SHOP, { before: cursor, after: cursor });
      expect(page.entries.map((e) => e.sentence)).toEqual(["only"]);
      expect([page.olderThan, page.newerThan]).toEqual([null, null]);
    }
  });

  it("counts the backlog and lists the shop's dead jobs only", async () => {
    await t.db.job.create({ data: { id: "j1", shop: SHOP, kind: "sync-variant", subject: "v1", status: "dead", lastError: "boom" } });
    await t.db.job.create({ data: { id: "j2", shop: SHOP, kind: "sync-variant", subject: "v2", status: "pending" } });
    await t.db.job.create({ data: { id: "j3", shop: OTHER, kind: "sync-variant", subject: "v1", status: "dead" } });
    const overview = await loadActivity(t.db, SHOP);
    expect(overview.deadJobs.map((job) => [job.id, job.lastError])).toEqual([["j1", "boom"]]);
    expect(overview.backlog).toEqual({ deliveries: 0, jobs: 1 });
    expect(await retryShopJob(t.db, SHOP, "j3")).toBe(false);
    expect(await retryShopJob(t.db, SHOP, "j1")).toBe(true);
    expect((await t.db.job.findUniqueOrThrow({ where: { id: "j1" } })).status).toBe("pending");
  });

  it("puts what the engine recorded into words, ids kept for the technical details; old rows read as their message", async () => {
    const data = { shop: SHOP, subject: "gid://shopify/ProductVariant/7", source: "merchant" };
    await t.db.activity.create({
      data: { ...data, kind: "variant.policy", message: "Desk Lamp: out of stock, taking back-orders", details: JSON.stringify({ title: "Desk Lamp", status: "backorder", from: "DENY", to: "CONTINUE", sellable: -2, waitingUnits: 2 }) },
    });
    await t.db.activity.create({ data: { ...data, kind: "variant.policy", message: "Desk Lamp: back in stock, restored the merchant's policy (DENY)", details: JSON.stringify({ from: "CONTINUE", to: "DENY" }) } });
    await t.db.activity.create({ data: { ...data, kind: "job.dead", message: "Gave up on sync-variant after 8 attempts: HTTP 503", details: JSON.stringify({ task: "sync-variant", attempts: 8, error: "HTTP 503" }) } });
    const { entries } = await loadActivity(t.db, SHOP);
    expect(entries.map(({ label, sentence, critical, technical, subject }) => ({ label, sentence, critical, technical, subject }))).toEqual([
      {
        label: "Task failed",
        sentence: "Stopped checking a variant with Shopify: it failed 8 times. Use Retry above once the cause is fixed.",
        critical: true,
        technical: [{ label: "Last error", value: "HTTP 503" }],
        subject: data.subject,
      },
      { label: "Back to your own setting", sentence: "Desk Lamp: back in stock, restored the merchant's policy", critical: false, technical: [], subject: data.subject },
      { label: "Back-orders turned on", sentence: "Desk Lamp is out of stock and now takes back-orders.", critical: false, technical: [], subject: data.subject },
    ]);
  });

  it("names a failed task's variant or order when the app knows it", async () => {
    const variantId = "gid://shopify/ProductVariant/9";
    await t.db.trackedVariant.create({ data: { shop: SHOP, variantId, productId: "gid://shopify/Product/9", inventoryItemId: "gid://shopify/InventoryItem/9", title: "Camp Kettle", price: "20.00", merchantPolicy: "DENY", status: "backorder", sellable: -1 } });
    await t.db.job.create({ data: { id: "j-named", shop: SHOP, kind: "sync-variant", subject: variantId, status: "dead" } });
    await t.db.job.create({ data: { id: "j-unnamed", shop: SHOP, kind: "sync-order", subject: "gid://shopify/Order/404", status: "dead" } });
    const { deadJobs } = await loadActivity(t.db, SHOP);
    expect(Object.fromEntries(deadJobs.map((job) => [job.id, job.name]))).toEqual({ "j-named": "Camp Kettle", "j-unnamed": null });
  });
});
