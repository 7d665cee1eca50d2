/**
 * The back-order engine end to end: the sandbox shop changes, real signed
 * webhooks reach the built app, its worker calls the sandbox's Admin API, and
 * the test reads the result back from the shop and the app's database.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@prisma/client";
import { settle, startInstalledStack } from "../support/engine";
import { TEST_APP, type Stack } from "../support/stack";
import { ADMIN_API_VERSION } from "../../app/api-version";

let stack: Stack;
let db: PrismaClient;
let warehouse: string;
/** Every hold placed and released in the shop, by fulfillment order. */
const holdEvents: { topic: string; fulfillmentOrderId: string }[] = [];

const shop = () => stack.sandbox.shop;
const variantOf = (id: string) => shop().snapshot().variants.find((v) => v.id === id)!;
const orderOf = (id: string) => shop().snapshot().orders.find((o) => o.id === id)!;
const metafield = (owner: { metafields: { namespace: string; key: string; value: string }[] }, key: string) =>
  owner.metafields.find((m) => m.namespace.includes("backorder") && m.key === key)?.value ?? null;
const ourHolds = (orderId: string) => orderOf(orderId).fulfillmentOrders.flatMap((fo) => fo.holds.filter((h) => h.handle === "backorder-manager"));

function addVariant(title: string, stock: Record<string, number>, options: { policy?: "CONTINUE" | "DENY"; tags?: string[]; tracked?: boolean } = {}) {
  const { variantIds } = shop().addProduct({
    title,
    vendor: "Test Vendor",
    productType: "Gear",
    tags: options.tags ?? [],
    variants: [{ title: "Default Title", sku: title.toUpperCase().replace(/\W+/g, "-"), price: "25.00", inventoryPolicy: options.policy ?? "DENY", tracked: options.tracked ?? true, stock }],
  });
  return variantIds[0]!;
}

function order(variantId: string, quantity: number, email = "ada@example.com") {
  return shop().placeOrder({ customer: { email, firstName: "Ada", lastName: "Lovelace" }, lines: [{ variantId, quantity }] }).orderId;
}

function signedHeaders(topic: string, body: string): Record<string, string> {
  return {
    "Content-Type": "application/json",
    "X-Shopify-Topic": topic,
    "X-Shopify-Hmac-Sha256": crypto.createHmac("sha256", TEST_APP.apiSecret).update(body).digest("base64"),
    "X-Shopify-Shop-Domain": shop().domain,
    "X-Shopify-API-Version": ADMIN_API_VERSION,
    "X-Shopify-Webhook-Id": crypto.randomUUID(),
    "X-Shopify-Triggered-At": new Date().toISOString(),
  };
}

async function waitingLines(variantId: string) {
  return db.backorderLine.findMany({ where: { variantId, state: "waiting", waitingUnits: { gt: 0 } }, orderBy: { queuePosition: "asc" } });
}

beforeAll(async () => {
  ({ stack, db } = await startInstalledStack());
  shop().onEvent((event) => {
    if (event.topic.endsWith("placed_on_hold") || event.topic.endsWith("hold_released")) holdEvents.push({ topic: event.topic, fulfillmentOrderId: (event.payload.fulfillment_order as { id: string }).id });
  });
  warehouse = shop().addLocation("Warehouse");
}, 120_000);

afterAll(async () => {
  await db?.$disconnect();
  await stack?.stop();
});

