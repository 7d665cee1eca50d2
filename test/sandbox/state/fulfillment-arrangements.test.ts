import { describe, expect, it } from "vitest";
import { createAdminApi } from "../admin-api/execute";
import { createFulfillment, holdFulfillmentOrder, SUPPORTED_ACTIONS } from "./fulfillment";
import { SandboxShop } from "./shop";

function shopWithOrder(lines: number) {
  const shop = new SandboxShop({ now: () => Date.parse("2026-11-20T12:00:00Z") });
  const main = shop.addLocation("Main warehouse");
  const variants = Array.from({ length: lines }, (_, i) => ({ title: `Size ${i}`, sku: `CUP-${i}`, price: "5.00", stock: { [main]: 5 } }));
  const { variantIds } = shop.addProduct({ title: "Cup", vendor: "V", productType: "Drinkware", variants });
  const { orderId } = shop.placeOrder({ customer: { email: "a@example.com" }, lines: variantIds.map((variantId) => ({ variantId, quantity: 1 })) });
  shop.routing.routeAll(); // these tests act on the fulfillment orders Shopify routes after the order
  const fos = () => shop.snapshot().orders[0]!.fulfillmentOrders;
  return { shop, orderId, fos };
}

const FULFILLMENT_ORDER_PAGE = `query($id: ID!, $after: String, $displayable: Boolean) {
  order(id: $id) { fulfillmentOrders(first: 2, after: $after, displayable: $displayable) { pageInfo { hasNextPage endCursor } nodes { id status } } }
}`;

describe("the merchant's split and merge", () => {
  it("splits lines off an open fulfillment order, and merges them back, closing the merged one hidden", () => {
    const s = shopWithOrder(3);
    const [first] = s.fos();
    const split = s.shop.splitFulfillmentOrder(first!.id, [{ id: first!.lineItems[0]!.id, quantity: 1 }]);
    expect(s.fos().map((fo) => fo.lineItems.length)).toEqual([2, 1]);
    expect(() => s.shop.splitFulfillmentOrder(split, [{ id: s.fos()[1]!.lineItems[0]!.id, quantity: 1 }])).toThrow(/must leave something/);
    s.shop.mergeFulfillmentOrders([split, first!.id]);
    expect(s.fos()).toMatchObject([{ status: "CLOSED", lineItems: [] }, { status: "OPEN", lineItems: [{}, {}, {}] }]);
  });

  it("refuses to split a held fulfillment order", () => {
    const s = shopWithOrder(2);
    const [first] = s.fos();
    holdFulfillmentOrder(s.shop, first!.id, { reason: "OTHER" });
    expect(() => s.shop.splitFulfillmentOrder(first!.id, [{ id: first!.lineItems[0]!.id, quantity: 1 }])).toThrow(/on_hold/);
  });

  it("pages fulfillment orders, hidden ones included unless displayable: true", async () => {
    const s = shopWithOrder(4);
    const [first] = s.fos();
    const splits = first!.lineItems.slice(0, 3).map((line) => s.shop.splitFulfillmentOrder(first!.id, [{ id: line.id, quantity: 1 }]));
    s.shop.mergeFulfillmentOrders([splits[2]!, first!.id]);
    const api = createAdminApi(s.shop);
    const readAll = async (displayable: boolean) => {
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const body = (await api.execute({ query: FULFILLMENT_ORDER_PAGE, variables: { id: s.orderId, after, displayable } })).body as { data: { order: { fulfillmentOrders: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: { id: string; status: string }[] } } } };
        const page = body.data.order.fulfillmentOrders;
        seen.push(...page.nodes.map((fo) => fo.status));
        if (!page.pageInfo.hasNextPage) return seen;
        after = page.pageInfo.endCursor;
      }
    };
    expect(await readAll(false)).toEqual(["CLOSED", "OPEN", "OPEN", "OPEN"]);
    expect(await readAll(true)).toEqual(["OPEN", "OPEN", "OPEN"]);
  });

  it("lets the merchant release every hold on a fulfillment order, the app's too", () => {
    const s = shopWithOrder(1);
    const [first] = s.fos();
    holdFulfillmentOrder(s.shop, first!.id, { reason: "INVENTORY_OUT_OF_STOCK", handle: "backorder-manager" });
    holdFulfillmentOrder(s.shop, first!.id, { reason: "OTHER", handle: "other" });
    const events: string[] = [];
    s.shop.onEvent((event) => events.push(event.topic));
    s.shop.releaseHoldsInAdmin(first!.id);
    expect(s.fos()[0]).toMatchObject({ status: "OPEN", holds: [] });
    expect(events).toContain("fulfillment_orders/hold_released");
  });
});

describe("holds follow supportedActions", () => {
  it("accepts a hold exactly where HOLD is listed: open and held, not scheduled nor in progress", () => {
    const scheduled = shopWithOrder(1);
    scheduled.shop.scheduleFulfillmentOrder(scheduled.fos()[0]!.id);
    expect(() => holdFulfillmentOrder(scheduled.shop, scheduled.fos()[0]!.id, { reason: "OTHER" })).toThrow(/scheduled/);
    scheduled.shop.openFulfillmentOrder(scheduled.fos()[0]!.id);
    holdFulfillmentOrder(scheduled.shop, scheduled.fos()[0]!.id, { reason: "OTHER", handle: "a" });
    holdFulfillmentOrder(scheduled.shop, scheduled.fos()[0]!.id, { reason: "OTHER", handle: "b" });
    expect(scheduled.fos()[0]!.holds).toHaveLength(2);

    const started = shopWithOrder(2);
    const [fo] = started.fos();
    createFulfillment(started.shop, { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo!.id, fulfillmentOrderLineItems: [{ id: fo!.lineItems[0]!.id, quantity: 1 }] }] });
    expect(started.fos()[0]!.status).toBe("IN_PROGRESS");
    expect(() => holdFulfillmentOrder(started.shop, fo!.id, { reason: "OTHER" })).toThrow(/in_progress/);
    expect(SUPPORTED_ACTIONS.IN_PROGRESS).not.toContain("HOLD");
    expect(SUPPORTED_ACTIONS.SCHEDULED).not.toContain("HOLD");
  });
});
