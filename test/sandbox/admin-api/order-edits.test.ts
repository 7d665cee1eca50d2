import { beforeEach, describe, expect, it } from "vitest";
import { createFulfillment } from "../state/fulfillment";
import { BEGIN, calculatedLineItem as calculated, COMMIT, orderEditFixture, SET } from "./order-edit-fixture";

let f: ReturnType<typeof orderEditFixture>;
beforeEach(() => {
  f = orderEditFixture();
});

describe("orderEditBegin", () => {
  it("answers a calculated order with CalculatedLineItem ids numbered as the line items, changing nothing", async () => {
    const before = f.shop.snapshot();
    const body = await f.run(BEGIN, { id: f.orderId });
    const { calculatedOrder, orderEditSession, userErrors } = body.data.orderEditBegin;
    expect(userErrors).toEqual([]);
    expect(calculatedOrder.id).toMatch(/^gid:\/\/shopify\/CalculatedOrder\/\d+$/);
    expect(orderEditSession.id).toMatch(/^gid:\/\/shopify\/OrderEditSession\/\d+$/);
    expect(calculatedOrder.originalOrder.id).toBe(f.orderId);
    expect(calculatedOrder.lineItems.nodes).toEqual([
      { id: calculated(f.beanieLine), quantity: 5, editableQuantity: 5, variant: { id: before.orders[0]!.lineItems[0]!.variantId } },
      { id: calculated(f.scarfLine), quantity: 1, editableQuantity: 1, variant: { id: before.orders[0]!.lineItems[1]!.variantId } },
    ]);
    // 10 for the mutation + calculatedOrder 1 + originalOrder 1 + lineItems (2 + 10 × (1 + variant 1)) + session 1 + userErrors 1
    expect(body.extensions.cost.requestedQueryCost).toBe(36);
    expect(f.shop.snapshot()).toEqual(before);
    expect(f.events).toEqual([]);
  });

  it("refuses an unknown or cancelled order with userErrors", async () => {
    const unknown = await f.run(BEGIN, { id: "gid://shopify/Order/1" });
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data.orderEditBegin).toMatchObject({ calculatedOrder: null, userErrors: [{ field: ["id"] }] });
    f.shop.cancelOrder(f.orderId);
    const cancelled = await f.run(BEGIN, { id: f.orderId });
    expect(cancelled.data.orderEditBegin.userErrors[0].message).toMatch(/canceled/);
  });
});

