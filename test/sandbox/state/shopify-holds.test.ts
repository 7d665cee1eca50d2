import { afterEach, describe, expect, it } from "vitest";
import { holdFulfillmentOrder, releaseHold } from "./fulfillment";
import { SandboxShop } from "./shop";

let shop: SandboxShop;
afterEach(() => shop.shopifyHoldTimers.stop());

/** An order placed with Shopify's post-purchase hold, routed; Shopify lifts the hold after `releaseAfterMs`. */
function heldByShopify(releaseAfterMs = 600_000) {
  shop = new SandboxShop();
  const main = shop.addLocation("Main warehouse");
  const { variantIds } = shop.addProduct({ title: "Mug", vendor: "K&S", productType: "Drinkware", variants: [{ title: "Default Title", sku: "MUG", price: "18.00", stock: { [main]: 5 } }] });
  const events: { topic: string; payload: Record<string, unknown> }[] = [];
  shop.onEvent((event) => events.push(event));
  const { orderId } = shop.placeOrder({ customer: { email: "a@example.com" }, lines: [{ variantId: variantIds[0]!, quantity: 1 }], shopifyHold: { releaseAfterMs } });
  shop.routing.routeAll();
  const fo = () => shop.snapshot().orders.find((order) => order.id === orderId)!.fulfillmentOrders[0]!;
  const topics = () => events.map((event) => event.topic).filter((topic) => topic.startsWith("fulfillment") || topic === "orders/create");
  return { orderId, fo, topics };
}

describe("a hold Shopify places on a new order", () => {
  it("comes with routing: the fulfillment order is on hold for a post-purchase upsell, and says so by webhook", () => {
    const s = heldByShopify();
    expect(s.fo()).toMatchObject({ status: "ON_HOLD", holds: [{ handle: null, reason: "ONLINE_STORE_POST_PURCHASE_CROSS_SELL" }] });
    expect(s.topics()).toEqual(["orders/create", "fulfillment_orders/order_routing_complete", "fulfillment_orders/placed_on_hold"]);
  });

  it("is not the app's to release, and the app may hold the order beside it", () => {
    const s = heldByShopify();
    expect(() => releaseHold(shop, s.fo().id)).toThrow(/doesn't have access/);
    expect(() => releaseHold(shop, s.fo().id, [s.fo().holds[0]!.id])).toThrow(/doesn't have access/);
    const ours = holdFulfillmentOrder(shop, s.fo().id, { reason: "INVENTORY_OUT_OF_STOCK", handle: "backorder" }).fulfillmentHold;
    expect(s.fo().holds).toHaveLength(2);
    releaseHold(shop, s.fo().id, [`gid://shopify/FulfillmentHold/${ours.id}`]);
    expect(s.fo()).toMatchObject({ status: "ON_HOLD", holds: [{ reason: "ONLINE_STORE_POST_PURCHASE_CROSS_SELL" }] });
  });

  it("is lifted by Shopify: fulfillment_holds/released for the hold, hold_released only once nothing holds the order", () => {
    const s = heldByShopify();
    holdFulfillmentOrder(shop, s.fo().id, { reason: "INVENTORY_OUT_OF_STOCK", handle: "backorder" });
    shop.releaseShopifyHolds(s.orderId);
    expect(s.fo()).toMatchObject({ status: "ON_HOLD", holds: [{ handle: "backorder" }] });
    expect(s.topics().slice(3)).toEqual(["fulfillment_holds/released"]);

    const alone = heldByShopify();
    shop.releaseShopifyHolds(alone.orderId);
    expect(alone.fo()).toMatchObject({ status: "OPEN", holds: [] });
    expect(alone.topics().slice(3)).toEqual(["fulfillment_holds/released", "fulfillment_orders/hold_released"]);
  });

  it("runs out by itself after its time", async () => {
    const s = heldByShopify(20);
    expect(s.fo().status).toBe("ON_HOLD");
    await expect.poll(() => s.fo().status, { timeout: 5_000 }).toBe("OPEN");
    expect(s.topics()).toContain("fulfillment_orders/hold_released");
  });
});