describe("installing", () => {
  it("declares the app's metafields, readable by the storefront for variants, once", async () => {
    const definitions = () => [...shop().metafieldDefinitions.values()].map((d) => ({ owner: d.ownerType, key: `${d.namespace}.${d.key}`, type: d.type, storefront: d.access.storefront }));
    expect(definitions()).toEqual(
      expect.arrayContaining([
        { owner: "PRODUCTVARIANT", key: "$app:backorder.status", type: "single_line_text_field", storefront: "PUBLIC_READ" },
        { owner: "PRODUCTVARIANT", key: "$app:backorder.ships_on", type: "date", storefront: "PUBLIC_READ" },
        { owner: "PRODUCTVARIANT", key: "$app:backorder.message", type: "single_line_text_field", storefront: "PUBLIC_READ" },
        { owner: "ORDER", key: "$app:backorder.ships_on", type: "date", storefront: "NONE" },
      ]),
    );
    await db.job.updateMany({ where: { kind: "reconcile" }, data: { status: "pending", runAfter: new Date() } });
    await settle(stack, db);
    expect(definitions()).toHaveLength(4);
  });
});

describe("marking variants", () => {
  it("turns an in-scope variant that sells out into a back-order, and back when stock returns", async () => {
    const variant = addVariant("Sell Out Lamp", { [warehouse]: 1 });
    await settle(stack, db);
    expect(variantOf(variant).inventoryPolicy).toBe("DENY");

    order(variant, 1);
    await settle(stack, db);
    expect(variantOf(variant).inventoryPolicy).toBe("CONTINUE");
    expect(metafield(variantOf(variant), "status")).toBe("backorder");
    expect(metafield(variantOf(variant), "ships_on")).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const tracked = await db.trackedVariant.findFirstOrThrow({ where: { variantId: variant } });
    expect(tracked).toMatchObject({ merchantPolicy: "DENY", status: "backorder", sellable: 0 });

    shop().setAvailable(variant, warehouse, 5);
    await settle(stack, db);
    expect(variantOf(variant).inventoryPolicy).toBe("DENY");
    expect(metafield(variantOf(variant), "status")).toBeNull();
    const activity = await db.activity.findMany({ where: { subject: variant, kind: "variant.policy" } });
    expect(activity.map((a) => JSON.parse(a.details!).to)).toEqual(["CONTINUE", "DENY"]);
    expect(activity.every((a) => a.source !== null)).toBe(true);
  });

  it("never touches untracked items, excluded variants or a merchant's own CONTINUE", async () => {
    const untracked = addVariant("Gift Wrap", {}, { tracked: false });
    const own = addVariant("Preorder Kettle", { [warehouse]: 0 }, { policy: "CONTINUE" });
    const excluded = addVariant("Excluded Mug", { [warehouse]: 0 });
    await db.variantRule.create({ data: { shop: shop().domain, variantId: excluded, override: "never" } });
    order(own, 2);
    order(untracked, 1);
    shop().setAvailable(excluded, warehouse, 0);
    await settle(stack, db);

    expect(variantOf(untracked).inventoryPolicy).toBe("DENY");
    expect(variantOf(excluded).inventoryPolicy).toBe("DENY");
    expect(metafield(variantOf(excluded), "status")).toBeNull();
    expect(variantOf(own).inventoryPolicy).toBe("CONTINUE");
    // The merchant chose CONTINUE: still back-ordered for the storefront, and restored as CONTINUE.
    shop().setAvailable(own, warehouse, 10);
    await settle(stack, db);
    expect(variantOf(own).inventoryPolicy).toBe("CONTINUE");
    expect((await db.trackedVariant.findFirstOrThrow({ where: { variantId: own } })).merchantPolicy).toBe("CONTINUE");
  });

  it("stops selling when the waiting units reach the cap, and sells again when one is cancelled", async () => {
    const variant = addVariant("Capped Tent", { [warehouse]: 0 });
    await db.variantRule.create({ data: { shop: shop().domain, variantId: variant, waitingCap: 3 } });
    shop().setAvailable(variant, warehouse, 0);
    await settle(stack, db);
    expect(variantOf(variant).inventoryPolicy).toBe("CONTINUE");
    order(variant, 2);
    const last = order(variant, 1);
    await settle(stack, db);
    expect(variantOf(variant).inventoryPolicy).toBe("DENY");
    expect(metafield(variantOf(variant), "status")).toBe("sold_out");
    // Shopify refuses the next checkout: DENY at -3.
    expect(() => order(variant, 1)).toThrow();

    shop().cancelOrder(last);
    await settle(stack, db);
    expect(variantOf(variant).inventoryPolicy).toBe("CONTINUE");
    expect(metafield(variantOf(variant), "status")).toBe("backorder");
  });
});

