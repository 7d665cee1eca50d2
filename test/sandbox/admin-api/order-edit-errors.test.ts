/** Refused order edits answer `userErrors` inside `data` and leave the shop as it was. */
import { beforeEach, describe, expect, it } from "vitest";
import { createFulfillment } from "../state/fulfillment";
import { calculatedLineItem, COMMIT, orderEditFixture, SET } from "./order-edit-fixture";

let f: ReturnType<typeof orderEditFixture>;
beforeEach(() => {
  f = orderEditFixture();
});

const setQuantity = async (id: string, lineItemId: string, quantity: number) => {
  const body = await f.run(SET, { id, lineItemId, quantity, restock: true });
  expect(body.errors).toBeUndefined();
  return body.data.orderEditSetQuantity;
};
const commit = async (id: string) => {
  const body = await f.run(COMMIT, { id });
  expect(body.errors).toBeUndefined();
  return body.data.orderEditCommit;
};

describe("orderEditSetQuantity userErrors", () => {
  it("names the argument that is wrong and stages nothing", async () => {
    const id = await f.begin();
    const line = calculatedLineItem(f.beanieLine);
    expect(await setQuantity("gid://shopify/CalculatedOrder/1", line, 2)).toMatchObject({ calculatedOrder: null, userErrors: [{ field: ["id"], message: "The calculated order does not exist." }] });
    expect((await setQuantity(id, `gid://shopify/LineItem/${f.beanieLine}`, 2)).userErrors).toEqual([
      { field: ["lineItemId"], message: `gid://shopify/LineItem/${f.beanieLine} is not a CalculatedLineItem of this calculated order.` },
    ]);
    expect((await setQuantity(id, calculatedLineItem(999), 2)).userErrors[0].field).toEqual(["lineItemId"]);
    expect((await setQuantity(id, line, -1)).userErrors).toEqual([{ field: ["quantity"], message: "Quantity must be greater than or equal to 0." }]);
    // Nothing was staged by the refusals: the commit changes nothing.
    expect((await commit(id)).userErrors).toEqual([]);
    expect(f.orderState().lineItems[0]!.currentQuantity).toBe(5);
    expect(f.events).toEqual([]);
  });
});

describe("orderEditCommit userErrors", () => {
  it("refuses a second commit of the same edit", async () => {
    const id = await f.begin();
    await setQuantity(id, calculatedLineItem(f.beanieLine), 4);
    expect((await commit(id)).userErrors).toEqual([]);
    expect(await commit(id)).toMatchObject({ order: null, userErrors: [{ field: ["id"], message: expect.stringMatching(/already been committed/) }] });
    expect(await setQuantity(id, calculatedLineItem(f.beanieLine), 3)).toMatchObject({ userErrors: [{ field: ["id"] }] });
    expect(f.orderState().lineItems[0]!.currentQuantity).toBe(4);
    expect(f.events.filter((e) => e.topic === "orders/edited")).toHaveLength(1);
  });

  it("refuses to commit on an order cancelled after the edit began", async () => {
    const id = await f.begin();
    await setQuantity(id, calculatedLineItem(f.beanieLine), 2);
    f.shop.cancelOrder(f.orderId);
    const before = f.shop.snapshot();
    expect((await commit(id)).userErrors).toEqual([{ field: ["id"], message: "Order #1001 is canceled and can't be edited." }]);
    expect(f.shop.snapshot()).toEqual(before);
    expect(f.events.map((e) => e.topic)).not.toContain("orders/edited");
  });

  it("refuses to commit on an order closed after the edit began", async () => {
    const id = await f.begin();
    const fo = f.orderState().fulfillmentOrders[0]!;
    createFulfillment(f.shop, { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id }] });
    expect((await commit(id)).userErrors[0].message).toBe("Order #1001 is closed and can't be edited.");
  });

  it("refuses a stale edit: another edit was committed after it began", async () => {
    const first = await f.begin();
    const second = await f.begin();
    await setQuantity(first, calculatedLineItem(f.beanieLine), 2);
    await setQuantity(second, calculatedLineItem(f.scarfLine), 0);
    expect((await commit(second)).userErrors).toEqual([]);
    const before = f.shop.snapshot();
    expect((await commit(first)).userErrors).toEqual([{ field: ["id"], message: "The order changed after this edit began; begin a new edit." }]);
    expect(f.shop.snapshot()).toEqual(before);
  });

  it("refuses a stale edit: units were fulfilled after it began", async () => {
    const id = await f.begin();
    await setQuantity(id, calculatedLineItem(f.beanieLine), 3);
    const fo = f.orderState().fulfillmentOrders[0]!;
    const beanieFoLine = f.foLineOf(f.beanieLine).id;
    createFulfillment(f.shop, { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id, fulfillmentOrderLineItems: [{ id: beanieFoLine, quantity: 1 }] }] });
    expect((await commit(id)).userErrors[0].message).toMatch(/changed after this edit began/);
    expect(f.orderState().lineItems[0]!.currentQuantity).toBe(5);
  });
});
