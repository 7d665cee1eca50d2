/**
 * Real-store edge cases around the app's holds: a renamed SKU, a merchant who releases a hold in
 * Shopify admin, fulfillment orders Shopify will not split, in progress or scheduled.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { enqueueJob } from "../../app/jobs/job-queue.server";
import { createFulfillment, holdFulfillmentOrder, releaseHold } from "../sandbox/state/fulfillment";
import { stackForThisFile } from "../support/installed-stack";
import { storyIn } from "../support/shop-story";

// A refused write fails its job at once (a dead letter), instead of retrying for minutes.
const t = stackForThisFile({ env: { BACKORDER_WORKER_MAX_ATTEMPTS: "1" } });
const shop = t.shop;
const story = storyIn(shop);
const { ourHolds, addVariant, buy, orderOf } = story;
let warehouse: string;

beforeAll(() => {
  warehouse = shop().addLocation("Warehouse");
});

const backOrderedVariant = (title: string) => story.backOrderedVariant(title, warehouse, t.settle);

/** The order's next sync, as any later change to its lines or the periodic resync brings it. */
async function syncOrderAgain(orderId: string): Promise<void> {
  await enqueueJob(t.db, { shop: shop().domain, kind: "sync-order", subject: orderId }, { source: "schedule" });
  await t.settle();
}

const waitingOrders = async (variantId: string) =>
  (await t.db.backorderLine.findMany({ where: { variantId, state: "waiting", waitingUnits: { gt: 0 } }, orderBy: { queuePosition: "asc" } })).map((line) => line.orderId);

describe("a renamed SKU", () => {
  it("keeps the orders sold under the old SKU waiting and held", async () => {
    const lamp = await backOrderedVariant("Renamed Lamp");
    const ada = buy(lamp, "Ada");
    const bram = buy(lamp, "Bram");
    await t.settle();
    expect(await waitingOrders(lamp)).toEqual([ada, bram]);

    shop().changeSku(lamp, "LAMP-2027");
    const cara = buy(lamp, "Cara");
    await t.settle();
    expect(await waitingOrders(lamp)).toEqual([ada, bram, cara]);
    expect([ada, bram, cara].map((order) => ourHolds(order).length)).toEqual([1, 1, 1]);

    // Moved to the front, Bram's order is first in the queue, not gone from it.
    expect((await t.request("/app/orders.data", { method: "POST", fields: { intent: "front", orderId: bram } })).status).toBe(200);
    await t.settle();
    expect(await waitingOrders(lamp)).toEqual([bram, ada, cara]);
    expect([ada, bram, cara].map((order) => ourHolds(order).length)).toEqual([1, 1, 1]);
  });
});

describe("a hold the merchant releases in Shopify admin", () => {
  it("is recorded and respected: the order is not held again and leaves the queue", async () => {
    const stool = await backOrderedVariant("Released Stool");
    const ada = buy(stool, "Ada");
    const bram = buy(stool, "Bram");
    await t.settle();
    expect(ourHolds(ada)).toHaveLength(1);

    shop().releaseHoldsInAdmin(orderOf(ada).fulfillmentOrders[0]!.id);
    await syncOrderAgain(ada);

    expect(ourHolds(ada)).toHaveLength(0);
    expect(await t.db.backorderLine.findFirstOrThrow({ where: { orderId: ada } })).toMatchObject({ merchantAction: "released", waitingUnits: 0 });
    expect(await waitingOrders(stool)).toEqual([bram]);
    const activity = await t.db.activity.findMany({ where: { subject: ada, kind: "order.released_in_shopify" } });
    expect(activity).toHaveLength(1);

    // Ada's order ships as the merchant chose; once units for both arrive, Bram's is released and Ada's never held again.
    shop().receiveStock(stool, warehouse, 2);
    await t.settle();
    await syncOrderAgain(ada);
    expect(ourHolds(ada)).toHaveLength(0);
    expect(ourHolds(bram)).toHaveLength(0);
  });
});

