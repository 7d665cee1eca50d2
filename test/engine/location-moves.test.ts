/**
 * Multi-location: two orders (3 units) wait at the main warehouse; then 5 units are set at the
 * downtown store. The variant must not stop selling while units are owed, and (by the setting)
 * the waiting orders move to the store, oldest first, exactly once, ahead of any newer order.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { stackForThisFile } from "../support/installed-stack";
import { storyIn } from "../support/shop-story";
import { loadMoveSuggestions, requestMoves } from "../../app/models/location-moves.server";
import { enqueueJob } from "../../app/jobs/job-queue.server";
import { moveFulfillmentOrder, releaseHold } from "../sandbox/state/fulfillment";

const t = stackForThisFile();
const shop = t.shop;
const { variantOf, orderOf, ourHolds, buy } = storyIn(shop);
let main: string;
let store: string;
const moveEvents: string[] = [];
const releaseEvents: string[] = [];

beforeAll(() => {
  main = shop().addLocation("Main warehouse");
  store = shop().addLocation("Downtown store");
  shop().onEvent((event) => {
    if (event.topic === "fulfillment_orders/moved") moveEvents.push((event.payload.moved_fulfillment_order as { id: string }).id);
    if (event.topic === "fulfillment_orders/hold_released") releaseEvents.push((event.payload.fulfillment_order as { id: string }).id);
  });
});

const setMoves = (locationMoves: string) => t.db.shopSettings.update({ where: { shop: shop().domain }, data: { locationMoves } });
const openFulfillmentOrders = (orderId: string) => orderOf(orderId).fulfillmentOrders.filter((fo) => fo.status !== "CLOSED");

/** The defect's shop: a variant stocked (at zero) at both locations, two orders holding 3 units at the warehouse. */
async function twoOrdersWaitingAtTheWarehouse(title: string) {
  const variant = shop().addProduct({
    title,
    vendor: "V",
    productType: "Gear",
    variants: [{ title: "Default Title", sku: title.toUpperCase().replace(/\W+/g, "-"), price: "20.00", inventoryPolicy: "DENY", stock: { [main]: 0, [store]: 0 } }],
  }).variantIds[0]!;
  await t.settle();
  const older = buy(variant, "Ada", 2);
  const old = buy(variant, "Bea", 1);
  await t.settle();
  for (const orderId of [older, old]) {
    expect(openFulfillmentOrders(orderId).map((fo) => fo.locationId)).toEqual([main]);
    expect(ourHolds(orderId)).toHaveLength(1);
  }
  shop().setAvailable(variant, store, 5);
  await t.settle();
  return { variant, older, old };
}

describe("location moves off", () => {
  it("keeps selling while 3 units are owed at the warehouse and 5 are free at the store", async () => {
    await setMoves("off");
    const { variant, older, old } = await twoOrdersWaitingAtTheWarehouse("Owed Lantern");
    // Shopify's own count (5 − 3) would stop sales after 2 with DENY while 5 units sit at the store.
    expect(variantOf(variant).inventoryPolicy).toBe("CONTINUE");
    expect(ourHolds(older)).toHaveLength(1);
    expect(ourHolds(old)).toHaveLength(1);
    const lines = await t.db.backorderLine.findMany({ where: { variantId: variant, state: "waiting" } });
    expect(lines.map((line) => [line.locationId, line.waitingUnits, line.canMoveTo])).toEqual(expect.arrayContaining([[main, 2, null], [main, 1, null]]));
  });
});

