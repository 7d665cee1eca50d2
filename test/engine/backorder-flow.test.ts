/**
 * The back-order engine end to end: the sandbox shop changes, real signed
 * webhooks reach the built app, its worker calls the sandbox's Admin API, and
 * the test reads the result back from the shop and the app's database.
 */
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { TEST_APP } from "../support/stack";
import { stackForThisFile } from "../support/installed-stack";
import { storyIn, backorderMetafield as metafield } from "../support/shop-story";
import { ADMIN_API_VERSION } from "../../app/api-version";

let warehouse: string;
/** Every hold placed and released in the shop, by fulfillment order. */
const holdEvents: { topic: string; fulfillmentOrderId: string }[] = [];

const t = stackForThisFile();
const shop = t.shop;
const { variantOf, orderOf, ourHolds, addVariant, buy } = storyIn(shop);

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
  return t.db.backorderLine.findMany({ where: { variantId, state: "waiting", waitingUnits: { gt: 0 } }, orderBy: { queuePosition: "asc" } });
}

beforeAll(() => {
  shop().onEvent((event) => {
    if (event.topic.endsWith("placed_on_hold") || event.topic.endsWith("hold_released")) holdEvents.push({ topic: event.topic, fulfillmentOrderId: (event.payload.fulfillment_order as { id: string }).id });
  });
  warehouse = shop().addLocation("Warehouse");
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
    await t.db.job.updateMany({ where: { kind: "reconcile" }, data: { status: "pending", runAfter: new Date() } });
    await t.settle();
    expect(definitions()).toHaveLength(4);
  });
});

describe("marking variants", () => {
  it("turns an in-scope variant that sells out into a back-order, and back when stock returns", async () => {
    const variant = addVariant("Sell Out Lamp", warehouse, 1);
    await t.settle();
    expect(variantOf(variant).inventoryPolicy).toBe("DENY");

    buy(variant, "Ada");
    await t.settle();
    expect(variantOf(variant).inventoryPolicy).toBe("CONTINUE");
    expect(metafield(variantOf(variant), "status")).toBe("backorder");
    expect(metafield(variantOf(variant), "ships_on")).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const tracked = await t.db.trackedVariant.findFirstOrThrow({ where: { variantId: variant } });
    expect(tracked).toMatchObject({ merchantPolicy: "DENY", status: "backorder", sellable: 0 });

    shop().setAvailable(variant, warehouse, 5);
    await t.settle();
    expect(variantOf(variant).inventoryPolicy).toBe("DENY");
    expect(metafield(variantOf(variant), "status")).toBeNull();
    const activity = await t.db.activity.findMany({ where: { subject: variant, kind: "variant.policy" } });
    expect(activity.map((a) => JSON.parse(a.details!).to)).toEqual(["CONTINUE", "DENY"]);
    expect(activity.every((a) => a.source !== null)).toBe(true);
  });

  it("never touches untracked items, excluded variants or a merchant's own CONTINUE", async () => {
    const untracked = shop().addProduct({ title: "Gift Wrap", vendor: "V", productType: "Gear", variants: [{ title: "Default Title", sku: "GIFT-WRAP", price: "20.00", tracked: false }] }).variantIds[0]!;
    const own = addVariant("Preorder Kettle", warehouse, 0, "CONTINUE");
    const excluded = addVariant("Excluded Mug", warehouse, 0);
    await t.db.variantRule.create({ data: { shop: shop().domain, variantId: excluded, override: "never" } });
    buy(own, "Ada", 2);
    buy(untracked, "Ada");
    shop().setAvailable(excluded, warehouse, 0);
    await t.settle();

    expect(variantOf(untracked).inventoryPolicy).toBe("DENY");
    expect(variantOf(excluded).inventoryPolicy).toBe("DENY");
    expect(metafield(variantOf(excluded), "status")).toBeNull();
    expect(variantOf(own).inventoryPolicy).toBe("CONTINUE");
    // The merchant chose CONTINUE: still back-ordered for the storefront, and restored as CONTINUE.
    shop().setAvailable(own, warehouse, 10);
    await t.settle();
    expect(variantOf(own).inventoryPolicy).toBe("CONTINUE");
    expect((await t.db.trackedVariant.findFirstOrThrow({ where: { variantId: own } })).merchantPolicy).toBe("CONTINUE");
  });

  it("stops selling when the waiting units reach the cap, and sells again when one is cancelled", async () => {
    const variant = addVariant("Capped Tent", warehouse, 0);
    await t.db.variantRule.create({ data: { shop: shop().domain, variantId: variant, waitingCap: 3 } });
    shop().setAvailable(variant, warehouse, 0);
    await t.settle();
    expect(variantOf(variant).inventoryPolicy).toBe("CONTINUE");
    buy(variant, "Ada", 2);
    const last = buy(variant, "Ada");
    await t.settle();
    expect(variantOf(variant).inventoryPolicy).toBe("DENY");
    expect(metafield(variantOf(variant), "status")).toBe("sold_out");
    // Shopify refuses the next checkout: DENY at -3.
    expect(() => buy(variant, "Ada")).toThrow();

    shop().cancelOrder(last);
    await t.settle();
    expect(variantOf(variant).inventoryPolicy).toBe("CONTINUE");
    expect(metafield(variantOf(variant), "status")).toBe("backorder");
  });
});

