/**
 * Orders bigger than one page of Shopify's connections: 60 lines, or more fulfillment orders than a
 * page holds with hidden ones (closed after a merge) among them. A back-ordered line anywhere in
 * them is held, and released once when its stock arrives; one only its routing webhook names is synced.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { stackForThisFile } from "../support/installed-stack";
import { storyIn } from "../support/shop-story";

const t = stackForThisFile();
const shop = t.shop;
const story = storyIn(shop);
const { orderOf, ourHolds } = story;
let warehouse: string;
const holdEvents: { topic: string; fulfillmentOrderId: string }[] = [];

beforeAll(() => {
  warehouse = shop().addLocation("Warehouse");
  shop().onEvent((event) => {
    if (event.topic.endsWith("placed_on_hold") || event.topic.endsWith("hold_released")) {
      holdEvents.push({ topic: event.topic.split("/")[1]!, fulfillmentOrderId: (event.payload.fulfillment_order as { id: string }).id });
    }
  });
});

/** A product with `count` variants, each with 5 units at the warehouse. */
function stockedVariants(title: string, count: number): string[] {
  const variants = Array.from({ length: count }, (_, i) => ({ title: `Size ${i + 1}`, sku: `${title.toUpperCase()}-${i + 1}`, price: "5.00", stock: { [warehouse]: 5 } }));
  return shop().addProduct({ title, vendor: "V", productType: "Gear", variants }).variantIds;
}

const backOrderedVariant = (title: string) => story.backOrderedVariant(title, warehouse, t.settle);

const eventsOf = (fulfillmentOrderId: string) => holdEvents.filter((e) => e.fulfillmentOrderId === fulfillmentOrderId).map((e) => e.topic);

async function expectHeldThenReleasedOnce(orderId: string, variantId: string) {
  const held = ourHolds(orderId);
  expect(held).toHaveLength(1);
  const heldFo = orderOf(orderId).fulfillmentOrders.find((fo) => fo.holds.some((hold) => hold.id === held[0]!.id))!;
  const waiting = await t.db.backorderLine.findMany({ where: { variantId, state: "waiting" } });
  expect(waiting.map((line) => line.waitingUnits)).toEqual([1]);

  shop().receiveStock(variantId, warehouse, 1);
  await t.settle();
  expect(ourHolds(orderId)).toHaveLength(0);
  expect(eventsOf(heldFo.id)).toEqual(["placed_on_hold", "hold_released"]);
  expect(await t.db.backorderLine.findMany({ where: { variantId, state: "waiting" } })).toEqual([]);
}

describe("a large order", () => {
  it("holds a back-ordered line that is the 60th of its order, and releases it once", async () => {
    const socks = stockedVariants("Sock", 59);
    const kettle = await backOrderedVariant("Sixty Line Kettle");
    const lines = [...socks, kettle].map((variantId) => ({ variantId, quantity: 1 }));
    const { orderId } = shop().placeOrder({ customer: { email: "ada@example.com", firstName: "Ada" }, lines });
    await t.settle();
    await expectHeldThenReleasedOnce(orderId, kettle);
  }, 120_000);

  it("holds a back-ordered line in the sixth of its fulfillment orders, past a merged one, and releases it once", async () => {
    const cups = stockedVariants("Cup", 6);
    const stove = await backOrderedVariant("Split Order Stove");
    const { orderId } = shop().placeOrder({ customer: { email: "bram@example.com", firstName: "Bram" }, lines: [...cups, stove].map((variantId) => ({ variantId, quantity: 1 })) });
    // The merchant splits every cup off in Shopify admin, then merges the stove into the last cup's:
    // the first fulfillment order closes, hidden, and the stove waits in the sixth of six shown.
    shop().routing.routeAll();
    const [first] = orderOf(orderId).fulfillmentOrders;
    const splits = first!.lineItems.slice(0, 6).map((line) => shop().splitFulfillmentOrder(first!.id, [{ id: line.id, quantity: 1 }]));
    shop().mergeFulfillmentOrders([splits.at(-1)!, first!.id]);
    expect(orderOf(orderId).fulfillmentOrders.map((fo) => fo.status)).toEqual(["CLOSED", "OPEN", "OPEN", "OPEN", "OPEN", "OPEN", "OPEN"]);
    await t.settle();
    await expectHeldThenReleasedOnce(orderId, stove);
  }, 120_000);
});
