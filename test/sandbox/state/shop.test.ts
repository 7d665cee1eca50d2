import { beforeEach, describe, expect, it } from "vitest";
import { SandboxError, type ShopEvent } from "./contract";
import { SandboxShop } from "./shop";

const T0 = Date.parse("2026-11-20T12:00:00Z");

function smallShop() {
  const shop = new SandboxShop({ now: () => T0 });
  const main = shop.addLocation("Main warehouse");
  const store = shop.addLocation("Downtown store");
  const { variantIds } = shop.addProduct({
    title: "Wool Beanie", vendor: "Northwind", productType: "Accessories",
    variants: [
      { title: "Black", sku: "BEANIE-BLK", price: "29.00", inventoryPolicy: "DENY", stock: { [main]: 2, [store]: 3 } },
      { title: "Sand", sku: "BEANIE-SND", price: "29.00", inventoryPolicy: "CONTINUE", stock: { [main]: 1 } },
    ],
  });
  const events: ShopEvent[] = [];
  shop.onEvent((e) => events.push(e));
  return { shop, main, store, deny: variantIds[0]!, cont: variantIds[1]!, events };
}
const customer = { email: "ada@example.com", firstName: "Ada", lastName: "Lovelace" };
const levelOf = (shop: SandboxShop, variantId: string, locationId: string) =>
  shop.snapshot().variants.find((v) => v.id === variantId)!.levels.find((l) => l.locationId === locationId)!;

describe("placeOrder", () => {
  let s: ReturnType<typeof smallShop>;
  beforeEach(() => { s = smallShop(); });

  it("lets a CONTINUE variant go below zero and commits the units", () => {
    s.shop.placeOrder({ customer, lines: [{ variantId: s.cont, quantity: 4 }] });
    expect(levelOf(s.shop, s.cont, s.main)).toMatchObject({ available: -3, committed: 4, onHand: 1 });
  });

  it("refuses the whole order when a DENY line exceeds total available, changing nothing", () => {
    const before = s.shop.snapshot();
    expect(() => s.shop.placeOrder({ customer, lines: [{ variantId: s.cont, quantity: 1 }, { variantId: s.deny, quantity: 6 }] })).toThrow(SandboxError);
    expect(s.shop.snapshot()).toEqual(before);
    expect(s.events).toEqual([]);
  });

  it("picks the first location with enough stock and opens one fulfillment order per location", () => {
    const { orderId, name } = s.shop.placeOrder({ customer, lines: [{ variantId: s.deny, quantity: 3 }, { variantId: s.cont, quantity: 1 }], createdAt: undefined });
    expect(name).toBe("#1001");
    s.shop.routing.routeAll();
    const order = s.shop.snapshot().orders.find((o) => o.id === orderId)!;
    expect(order.fulfillmentOrders.map((fo) => fo.locationId).sort()).toEqual([s.main, s.store].sort());
    expect(order.fulfillmentOrders.every((fo) => fo.status === "OPEN")).toBe(true);
    expect(levelOf(s.shop, s.deny, s.store)).toMatchObject({ available: 0, committed: 3 });
  });

  it("emits orders/create, inventory_levels/update, routing complete and out_of_stock with REST shapes", () => {
    const { orderId } = s.shop.placeOrder({ customer, lines: [{ variantId: s.cont, quantity: 1, properties: { "Backorder": "yes" } }] });
    // Routing comes after the order and its webhook: until then the order has no fulfillment orders, the stock is committed.
    expect(s.events.map((e) => e.topic)).not.toContain("fulfillment_orders/order_routing_complete");
    expect(s.shop.snapshot().orders.find((o) => o.id === orderId)!.fulfillmentOrders).toEqual([]);
    expect(levelOf(s.shop, s.cont, s.main)).toMatchObject({ committed: 1 });
    s.shop.routing.routeAll();
    const topics = s.events.map((e) => e.topic);
    expect(topics.indexOf("fulfillment_orders/order_routing_complete")).toBeGreaterThan(topics.indexOf("orders/create"));
    expect(topics).toEqual(expect.arrayContaining(["orders/create", "inventory_levels/update", "variants/out_of_stock", "fulfillment_orders/order_routing_complete"]));
    const level = s.events.find((e) => e.topic === "inventory_levels/update")!.payload;
    expect(level).toMatchObject({ available: 0, inventory_item_id: expect.any(Number), location_id: Number(s.main.split("/").pop()) });
    expect(level.admin_graphql_api_id).toBe(`gid://shopify/InventoryLevel/${level.location_id}?inventory_item_id=${level.inventory_item_id}`);
    const order = s.events.find((e) => e.topic === "orders/create")!.payload as { id: number; line_items: { properties: unknown; fulfillable_quantity: number }[] };
    expect(order.id).toBeLessThan(2 ** 53);
    expect(order.line_items[0]).toMatchObject({ properties: [{ name: "Backorder", value: "yes" }], fulfillable_quantity: 1 });
    expect(s.events.every((e) => e.triggeredAt === new Date(T0).toISOString())).toBe(true);
  });
});

describe("cancel and edit", () => {
  it("cancel restocks committed units and closes fulfillment orders", () => {
    const s = smallShop();
    const { orderId } = s.shop.placeOrder({ customer, lines: [{ variantId: s.deny, quantity: 5 }] }); // sells out: cancel brings it back in stock
    s.events.length = 0;
    s.shop.cancelOrder(orderId);
    expect(levelOf(s.shop, s.deny, s.main)).toMatchObject({ available: 2, committed: 0 });
    const order = s.shop.snapshot().orders[0]!;
    expect(order.cancelledAt).not.toBeNull();
    expect(order.fulfillmentOrders[0]!.status).toBe("CANCELLED");
    expect(s.events.map((e) => e.topic)).toContain("orders/cancelled");
    expect(s.events.map((e) => e.topic)).toContain("variants/in_stock");
    expect(() => s.shop.cancelOrder(orderId)).toThrow(/already cancelled/);
  });

  it("editOrderLine frees units and shrinks the fulfillment order line", () => {
    const s = smallShop();
    const { orderId } = s.shop.placeOrder({ customer, lines: [{ variantId: s.cont, quantity: 3 }] });
    const lineId = s.shop.snapshot().orders[0]!.lineItems[0]!.id;
    s.shop.editOrderLine(orderId, lineId, 1);
    const order = s.shop.snapshot().orders[0]!;
    expect(order.lineItems[0]).toMatchObject({ quantity: 3, currentQuantity: 1 });
    expect(order.fulfillmentOrders[0]!.lineItems[0]).toMatchObject({ totalQuantity: 1, remainingQuantity: 1 });
    expect(levelOf(s.shop, s.cont, s.main)).toMatchObject({ available: 0, committed: 1 });
    expect(s.events.map((e) => e.topic)).toContain("orders/edited");
    expect(order.edits).toMatchObject([{ notifyCustomer: false, staffNote: null, lineChanges: [{ lineItemId: lineId, delta: -2, restock: true }] }]);
  });
});

describe("incoming stock", () => {
  it("raises incoming, then receiving moves it to on_hand and available", () => {
    const s = smallShop();
    s.shop.receiveIncoming({ variantId: s.deny, locationId: s.main, quantity: 10, arrivesAt: "2026-12-01" });
    expect(levelOf(s.shop, s.deny, s.main)).toMatchObject({ incoming: 10, available: 2 });
    s.shop.receiveStock(s.deny, s.main, 10);
    expect(levelOf(s.shop, s.deny, s.main)).toMatchObject({ incoming: 0, available: 12, onHand: 12 });
  });
});
