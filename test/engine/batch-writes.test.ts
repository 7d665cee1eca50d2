/**
 * Holds and releases in batches, from what the app knows: many orders per request (aliased
 * mutations), no re-read of the orders; an order whose write Shopify refuses (the merchant
 * cancelled, fulfilled or released it meanwhile) alone goes to its full sync; a crash between the
 * release and its record, and a duplicate job, release nothing twice.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { enqueueJob } from "../../app/jobs/job-queue.server";
import { createFulfillment } from "../sandbox/state/fulfillment";
import { stackForThisFile } from "../support/installed-stack";
import { watchHolds } from "../support/scenario";
import { storyIn, backorderMetafield as metafield } from "../support/shop-story";

const t = stackForThisFile();
const shop = t.shop;
const { addVariant, buy, ourHolds, orderOf } = storyIn(shop);
let warehouse: string;
let holds: Map<string, string[]>;

beforeAll(() => {
  warehouse = shop().addLocation("Warehouse");
  holds = watchHolds(t.stack);
});


/** The Admin API requests made while `run` and the work it caused ran. */
async function requestsDuring(run: () => void | Promise<void>) {
  const before = t.stack.sandbox.adminApiRequests().length;
  await run();
  await t.settle(120_000);
  // A THROTTLED answer is Shopify asking to come back later: no work done, nothing charged.
  const requests = t.stack.sandbox.adminApiRequests().slice(before).filter((request) => !request.throttled);
  const named = (name: string) => requests.filter((request) => request.operationName === name);
  const points = (list: typeof requests) => list.reduce((sum, request) => sum + (request.cost ?? 0), 0);
  return { writes: named("WriteKnownOrders"), orderReads: named("OrderHolds"), points, requests };
}

/** `count` orders of one unit for a variant sold out at the warehouse, placed while the app hears nothing, then found by a resync. */
async function waitingOrders(title: string, count: number): Promise<{ variant: string; orderIds: string[] }> {
  const variant = addVariant(title, warehouse, 0, "CONTINUE");
  await t.settle();
  shop().setAvailable(variant, warehouse, 0);
  await t.settle();
  t.stack.sandbox.webhooks.setFaults({ drop: Number.MAX_SAFE_INTEGER });
  const orderIds = Array.from({ length: count }, (_, i) => buy(variant, `Buyer${i}`));
  shop().routing.routeAll();
  await t.stack.sandbox.webhooks.idle();
  t.stack.sandbox.webhooks.setFaults({});
  return { variant, orderIds };
}

const resync = async () => {
  expect((await t.request("/app/activity.data", { method: "POST", fields: { intent: "resync" } })).status).toBe(200);
};
const eventsOf = (orderId: string) => orderOf(orderId).fulfillmentOrders.flatMap((fo) => holds.get(fo.id) ?? []);
const linesOf = (variantId: string) => t.db.backorderLine.findMany({ where: { variantId }, orderBy: { queuePosition: "asc" } });
const fullSyncs = async (orderIds: readonly string[]) =>
  (await t.db.job.findMany({ where: { kind: "sync-order", subject: { in: [...orderIds] } }, select: { subject: true } })).map((job) => job.subject).sort();

describe("holding and releasing many orders", () => {
  const ORDERS = 60;

  it("holds and releases them at most one request per 10 orders, without reading an order", async () => {
    const { variant, orderIds } = await waitingOrders("Batch Kettle", ORDERS);

    const hold = await requestsDuring(resync);
    expect(orderIds.map((id) => ourHolds(id).length)).toEqual(Array(ORDERS).fill(1));
    expect(orderIds.every((id) => orderOf(id).tags.includes("backorder") && metafield(orderOf(id), "ships_on") !== null)).toBe(true);
    expect(hold.orderReads).toEqual([]);
    expect(hold.writes.length).toBeGreaterThan(0);
    expect(hold.writes.length).toBeLessThanOrEqual(ORDERS / 10);
    // Hold (10, and 1 for the hold's id), tag (10; no node asked for) and a share of the ship-date calls: within issue 13's 25 points an order.
    expect(hold.points(hold.writes) / ORDERS).toBeLessThanOrEqual(22);
    expect((await linesOf(variant)).every((line) => line.heldIn === line.fulfillmentOrderId)).toBe(true);

    const release = await requestsDuring(() => shop().receiveStock(variant, warehouse, ORDERS));
    expect(orderIds.map((id) => ourHolds(id).length)).toEqual(Array(ORDERS).fill(0));
    expect(orderIds.map(eventsOf)).toEqual(Array(ORDERS).fill(["placed_on_hold", "hold_released"]));
    expect(orderIds.some((id) => orderOf(id).tags.includes("backorder") || metafield(orderOf(id), "ships_on") !== null)).toBe(false);
    expect(release.orderReads).toEqual([]);
    expect(release.writes.length).toBeGreaterThan(0);
    expect(release.writes.length).toBeLessThanOrEqual(ORDERS / 10);
    // Release (10), untag (10; no node asked for) and a share of one ship-date delete.
    expect(release.points(release.writes) / ORDERS).toBeLessThanOrEqual(20.5);
    expect((await linesOf(variant)).map((line) => line.state)).toEqual(Array(ORDERS).fill("released"));
    expect(await fullSyncs(orderIds)).toEqual([]);
    expect(await t.db.appHold.count({ where: { orderId: { in: orderIds } } })).toBe(0);
  }, 300_000);
});