describe("stale deliveries", () => {
  it("ignores an inventory webhook older than what the last sync read, without calling Shopify", async () => {
    const variant = addVariant("Stale Lantern", warehouse, 0);
    await t.settle();
    const tracked = await t.db.trackedVariant.findFirstOrThrow({ where: { variantId: variant } });
    expect(tracked.levelsUpdatedAt).not.toBeNull();
    const before = t.stack.sandbox.adminApiRequests().length;
    const body = JSON.stringify({
      inventory_item_id: Number(tracked.inventoryItemId.split("/").pop()),
      location_id: Number(warehouse.split("/").pop()),
      available: 40,
      updated_at: new Date(tracked.levelsUpdatedAt!.getTime() - 3_600_000).toISOString(),
    });
    const response = await fetch(`${t.stack.appUrl}/webhooks/inventory_levels/update`, { method: "POST", headers: signedHeaders("inventory_levels/update", body), body });
    expect(response.status).toBe(200);
    await t.settle();
    expect(t.stack.sandbox.adminApiRequests().length).toBe(before);
    expect(variantOf(variant).inventoryPolicy).toBe("CONTINUE");
  });
});

describe("orders", () => {
  it("holds the newest orders, queues them oldest first, and releases them oldest first as stock comes back", async () => {
    const variant = addVariant("Queue Stove", warehouse, 2);
    await t.settle();
    const first = buy(variant, "First", 2); // takes the real stock
    await t.settle(); // the app switches the variant to CONTINUE; until then Shopify refuses the next sale
    const second = buy(variant, "Second");
    const third = buy(variant, "Third", 2);
    await t.settle();

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
    await t.settle();
    expect(ourHolds(second)).toHaveLength(0);
    expect(orderOf(second).tags).not.toContain("backorder");
    expect(ourHolds(third)).toHaveLength(1);
    expect((await waitingLines(variant)).map((l) => [l.orderId, l.waitingUnits, l.queuePosition])).toEqual([[third, 1, 1]]);

    shop().receiveStock(variant, warehouse, 1);
    await t.settle();
    expect(ourHolds(third)).toHaveLength(0);
    expect(await waitingLines(variant)).toEqual([]);
    const lines = await t.db.backorderLine.findMany({ where: { variantId: variant } });
    expect(lines.map((l) => l.state).sort()).toEqual(["released", "released"]);
    // Exactly once: each order's fulfillment order was held once and released once.
    for (const orderId of [second, third]) {
      const fos = orderOf(orderId).fulfillmentOrders.map((fo) => fo.id);
      const events = holdEvents.filter((e) => fos.includes(e.fulfillmentOrderId)).map((e) => e.topic);
      expect(events, orderId).toEqual(["fulfillment_orders/placed_on_hold", "fulfillment_orders/hold_released"]);
    }
  });

  it("moves the queue up when a waiting order is cancelled or edited down", async () => {
    const variant = addVariant("Cancel Skillet", warehouse, 0);
    await t.settle();
    const a = buy(variant, "A");
    const b = buy(variant, "B", 3);
    const c = buy(variant, "C");
    await t.settle();
    expect((await waitingLines(variant)).map((l) => l.orderId)).toEqual([a, b, c]);

    shop().cancelOrder(a);
    await t.settle();
    expect((await waitingLines(variant)).map((l) => [l.orderId, l.queuePosition])).toEqual([[b, 1], [c, 2]]);
    expect((await t.db.backorderLine.findFirstOrThrow({ where: { orderId: a } })).state).toBe("cancelled");

    const bLine = orderOf(b).lineItems[0]!.id;
    shop().editOrderLine(b, bLine, 1);
    await t.settle();
    expect((await waitingLines(variant)).map((l) => [l.orderId, l.waitingUnits])).toEqual([[b, 1], [c, 1]]);

    shop().receiveStock(variant, warehouse, 2);
    await t.settle();
    expect(ourHolds(b)).toHaveLength(0);
    expect(ourHolds(c)).toHaveLength(0);
  });

  it("puts a merchant-prioritised order first", async () => {
    const variant = addVariant("Priority Pack", warehouse, 0);
    await t.settle();
    const early = buy(variant, "Ada");
    const vip = buy(variant, "Ada");
    await t.settle();
    await t.db.backorderLine.updateMany({ where: { orderId: vip }, data: { priority: 1 } });
    shop().receiveStock(variant, warehouse, 1);
    await t.settle();
    expect(ourHolds(vip)).toHaveLength(0);
    expect(ourHolds(early)).toHaveLength(1);
  });

  it("in ship-what-you-can mode, holds only the units that wait and leaves the rest to ship", async () => {
    await t.db.shopSettings.update({ where: { shop: shop().domain }, data: { fulfilmentMode: "ship_available_first" } });
    try {
      const inStock = addVariant("Split Socks", warehouse, 5);
      // The merchant sells these boots beyond stock themselves.
      const short = addVariant("Split Boots", warehouse, 1, "CONTINUE");
      await t.settle();
      const orderId = shop().placeOrder({ customer: { email: "split@example.com" }, lines: [{ variantId: inStock, quantity: 1 }, { variantId: short, quantity: 3 }] }).orderId;
      await t.settle();

      const fos = orderOf(orderId).fulfillmentOrders;
      const held = fos.filter((fo) => fo.holds.some((h) => h.handle === "backorder-manager"));
      const open = fos.filter((fo) => fo.status === "OPEN");
      const lineOf = (variantId: string) => orderOf(orderId).lineItems.find((l) => l.variantId === variantId)!.id;
      expect(held).toHaveLength(1);
      expect(held[0]!.lineItems.map((l) => [l.lineItemId, l.remainingQuantity])).toEqual([[lineOf(short), 2]]);
      expect(open.flatMap((fo) => fo.lineItems.map((l) => [l.lineItemId, l.remainingQuantity])).sort()).toEqual([[lineOf(inStock), 1], [lineOf(short), 1]].sort());

      shop().receiveStock(short, warehouse, 2);
      await t.settle();
      expect(ourHolds(orderId)).toHaveLength(0);
      expect((await t.db.backorderLine.findFirstOrThrow({ where: { orderId } })).state).toBe("released");
    } finally {
      await t.db.shopSettings.update({ where: { shop: shop().domain }, data: { fulfilmentMode: "hold_release" } });
    }
  });
});