describe("a fulfillment order Shopify cannot split (FULFILLMENT_ORDER_NOT_SPLITTABLE)", () => {
  it("is held whole while another app holds it, and split once that hold is gone: the in-stock line ships", async () => {
    await t.db.shopSettings.update({ where: { shop: shop().domain }, data: { fulfilmentMode: "ship_available_first" } });
    const kettle = await backOrderedVariant("Unsplittable Kettle");
    const mug = addVariant("Unsplittable Mug", warehouse, 5);
    const order = shop().placeOrder({ customer: { email: "cara@example.com", firstName: "Cara" }, lines: [{ variantId: mug, quantity: 1 }, { variantId: kettle, quantity: 1 }] }).orderId;
    // Another app (a fraud check) holds the new order, once routed, before the back-order app sees it.
    shop().routing.routeAll();
    const foId = orderOf(order).fulfillmentOrders[0]!.id;
    const fraudHold = holdFulfillmentOrder(shop(), foId, { reason: "HIGH_RISK_OF_FRAUD", handle: "fraud-check" }).fulfillmentHold;
    fraudHold.heldByApp = false;
    await t.settle();
    expect(orderOf(order).fulfillmentOrders).toHaveLength(1);
    expect(ourHolds(order)).toHaveLength(1);

    releaseHold(shop(), foId, [`gid://shopify/FulfillmentHold/${fraudHold.id}`], "owner");
    await syncOrderAgain(order);
    const fos = orderOf(order).fulfillmentOrders;
    const lineOf = (variantId: string) => orderOf(order).lineItems.find((line) => line.variantId === variantId)!.id;
    const foWith = (variantId: string) => fos.find((fo) => fo.lineItems.some((line) => line.lineItemId === lineOf(variantId) && line.remainingQuantity > 0))!;
    expect(foWith(mug)).toMatchObject({ status: "OPEN", holds: [] });
    expect(foWith(kettle)).toMatchObject({ status: "ON_HOLD", holds: [expect.objectContaining({ handle: "backorder-manager" })] });
    expect(await waitingOrders(kettle)).toEqual([order]);
    await t.db.shopSettings.update({ where: { shop: shop().domain }, data: { fulfilmentMode: "hold_release" } });
  });
});

describe("fulfillment orders Shopify does not let the app hold", () => {
  const deadLetters = () => t.db.job.count({ where: { status: "dead" } });

  it("leaves a scheduled fulfillment order unheld, its line waiting, and holds it once it opens", async () => {
    const tent = await backOrderedVariant("Scheduled Tent");
    const order = buy(tent, "Dora");
    // A subscription's fulfillment order, deferred to its date (Shopify does not list HOLD for it).
    shop().routing.routeAll();
    const foId = orderOf(order).fulfillmentOrders[0]!.id;
    shop().scheduleFulfillmentOrder(foId);
    const deadBefore = await deadLetters();
    await t.settle();
    expect(await deadLetters()).toBe(deadBefore);
    expect(ourHolds(order)).toHaveLength(0);
    expect(await waitingOrders(tent)).toEqual([order]);

    shop().openFulfillmentOrder(foId);
    await syncOrderAgain(order);
    expect(ourHolds(order)).toHaveLength(1);
  });

  it("leaves a fulfillment order in progress (partly fulfilled) unheld, its line waiting", async () => {
    const lamp = await backOrderedVariant("In Progress Lamp");
    const cup = addVariant("In Progress Cup", warehouse, 5);
    const order = shop().placeOrder({ customer: { email: "eli@example.com", firstName: "Eli" }, lines: [{ variantId: cup, quantity: 1 }, { variantId: lamp, quantity: 1 }] }).orderId;
    // The merchant ships the cup at once: the fulfillment order is in progress before the app sees it.
    shop().routing.routeAll();
    const fo = orderOf(order).fulfillmentOrders[0]!;
    const cupLine = orderOf(order).lineItems.find((line) => line.variantId === cup)!.id;
    createFulfillment(shop(), { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id, fulfillmentOrderLineItems: [{ id: fo.lineItems.find((line) => line.lineItemId === cupLine)!.id, quantity: 1 }] }] });
    const deadBefore = await deadLetters();
    await t.settle();
    expect(orderOf(order).fulfillmentOrders[0]!.status).toBe("IN_PROGRESS");
    expect(await deadLetters()).toBe(deadBefore);
    expect(ourHolds(order)).toHaveLength(0);
    expect(await waitingOrders(lamp)).toEqual([order]);
  });
});

describe("Cancel back-order on an order another app created", () => {
  it("shows Shopify's reason to the merchant and leaves the line waiting", async () => {
    const kettle = await backOrderedVariant("Other App Kettle");
    const order = shop().placeOrder({ customer: { email: "finn@example.com", firstName: "Finn" }, lines: [{ variantId: kettle, quantity: 1 }], createdByApp: "Wholesale Orders" }).orderId;
    await t.settle();
    const line = await t.db.backorderLine.findFirstOrThrow({ where: { orderId: order } });
    const response = await t.request("/app/orders.data", { method: "POST", fields: { intent: "cancel", lineItemId: line.lineItemId, locationId: line.locationId, notifyCustomer: "false" } });
    expect(response.status).toBe(409);
    expect(response.text).toContain("Shopify refused the change");
    expect(response.text).toContain("created by another app");
    expect(await waitingOrders(kettle)).toEqual([order]);
    expect(orderOf(order).lineItems[0]!.currentQuantity).toBe(1);
  });
});
