import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { ADMIN_API_VERSION } from "../../app/api-version";
import { TEST_APP } from "../support/stack";
import { stackForThisFile } from "../support/installed-stack";

// The app running but not installed: no merchant has opened it yet.
const t = stackForThisFile({ seed: true, install: false });

function signed(body: string, secret: string = TEST_APP.apiSecret): string {
  return crypto.createHmac("sha256", secret).update(body, "utf8").digest("base64");
}

function webhookHeaders(body: string, overrides: Record<string, string | null> = {}): Record<string, string> {
  const headers: Record<string, string | null> = {
    "Content-Type": "application/json",
    "X-Shopify-Topic": "inventory_levels/update",
    "X-Shopify-Hmac-Sha256": signed(body),
    "X-Shopify-Shop-Domain": t.shop().domain,
    "X-Shopify-API-Version": ADMIN_API_VERSION,
    "X-Shopify-Webhook-Id": crypto.randomUUID(),
    "X-Shopify-Event-Id": crypto.randomUUID(),
    "X-Shopify-Triggered-At": new Date().toISOString(),
    ...overrides,
  };
  return Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== null));
}

async function postToApp(body: string, headers: Record<string, string>): Promise<number> {
  const response = await fetch(`${t.stack.appUrl}/webhooks/inventory_levels/update`, { method: "POST", headers, body });
  return response.status;
}

describe("webhooks from the sandbox to the app", () => {
  it("records a delivery the sandbox emits on a stock change, signed with the app secret", async () => {
    const variant = t.shop().snapshot().variants.find((v) => v.tracked && v.levels.length > 0)!;
    const level = variant.levels[0]!;
    t.shop().setAvailable(variant.id, level.locationId, level.available + 7);
    await t.stack.sandbox.webhooks.idle();

    const rows = await t.db.webhookDelivery.findMany({ where: { topic: "inventory_levels/update" } });
    const payloads = rows.map((row) => JSON.parse(row.payload) as { available: number; location_id: number });
    expect(payloads.some((payload) => payload.available === level.available + 7)).toBe(true);
    expect(rows.every((row) => row.shop === t.shop().domain && row.status === "pending")).toBe(true);
    const delivered = t.stack.sandbox.webhooks.deliveries().filter((d) => d.topic === "inventory_levels/update");
    expect(delivered.length).toBeGreaterThan(0);
    expect(delivered.every((d) => d.statusCodes.at(-1) === 200)).toBe(true);
  });

  it("refuses a forged delivery with 401 and stores nothing", async () => {
    const before = await t.db.webhookDelivery.count();
    const body = JSON.stringify({ inventory_item_id: 1, location_id: 2, available: 99 });
    const status = await postToApp(body, webhookHeaders(body, { "X-Shopify-Hmac-Sha256": signed(body, "not-the-secret") }));
    expect(status).toBe(401);
    expect(await t.db.webhookDelivery.count()).toBe(before);
  });

  it("answers 400 when Shopify's headers are missing, and stores nothing", async () => {
    const before = await t.db.webhookDelivery.count();
    const body = JSON.stringify({ inventory_item_id: 1, location_id: 2, available: 3 });
    expect(await postToApp(body, webhookHeaders(body, { "X-Shopify-Topic": null }))).toBe(400);
    expect(await t.db.webhookDelivery.count()).toBe(before);
  });

  it("stores a redelivery (same webhook id) once", async () => {
    const body = JSON.stringify({ inventory_item_id: 5, location_id: 6, available: 1 });
    const headers = webhookHeaders(body);
    expect(await postToApp(body, headers)).toBe(200);
    expect(await postToApp(body, headers)).toBe(200);
    const rows = await t.db.webhookDelivery.findMany({ where: { webhookId: headers["X-Shopify-Webhook-Id"] } });
    expect(rows).toHaveLength(1);
  });
});
