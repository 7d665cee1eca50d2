import { describe, expect, it } from "vitest";
import { MAX_WEBHOOK_BODY_BYTES } from "../../app/webhooks/delivery-guards";
import { installApp, outstandingWork, settle } from "../support/engine";
import { stackForThisFile } from "../support/installed-stack";
import { postOversizedWebhook, postWebhook, signBody, webhookHeaders } from "../support/signed-webhook";

// The app running but not installed: no merchant has opened it yet (the last test installs it).
const t = stackForThisFile({ seed: true, install: false });

const INVENTORY = "inventory_levels/update";
const headersFor = (body: string, overrides: Record<string, string | null> = {}) => webhookHeaders(INVENTORY, t.shop().domain, body, overrides);
const postToApp = (body: string, headers: Record<string, string>) => postWebhook(t.stack.appUrl, INVENTORY, body, headers);

describe("webhooks from the sandbox to the app", () => {
  it("records a delivery the sandbox emits on a stock change, signed with the app secret", async () => {
    const variant = t.shop().snapshot().variants.find((v) => v.tracked && v.levels.length > 0)!;
    const level = variant.levels[0]!;
    t.shop().setAvailable(variant.id, level.locationId, level.available + 7);
    await t.stack.sandbox.webhooks.idle();

    const rows = await t.db.webhookDelivery.findMany({ where: { topic: INVENTORY } });
    const payloads = rows.map((row) => JSON.parse(row.payload) as { available: number; location_id: number });
    expect(payloads.some((payload) => payload.available === level.available + 7)).toBe(true);
    expect(rows.every((row) => row.shop === t.shop().domain)).toBe(true);
    const delivered = t.stack.sandbox.webhooks.deliveries().filter((d) => d.topic === INVENTORY);
    expect(delivered.length).toBeGreaterThan(0);
    expect(delivered.every((d) => d.statusCodes.at(-1) === 200)).toBe(true);
  });

  it("refuses a forged delivery with 401 and stores nothing", async () => {
    const before = await t.db.webhookDelivery.count();
    const body = JSON.stringify({ inventory_item_id: 1, location_id: 2, available: 99 });
    const status = await postToApp(body, headersFor(body, { "X-Shopify-Hmac-Sha256": signBody(body, "not-the-secret") }));
    expect(status).toBe(401);
    expect(await t.db.webhookDelivery.count()).toBe(before);
  });

  it("answers 400 when Shopify's headers are missing, and stores nothing", async () => {
    const before = await t.db.webhookDelivery.count();
    const body = JSON.stringify({ inventory_item_id: 1, location_id: 2, available: 3 });
    expect(await postToApp(body, headersFor(body, { "X-Shopify-Topic": null }))).toBe(400);
    expect(await t.db.webhookDelivery.count()).toBe(before);
  });

  it("stores a redelivery (same webhook id) once", async () => {
    const body = JSON.stringify({ inventory_item_id: 5, location_id: 6, available: 1 });
    const headers = headersFor(body);
    expect(await postToApp(body, headers)).toBe(200);
    expect(await postToApp(body, headers)).toBe(200);
    const rows = await t.db.webhookDelivery.findMany({ where: { webhookId: headers["X-Shopify-Webhook-Id"] } });
    expect(rows).toHaveLength(1);
  });

  it("answers 400 to a signed body that is not a JSON object, and stores nothing", async () => {
    const before = await t.db.webhookDelivery.count();
    for (const body of ['{"inventory_item_id": 1,', "not json", "[1, 2]", "null"]) {
      expect(await postToApp(body, headersFor(body))).toBe(400);
    }
    expect(await t.db.webhookDelivery.count()).toBe(before);
  });

  it("refuses a delivery whose topic is not its route's, and stores nothing", async () => {
    const before = await t.db.webhookDelivery.count();
    const body = JSON.stringify({ inventory_item_id: 1, location_id: 2, available: 3 });
    expect(await postToApp(body, headersFor(body, { "X-Shopify-Topic": "orders/create" }))).toBe(400);
    expect(await postWebhook(t.stack.appUrl, "products/delete", body, headersFor(body))).toBe(400);
    expect(await t.db.webhookDelivery.count()).toBe(before);
  });

  it("answers 413 to a body over the limit before reading it, declared or streamed", async () => {
    const before = await t.db.webhookDelivery.count();
    // 400 MB declared, none of it sent: the answer cannot have waited for the body.
    expect(await postOversizedWebhook(t.stack.appUrl, INVENTORY, headersFor("{}"), 400 * 1024 * 1024, 0)).toBe(413);
    // Chunked, no length: cut off just past the limit.
    expect(await postOversizedWebhook(t.stack.appUrl, INVENTORY, headersFor("{}"), null, MAX_WEBHOOK_BODY_BYTES + 2 * 1024 * 1024)).toBe(413);
    expect(await t.db.webhookDelivery.count()).toBe(before);
    expect((await fetch(`${t.stack.appUrl}/healthz`)).status).toBe(200);
  });

  it("folds deliveries from before the install into the install's reconciliation: none dead or stuck", async () => {
    const variant = t.shop().snapshot().variants.find((v) => v.tracked && v.levels.length > 0 && v.inventoryPolicy === "DENY")!;
    // Sold out before the merchant has opened the app.
    for (const other of variant.levels) t.shop().setAvailable(variant.id, other.locationId, 0);
    await t.stack.sandbox.webhooks.idle();
    // Worked off without a token: every delivery processed, nothing retried into a dead letter.
    await expect.poll(async () => (await outstandingWork(t.db)).deliveries, { timeout: 30_000 }).toBe(0);
    expect(await t.db.job.count({ where: { status: "dead" } })).toBe(0);

    await installApp(t.stack);
    await settle(t.stack, t.db);
    expect(await t.db.job.count({ where: { status: "dead" } })).toBe(0);
    expect(await t.db.webhookDelivery.count({ where: { status: { not: "processed" } } })).toBe(0);
    // The reconciliation saw the sell-out the early deliveries reported.
    expect((await t.db.trackedVariant.findFirstOrThrow({ where: { variantId: variant.id } })).status).toBe("backorder");
  });
});