describe("cancelling a line's waiting units", () => {
  it("stages on the calculated order only, then the commit applies it to the line, fulfillment order and stock", async () => {
    const id = await f.begin();
    const set = await f.run(SET, { id, lineItemId: calculated(f.beanieLine), quantity: 2, restock: true });
    expect(set.data.orderEditSetQuantity).toMatchObject({
      calculatedLineItem: { id: calculated(f.beanieLine), quantity: 2, editableQuantity: 2, restocking: true, stagedChanges: [{ __typename: "OrderStagedChangeDecrementItem", delta: 3, restock: true }] },
      calculatedOrder: { subtotalLineItemsQuantity: 3, totalOutstandingSet: { shopMoney: { amount: "-87.00" } } },
      userErrors: [],
    });
    expect(f.orderState().lineItems[0]!.currentQuantity).toBe(5);
    expect(f.level("BEANIE")).toMatchObject({ committed: 5, available: -3 });
    expect(f.events).toEqual([]);

    f.clock.now += 60_000;
    const commit = await f.run(COMMIT, { id, notify: true, note: "Back-order cancelled by the merchant" });
    expect(commit.data.orderEditCommit).toMatchObject({
      order: { id: f.orderId, updatedAt: "2026-11-20T12:01:00.000Z", edited: true, lineItems: { nodes: [{ currentQuantity: 2, unfulfilledQuantity: 2 }, { currentQuantity: 1 }] } },
      userErrors: [],
    });
    expect(f.foLineOf(f.beanieLine)).toMatchObject({ totalQuantity: 2, remainingQuantity: 2 });
    expect(f.level("BEANIE")).toMatchObject({ onHand: 2, committed: 2, available: 0 });
    expect(f.level("SCARF")).toMatchObject({ committed: 1, available: 2 });
  });

  it("sends orders/edited naming the removal and the notes, then orders/updated, and keeps the edit on the order", async () => {
    const id = await f.begin();
    await f.run(SET, { id, lineItemId: calculated(f.beanieLine), quantity: 2, restock: true });
    await f.run(COMMIT, { id, notify: true, note: "Back-order cancelled" });
    expect(f.events.map((e) => e.topic).filter((t) => t.startsWith("orders/"))).toEqual(["orders/edited", "orders/updated"]);
    expect(f.events.map((e) => e.topic)).toContain("inventory_levels/update");
    const edited = f.events.find((e) => e.topic === "orders/edited")!.payload.order_edit as Record<string, unknown>;
    expect(edited).toMatchObject({
      order_id: f.shop.orderOrThrow(f.orderId).id,
      notify_customer: true,
      staff_note: "Back-order cancelled",
      line_items: { additions: [], removals: [{ id: f.beanieLine, delta: 3 }] },
    });
    const updated = f.events.find((e) => e.topic === "orders/updated")!.payload as { line_items: { id: number; current_quantity: number; fulfillable_quantity: number }[] };
    expect(updated.line_items.find((l) => l.id === f.beanieLine)).toMatchObject({ current_quantity: 2, fulfillable_quantity: 2 });
    expect(f.orderState().edits).toEqual([
      { id: edited.id, committedAt: "2026-11-20T12:00:00.000Z", notifyCustomer: true, staffNote: "Back-order cancelled", lineChanges: [{ lineItemId: `gid://shopify/LineItem/${f.beanieLine}`, delta: -3, restock: true }] },
    ]);
  });

  it("without restock the units leave on_hand with their commitment, so available does not move", async () => {
    const id = await f.begin();
    const set = await f.run(SET, { id, lineItemId: calculated(f.beanieLine), quantity: 4 });
    expect(set.data.orderEditSetQuantity.calculatedLineItem.restocking).toBe(false);
    await f.run(COMMIT, { id });
    expect(f.level("BEANIE")).toMatchObject({ onHand: 1, committed: 4, available: -3 });
    expect(f.orderState().edits[0]).toMatchObject({ notifyCustomer: false, staffNote: null, lineChanges: [{ delta: -1, restock: false }] });
  });

  it("on a partly fulfilled line only the unfulfilled units can go", async () => {
    const fo = f.orderState().fulfillmentOrders[0]!;
    createFulfillment(f.shop, { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id, fulfillmentOrderLineItems: [{ id: f.foLineOf(f.beanieLine).id, quantity: 2 }] }] });
    const id = await f.begin();
    const tooFew = await f.run(SET, { id, lineItemId: calculated(f.beanieLine), quantity: 1, restock: true });
    expect(tooFew.data.orderEditSetQuantity).toMatchObject({ calculatedLineItem: null, userErrors: [{ field: ["quantity"] }] });
    await f.run(SET, { id, lineItemId: calculated(f.beanieLine), quantity: 2, restock: true });
    await f.run(SET, { id, lineItemId: calculated(f.scarfLine), quantity: 0, restock: true });
    expect((await f.run(COMMIT, { id })).data.orderEditCommit.userErrors).toEqual([]);
    expect(f.foLineOf(f.beanieLine)).toMatchObject({ totalQuantity: 2, remainingQuantity: 0 });
    expect(f.level("BEANIE")).toMatchObject({ onHand: 0, committed: 0, available: 0 });
    // Nothing is left to ship, so the fulfillment order is done.
    expect(f.orderState().fulfillmentOrders[0]!.status).toBe("CLOSED");
  });

  it("accepts the OrderEditSession id wherever the CalculatedOrder id goes", async () => {
    const body = await f.run(BEGIN, { id: f.orderId });
    const sessionId = body.data.orderEditBegin.orderEditSession.id;
    expect((await f.run(SET, { id: sessionId, lineItemId: calculated(f.beanieLine), quantity: 3, restock: true })).data.orderEditSetQuantity.userErrors).toEqual([]);
    const node = await f.run(`query($id: ID!) { node(id: $id) { ... on CalculatedOrder { lineItems(first: 5, query: "editable:true") { nodes { quantity } } } } }`, { id: body.data.orderEditBegin.calculatedOrder.id });
    expect(node.data.node.lineItems.nodes).toEqual([{ quantity: 3 }, { quantity: 1 }]);
    expect((await f.run(COMMIT, { id: sessionId })).data.orderEditCommit.userErrors).toEqual([]);
    expect(f.orderState().lineItems[0]!.currentQuantity).toBe(3);
  });
});

describe("adding units", () => {
  it("refuses more of a DENY variant than is available, commits what fits as an addition", async () => {
    const id = await f.begin();
    const tooMany = await f.run(SET, { id, lineItemId: calculated(f.scarfLine), quantity: 4 });
    expect(tooMany.data.orderEditSetQuantity.userErrors).toEqual([{ field: ["quantity"], message: "Only 2 more of SCARF are available." }]);
    await f.run(SET, { id, lineItemId: calculated(f.scarfLine), quantity: 3 });
    await f.run(COMMIT, { id });
    expect(f.level("SCARF")).toMatchObject({ committed: 3, available: 0 });
    expect(f.foLineOf(f.scarfLine)).toMatchObject({ totalQuantity: 3, remainingQuantity: 3 });
    const edited = f.events.find((e) => e.topic === "orders/edited")!.payload.order_edit as { line_items: unknown };
    expect(edited.line_items).toEqual({ additions: [{ id: f.scarfLine, delta: 2 }], removals: [] });
  });
});