describe("knowledge gone stale before the release", () => {
  it("sends only the orders Shopify refused to their full sync, which records what the merchant did", async () => {
    const { variant, orderIds } = await waitingOrders("Stale Kettle", 5);
    await resync();
    await t.settle();
    expect(orderIds.map((id) => ourHolds(id).length)).toEqual([1, 1, 1, 1, 1]);
    const [cancelled, fulfilled, releasedInAdmin, ...clean] = orderIds as [string, string, string, ...string[]];

    // The merchant, in Shopify admin: cancels one order, releases and ships another, releases a third.
    shop().cancelOrder(cancelled);
    const fo = orderOf(fulfilled).fulfillmentOrders[0]!;
    shop().releaseHoldsInAdmin(fo.id);
    createFulfillment(shop(), { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id, fulfillmentOrderLineItems: [{ id: fo.lineItems[0]!.id, quantity: 1 }] }] });
    shop().releaseHoldsInAdmin(orderOf(releasedInAdmin).fulfillmentOrders[0]!.id);
    shop().receiveStock(variant, warehouse, 5);
    await t.settle();

    const states = new Map((await linesOf(variant)).map((line) => [line.orderId, line.state]));
    expect([cancelled, fulfilled, releasedInAdmin, ...clean].map((id) => states.get(id))).toEqual(["cancelled", "fulfilled", "released", "released", "released"]);
    // The app released only the two orders it still held, each once; the merchant's releases are theirs.
    expect(orderIds.map(eventsOf)).toEqual([["placed_on_hold"], ...Array(4).fill(["placed_on_hold", "hold_released"])]);
    expect(orderIds.map((id) => ourHolds(id).length)).toEqual([0, 0, 0, 0, 0]);
    // Only the orders whose batched release Shopify refused were read again.
    expect(await fullSyncs(orderIds)).toEqual([cancelled, fulfilled, releasedInAdmin].sort());
  }, 180_000);
});

describe("a crash between the release and its record", () => {
  it("releases nothing twice: the rerun finds the holds gone and only records them; a duplicate job changes nothing", async () => {
    const { variant, orderIds } = await waitingOrders("Crash Kettle", 4);
    await resync();
    await t.settle();
    const held = await linesOf(variant);
    const storedHolds = await t.db.appHold.findMany({ where: { orderId: { in: orderIds } } });
    expect(storedHolds).toHaveLength(4);

    shop().receiveStock(variant, warehouse, 4);
    await t.settle();
    expect(orderIds.map(eventsOf)).toEqual(Array(4).fill(["placed_on_hold", "hold_released"]));

    // The database as a crash right after Shopify took the releases would have left it: lines covered but not recorded.
    for (const line of held) {
      await t.db.backorderLine.update({
        where: { shop_lineItemId_locationId: { shop: line.shop, lineItemId: line.lineItemId, locationId: line.locationId } },
        data: { state: "waiting", waitingUnits: 0, queuePosition: null, releasedAt: null, heldIn: line.heldIn },
      });
    }
    for (const hold of storedHolds) await t.db.appHold.create({ data: hold });
    const batch = { shop: shop().domain, kind: "write-orders", subject: orderIds.join(" ") };
    await enqueueJob(t.db, batch, { source: "test" });
    await t.settle();

    expect(orderIds.map(eventsOf)).toEqual(Array(4).fill(["placed_on_hold", "hold_released"]));
    expect((await linesOf(variant)).map((line) => line.state)).toEqual(Array(4).fill("released"));
    expect(await fullSyncs(orderIds)).toEqual([...orderIds].sort());

    // The same batch again: nothing left to do, not a request.
    const again = await requestsDuring(() => enqueueJob(t.db, batch, { source: "test" }));
    expect(again.requests).toEqual([]);
    expect(orderIds.map(eventsOf)).toEqual(Array(4).fill(["placed_on_hold", "hold_released"]));
  }, 180_000);
});

describe("a crash between the hold and its record", () => {
  it("holds nothing twice: the rerun finds the app's handle taken and the order's full sync records the hold it reads", async () => {
    const { variant, orderIds } = await waitingOrders("Held Crash Kettle", 3);
    await resync();
    await t.settle();
    const held = await linesOf(variant);
    expect(held.every((line) => line.heldIn !== null)).toBe(true);

    // As a crash right after Shopify placed the holds would have left the database: nothing recorded.
    for (const line of held) {
      await t.db.backorderLine.update({ where: { shop_lineItemId_locationId: { shop: line.shop, lineItemId: line.lineItemId, locationId: line.locationId } }, data: { heldIn: null } });
    }
    await t.db.appHold.deleteMany({ where: { orderId: { in: orderIds } } });
    await enqueueJob(t.db, { shop: shop().domain, kind: "write-orders", subject: orderIds.join(" ") }, { source: "test" });
    await t.settle();

    expect(orderIds.map(eventsOf)).toEqual(Array(3).fill(["placed_on_hold"]));
    expect((await linesOf(variant)).map((line) => line.heldIn)).toEqual(held.map((line) => line.heldIn));
    expect(await t.db.appHold.count({ where: { orderId: { in: orderIds } } })).toBe(3);
    expect(await fullSyncs(orderIds)).toEqual([...orderIds].sort());

    // The stock arrives: the holds the full syncs wrote down are released in a batch, once each.
    const release = await requestsDuring(() => shop().receiveStock(variant, warehouse, 3));
    expect(release.orderReads).toEqual([]);
    expect(orderIds.map(eventsOf)).toEqual(Array(3).fill(["placed_on_hold", "hold_released"]));
  }, 180_000);
});