describe("location moves automatic", () => {
  it("moves both waiting orders to the store, oldest first, releases them once, and a newer order ships from what is left", async () => {
    await setMoves("automatic");
    const before = moveEvents.length;
    const { variant, older, old } = await twoOrdersWaitingAtTheWarehouse("Moved Lantern");
    for (const orderId of [older, old]) {
      expect(openFulfillmentOrders(orderId)).toEqual([expect.objectContaining({ locationId: store, status: "OPEN" })]);
      expect(ourHolds(orderId)).toHaveLength(0);
      expect(orderOf(orderId).tags).not.toContain("backorder");
    }
    expect(moveEvents.length - before).toBe(2);
    const levels = variantOf(variant).levels;
    expect(levels.find((level) => level.locationId === main)).toMatchObject({ available: 0, committed: 0 });
    expect(levels.find((level) => level.locationId === store)).toMatchObject({ available: 2, committed: 3 });
    const lines = await t.db.backorderLine.findMany({ where: { variantId: variant } });
    expect(lines.map((line) => [line.orderId, line.locationId, line.state])).toEqual(expect.arrayContaining([[older, store, "released"], [old, store, "released"]]));
    expect(lines).toHaveLength(2);
    // Nothing owed any more: the merchant's own policy, and Shopify's count is right.
    expect(variantOf(variant).inventoryPolicy).toBe("DENY");
    const activity = await t.db.activity.findMany({ where: { kind: "order.moved_location" } });
    expect(activity.map((entry) => JSON.parse(entry.details!).orderName)).toEqual(expect.arrayContaining([orderOf(older).name, orderOf(old).name]));

    // A rerun of every order's sync moves and releases nothing again.
    for (const orderId of [older, old]) await enqueueJob(t.db, { shop: shop().domain, kind: "sync-order", subject: orderId });
    await t.settle();
    expect(moveEvents.length - before).toBe(2);
    for (const orderId of [older, old]) expect(releaseEvents.filter((id) => id === openFulfillmentOrders(orderId)[0]!.id)).toHaveLength(1);
    const newer = buy(variant, "Cy", 2);
    await t.settle();
    expect(openFulfillmentOrders(newer).map((fo) => fo.locationId)).toEqual([store]);
    expect(ourHolds(newer)).toHaveLength(0);
  });
});

describe("location moves suggested", () => {
  it("shows the merchant that 2 orders could ship from the store, and moves them on the click", async () => {
    await setMoves("suggest");
    const { variant, older, old } = await twoOrdersWaitingAtTheWarehouse("Suggested Lantern");
    expect(await loadMoveSuggestions(t.db, shop().domain, variant)).toEqual([{ locationId: store, locationName: "Downtown store", orders: 2 }]);
    expect(ourHolds(older)).toHaveLength(1);
    expect(openFulfillmentOrders(old).map((fo) => fo.locationId)).toEqual([main]);

    expect(await requestMoves(t.db, shop().domain, variant, store)).toBe(2);
    await t.settle();
    for (const orderId of [older, old]) {
      expect(openFulfillmentOrders(orderId)).toEqual([expect.objectContaining({ locationId: store, status: "OPEN" })]);
      expect(ourHolds(orderId)).toHaveLength(0);
    }
    expect(await loadMoveSuggestions(t.db, shop().domain, variant)).toEqual([]);
  });
});

describe("a move that landed before the app recorded it", () => {
  it("takes the line along to the new location: released there once, never held again", async () => {
    await setMoves("off");
    const { variant, old } = await twoOrdersWaitingAtTheWarehouse("Crash Lantern");
    const released: string[] = [];
    shop().onEvent((event) => {
      if (event.topic === "fulfillment_orders/hold_released") released.push((event.payload.fulfillment_order as { id: string }).id);
    });
    // What a run that crashed right after fulfillmentOrderMove leaves behind (or a merchant's move in Shopify admin).
    const [fo] = openFulfillmentOrders(old);
    releaseHold(shop(), fo!.id);
    moveFulfillmentOrder(shop(), fo!.id, store);
    await enqueueJob(t.db, { shop: shop().domain, kind: "sync-order", subject: old });
    await t.settle();
    expect(openFulfillmentOrders(old)).toEqual([expect.objectContaining({ id: fo!.id, locationId: store, status: "OPEN" })]);
    expect(ourHolds(old)).toHaveLength(0);
    expect(released).toEqual([fo!.id]);
    const lines = await t.db.backorderLine.findMany({ where: { variantId: variant, orderId: old } });
    expect(lines.map((line) => [line.locationId, line.state])).toEqual([[store, "released"]]);
  });
});
