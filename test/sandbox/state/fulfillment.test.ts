import { describe, expect, it } from "vitest";
import { ShopUserError } from "./errors";
import { createFulfillment, holdFulfillmentOrder, moveFulfillmentOrder, releaseHold } from "./fulfillment";
import { SandboxShop } from "./shop";

function orderedShop() {
  const shop = new SandboxShop({ now: () => Date.parse("2026-11-20T12:00:00Z") });
  const main = shop.addLocation("Main warehouse");
  const store = shop.addLocation("Downtown store");
  const east = shop.addLocation("East fulfilment centre");
  const { variantIds } = shop.addProduct({ title: "Mug", vendor: "K&S", productType: "Drinkware", variants: [{ title: "Default Title", sku: "MUG", price: "18.00", stock: { [main]: 5, [store]: 5 } }] });
  shop.placeOrder({ customer: { email: "a@example.com" }, lines: [{ variantId: variantIds[0]!, quantity: 4 }] });
  shop.routing.routeAll(); // these tests act on the fulfillment orders Shopify routes after the order
  const order = shop.snapshot().orders[0]!;
  const fo = order.fulfillmentOrders[0]!;
  const events: string[] = [];
  shop.onEvent((e) => events.push(e.topic));
  return { shop, main, store, east, foId: fo.id, foLineId: fo.lineItems[0]!.id, variantId: variantIds[0]!, events };
}
const fos = (shop: SandboxShop) => shop.snapshot().orders[0]!.fulfillmentOrders;

describe("fulfillment order holds", () => {
  it("holds, rejects a duplicate handle, and releases back to OPEN", () => {
    const s = orderedShop();
    holdFulfillmentOrder(s.shop, s.foId, { reason: "INVENTORY_OUT_OF_STOCK", reasonNotes: "waiting", handle: "backorder" });
    expect(fos(s.shop)[0]).toMatchObject({ status: "ON_HOLD", holds: [{ handle: "backorder", reason: "INVENTORY_OUT_OF_STOCK" }] });
    expect(() => holdFulfillmentOrder(s.shop, s.foId, { reason: "OTHER", handle: "backorder" })).toThrow(ShopUserError);
    releaseHold(s.shop, s.foId);
    expect(fos(s.shop)[0]).toMatchObject({ status: "OPEN", holds: [] });
    expect(s.events).toEqual(["fulfillment_orders/placed_on_hold", "fulfillment_holds/released", "fulfillment_orders/hold_released"]);
  });

  it("allows at most 10 holds per app", () => {
    const s = orderedShop();
    for (let i = 0; i < 10; i += 1) holdFulfillmentOrder(s.shop, s.foId, { reason: "OTHER", handle: `h${i}` });
    expect(() => holdFulfillmentOrder(s.shop, s.foId, { reason: "OTHER", handle: "h10" })).toThrow(/maximum number/);
  });

  it("a partial hold splits off the rest into an OPEN fulfillment order", () => {
    const s = orderedShop();
    const result = holdFulfillmentOrder(s.shop, s.foId, { reason: "INVENTORY_OUT_OF_STOCK", fulfillmentOrderLineItems: [{ id: s.foLineId, quantity: 1 }] });
    expect(result.remainingFulfillmentOrder).not.toBeNull();
    const [held, rest] = fos(s.shop);
    expect(held).toMatchObject({ status: "ON_HOLD", lineItems: [{ totalQuantity: 1, remainingQuantity: 1 }] });
    expect(rest).toMatchObject({ status: "OPEN", lineItems: [{ totalQuantity: 3, remainingQuantity: 3 }] });
  });
});

describe("move and fulfil", () => {
  it("refuses to move to a location that does not stock the item, moves to one that does", () => {
    const s = orderedShop();
    expect(() => moveFulfillmentOrder(s.shop, s.foId, s.east)).toThrow(/does not stock/);
    moveFulfillmentOrder(s.shop, s.foId, s.store);
    expect(fos(s.shop)[0]!.locationId).toBe(s.store);
    const levels = s.shop.snapshot().variants[0]!.levels;
    expect(levels.find((l) => l.locationId === s.main)).toMatchObject({ committed: 0, available: 5 });
    expect(levels.find((l) => l.locationId === s.store)).toMatchObject({ committed: 4, available: 1 });
  });

  it("refuses to move a held fulfillment order until its hold is released, then emits fulfillment_orders/moved", () => {
    const s = orderedShop();
    holdFulfillmentOrder(s.shop, s.foId, { reason: "INVENTORY_OUT_OF_STOCK", handle: "backorder" });
    expect(() => moveFulfillmentOrder(s.shop, s.foId, s.store)).toThrow(/status on_hold/);
    expect(fos(s.shop)[0]!.locationId).toBe(s.main);
    releaseHold(s.shop, s.foId);
    const result = moveFulfillmentOrder(s.shop, s.foId, s.store);
    expect(result.movedFulfillmentOrder.id).toBe(result.originalFulfillmentOrder.id);
    expect(s.events.at(-1)).toBe("fulfillment_orders/moved");
  });

  it("closes the original when the destination already has an active fulfillment order of the order", () => {
    const s = orderedShop();
    s.shop.placeOrder({ customer: { email: "b@example.com" }, lines: [{ variantId: s.variantId, quantity: 1 }] });
    // A second, partial move puts part of the line at the store first: an active fulfillment order there.
    moveFulfillmentOrder(s.shop, s.foId, s.store, [{ id: s.foLineId, quantity: 1 }]);
    const [original] = fos(s.shop);
    const result = moveFulfillmentOrder(s.shop, s.foId, s.store);
    expect(result.originalFulfillmentOrder.status).toBe("CLOSED");
    expect(result.movedFulfillmentOrder.id).not.toBe(original!.id);
    expect(fos(s.shop).filter((fo) => fo.status !== "CLOSED").every((fo) => fo.locationId === s.store)).toBe(true);
    expect(s.shop.snapshot().variants[0]!.levels.find((l) => l.locationId === s.store)).toMatchObject({ committed: 4 });
  });

  it("refuses to fulfil a held order; fulfilling decrements remaining, committed and on_hand", () => {
    const s = orderedShop();
    holdFulfillmentOrder(s.shop, s.foId, { reason: "OTHER" });
    expect(() => createFulfillment(s.shop, { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: s.foId }] })).toThrow(/unfulfillable status/);
    releaseHold(s.shop, s.foId);
    createFulfillment(s.shop, { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: s.foId, fulfillmentOrderLineItems: [{ id: s.foLineId, quantity: 3 }] }] });
    expect(fos(s.shop)[0]).toMatchObject({ status: "IN_PROGRESS", lineItems: [{ remainingQuantity: 1 }] });
    expect(() => createFulfillment(s.shop, { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: s.foId, fulfillmentOrderLineItems: [{ id: s.foLineId, quantity: 2 }] }] })).toThrow(/exceeds/);
    createFulfillment(s.shop, { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: s.foId }] });
    expect(fos(s.shop)[0]!.status).toBe("CLOSED");
    expect(s.shop.snapshot().variants[0]!.levels.find((l) => l.locationId === s.main)).toMatchObject({ onHand: 1, committed: 0, available: 1 });
  });
});