describe("stale deliveries", () => {
  it("ignores an inventory webhook older than what the last sync read, without calling Shopify", async () => {
    const variant = addVariant("Stale Lantern", { [warehouse]: 0 });
    await settle(stack, db);
    const tracked = await db.trackedVariant.findFirstOrThrow({ where: { variantId: variant } });
    expect(tracked.levelsUpdatedAt).not.toBeNull();
    const before = stack.sandbox.adminApiRequests().length;
    const body = JSON.stringify({
      inventory_item_id: Number(tracked.inventoryItemId.split("/").pop()),
      location_id: Number(warehouse.split("/").pop()),
      available: 40,
      updated_at: new Date(tracked.levelsUpdatedAt!.getTime() - 3_600_000).toISOString(),
    });
    const response = await fetch(`${stack.appUrl}/webhooks/inventory_levels/update`, { method: "POST", headers: signedHeaders("inventory_levels/update", body), body });
    expect(response.status).toBe(200);
    await settle(stack, db);
    expect(stack.sandbox.adminApiRequests().length).toBe(before);
    expect(variantOf(variant).inventoryPolicy).toBe("CONTINUE");
  });
});

describe("orders", () => {
  it("holds the newest orders, queues them oldest first, and releases them oldest first as stock comes back", async () => {
    const variant = addVariant("Queue Stove", { [warehouse]: 2 });
    await settle(stack, db);
    const first = order(variant, 2, "first@example.com"); // takes the real stock
    await settle(stack, db); // the app switches the variant to CONTINUE; until then Shopify refuses the next sale
    const second = order(variant, 1, "second@example.com");
    const third = order(variant, 2, "third@example.com");
    await settle(stack, db);

    expect(ourHolds(first)).toHaveLength(0);
    expect(ourHolds(second)).toHaveLength(1);
    expect(ourHolds(third)).toHaveLength(1);
    expect(ourHolds(second)[0]!.reason).toBe("INVENTORY_OUT_OF_STOCK");
    expect(orderOf(second).tags).toContain("backorder");
    expect(metafield(orderOf(third), "ships_on")).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await waitingLines(variant)).map((l) => [l.orderId, l.waitingUnits, l.queuePosition, l.customerEmail])).toEqual([
      [second, 1, 1, "second@example.com"],
      [third, 2, 2, "third@example.com"],
    ]);

    // Two units arrive: the second order (1 unit) ships; the third (2 units) still lacks one.
    shop().receiveStock(variant, warehouse, 2);
    await settle(stack, db);
    expect(ourHolds(second)).toHaveLength(0);
    expect(orderOf(second).tags).not.toContain("backorder");
    expect(ourHolds(third)).toHaveLength(1);
    expect((await waitingLines(variant)).map((l) => [l.orderId, l.waitingUnits, l.queuePosition])).toEqual([[third, 1, 1]]);

    shop().receiveStock(variant, warehouse, 1);
    await settle(stack, db);
    expect(ourHolds(third)).toHaveLength(0);
    expect(await waitingLines(variant)).toEqual([]);
    const lines = await db.backorderLine.findMany({ where: { variantId: variant } });
    expect(lines.map((l) => l.state).sort()).toEqual(["released", "released"]);
    // Exactly once: each order's fulfillment order was held once and released once.
    for (const orderId of [second, third]) {
      const fos = orderOf(orderId).fulfillmentOrders.map((fo) => fo.id);
      const events = holdEvents.filter((e) => fos.includes(e.fulfillmentOrderId)).map((e) => e.topic);
      expect(events, orderId).toEqual(["fulfillment_orders/placed_on_hold", "fulfillment_orders/hold_released"]);
    }
  });

  it("moves the queue up when a waiting order is cancelled or edited down", async () => {
    const variant = addVariant("Cancel Skillet", { [warehouse]: 0 });
    await settle(stack, db);
    const a = order(variant, 1, "a@example.com");
    const b = order(variant, 3, "b@example.com");
    const c = order(variant, 1, "c@example.com");
    await settle(stack, db);
    expect((await waitingLines(variant)).map((l) => l.orderId)).toEqual([a, b, c]);

    shop().cancelOrder(a);
    await settle(stack, db);
    expect((await waitingLines(variant)).map((l) => [l.orderId, l.queuePosition])).toEqual([[b, 1], [c, 2]]);
    expect((await db.backorderLine.findFirstOrThrow({ where: { orderId: a } })).state).toBe("cancelled");

    const bLine = orderOf(b).lineItems[0]!.id;
    shop().editOrderLine(b, bLine, 1);
    await settle(stack, db);
    expect((await waitingLines(variant)).map((l) => [l.orderId, l.waitingUnits])).toEqual([[b, 1], [c, 1]]);

    shop().receiveStock(variant, warehouse, 2);
    await settle(stack, db);
    expect(ourHolds(b)).toHaveLength(0);
    expect(ourHolds(c)).toHaveLength(0);
  });

  it("puts a merchant-prioritised order first", async () => {
    const variant = addVariant("Priority Pack", { [warehouse]: 0 });
    await settle(stack, db);
    const early = order(variant, 1);
    const vip = order(variant, 1);
    await settle(stack, db);
    await db.backorderLine.updateMany({ where: { orderId: vip }, data: { priority: 1 } });
    shop().receiveStock(variant, warehouse, 1);
    await settle(stack, db);
    expect(ourHolds(vip)).toHaveLength(0);
    expect(ourHolds(early)).toHaveLength(1);
  });

  it("in ship-what-you-can mode, holds only the units that wait and leaves the rest to ship", async () => {
    await db.shopSettings.update({ where: { shop: shop().domain }, data: { fulfilmentMode: "ship_available_first" } });
    try {
      const inStock = addVariant("Split Socks", { [warehouse]: 5 });
      // The merchant sells these boots beyond stock themselves.
      const short = addVariant("Split Boots", { [warehouse]: 1 }, { policy: "CONTINUE" });
      await settle(stack, db);
      const orderId = shop().placeOrder({ customer: { email: "split@example.com" }, lines: [{ variantId: inStock, quantity: 1 }, { variantId: short, quantity: 3 }] }).orderId;
      await settle(stack, db);

      const fos = orderOf(orderId).fulfillmentOrders;
      const held = fos.filter((fo) => fo.holds.some((h) => h.handle === "backorder-manager"));
      const open = fos.filter((fo) => fo.status === "OPEN");
      const lineOf = (variantId: string) => orderOf(orderId).lineItems.find((l) => l.variantId === variantId)!.id;
      expect(held).toHaveLength(1);
      expect(held[0]!.lineItems.map((l) => [l.lineItemId, l.remainingQuantity])).toEqual([[lineOf(short), 2]]);
      expect(open.flatMap((fo) => fo.lineItems.map((l) => [l.lineItemId, l.remainingQuantity])).sort()).toEqual([[lineOf(inStock), 1], [lineOf(short), 1]].sort());

      shop().receiveStock(short, warehouse, 2);
      await settle(stack, db);
      expect(ourHolds(orderId)).toHaveLength(0);
      expect((await db.backorderLine.findFirstOrThrow({ where: { orderId } })).state).toBe("released");
    } finally {
      await db.shopSettings.update({ where: { shop: shop().domain }, data: { fulfilmentMode: "hold_release" } });
    }
  });
});
