/**
 * A large release through one bulk mutation: every order released once, its tag and ship date
 * gone, activity logged once per fulfillment order; a duplicated finish webhook, a crash between
 * the results read and their records, and a lost finish webhook (the poll finishes the run)
 * release nothing twice; orders in a running bulk release are not written by anything else.
 * The threshold is lowered (BACKORDER_BULK_RELEASE_MIN_FULFILLMENT_ORDERS) so a few dozen orders go bulk.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { enqueueJob } from "../../app/jobs/job-queue.server";
import { stackForThisFile } from "../support/installed-stack";
import { watchHolds } from "../support/scenario";
import { storyIn, backorderMetafield as metafield } from "../support/shop-story";

const ORDERS = 30;
const t = stackForThisFile({ env: { BACKORDER_BULK_RELEASE_MIN_FULFILLMENT_ORDERS: "20", BACKORDER_BULK_POLL_MS: "3000" } });
const shop = t.shop;
const { addVariant, buy, ourHolds, orderOf } = storyIn(shop);
let warehouse: string;
let holds: Map<string, string[]>;

beforeAll(() => {
  warehouse = shop().addLocation("Warehouse");
  holds = watchHolds(t.stack);
});

const eventsOf = (orderId: string) => orderOf(orderId).fulfillmentOrders.flatMap((fo) => holds.get(fo.id) ?? []);
const linesOf = (variantId: string) => t.db.backorderLine.findMany({ where: { variantId }, orderBy: { orderId: "asc" } });
const releaseMutations = () => t.stack.sandbox.adminApi.bulk.operations().filter((op) => op.type === "MUTATION" && op.query.includes("fulfillmentOrderReleaseHold"));

/** `count` orders of one unit, placed while the app hears nothing, then held by the merchant's resync. */
async function heldOrders(title: string, count: number): Promise<{ variant: string; orderIds: string[] }> {
  const variant = addVariant(title, warehouse, 0, "CONTINUE");
  await t.settle();
  t.stack.sandbox.webhooks.setFaults({ drop: Number.MAX_SAFE_INTEGER });
  const orderIds = Array.from({ length: count }, (_, i) => buy(variant, `Buyer${i}`));
  shop().routing.routeAll();
  await t.stack.sandbox.webhooks.idle();
  t.stack.sandbox.webhooks.setFaults({});
  expect((await t.request("/app/activity.data", { method: "POST", fields: { intent: "resync" } })).status).toBe(200);
  await t.settle(120_000);
  expect(orderIds.map((id) => ourHolds(id).length)).toEqual(Array(count).fill(1));
  return { variant, orderIds: [...orderIds].sort() };
}

/** Each order released once in Shopify and in the app: no hold, no tag, no ship date, its line released, one activity entry. */
async function expectReleasedOnce(variant: string, orderIds: readonly string[]): Promise<void> {
  expect(orderIds.map(eventsOf)).toEqual(Array(orderIds.length).fill(["placed_on_hold", "hold_released"]));
  expect(orderIds.map((id) => ourHolds(id).length)).toEqual(Array(orderIds.length).fill(0));
  expect(orderIds.filter((id) => orderOf(id).tags.includes("backorder") || metafield(orderOf(id), "ships_on") !== null)).toEqual([]);
  expect((await linesOf(variant)).map((line) => line.state)).toEqual(Array(orderIds.length).fill("released"));
  expect(await t.db.appHold.count({ where: { orderId: { in: [...orderIds] } } })).toBe(0);
  const fulfillmentOrders = orderIds.flatMap((id) => orderOf(id).fulfillmentOrders.map((fo) => fo.id));
  const logged = await t.db.activity.findMany({ where: { kind: "order.release", subject: { in: fulfillmentOrders } }, select: { subject: true } });
  expect(logged.map((entry) => entry.subject).sort()).toEqual([...fulfillmentOrders].sort());
}

const requestsSince = (before: number) => t.stack.sandbox.adminApiRequests().slice(before).filter((request) => !request.throttled);

describe("a release over the threshold", () => {
  it("goes through one bulk operation, even with its finish webhook delivered twice, and releases every order once", async () => {
    const { variant, orderIds } = await heldOrders("Bulk Kettle", ORDERS);
    const before = t.stack.sandbox.adminApiRequests().length;
    const operationsBefore = releaseMutations().length;

    // Every webhook from here on is sent twice, bulk_operations/finish included.
    t.stack.sandbox.webhooks.setFaults({ duplicate: 0.999999, seed: 13 });
    shop().receiveStock(variant, warehouse, ORDERS);
    await t.settle(120_000);
    t.stack.sandbox.webhooks.setFaults({});

    const operations = releaseMutations().slice(operationsBefore);
    expect(operations.map((op) => [op.status, op.objectCount])).toEqual([["COMPLETED", ORDERS]]);
    const finished = t.stack.sandbox.webhooks.deliveries().filter((d) => d.topic === "bulk_operations/finish" && d.duplicated);
    expect(finished.length).toBeGreaterThan(0);
    await expectReleasedOnce(variant, orderIds);
    // No release went through the synchronous batches, and no order was read.
    const names = requestsSince(before).map((request) => request.operationName);
    // (The hold_released webhooks that arrive while it runs bring the orders' full syncs, which wait for its results and then have nothing to do.)
    expect(names.filter((name) => name === "WriteKnownOrders" || name === "OrderHolds")).toEqual([]);

    // The finish once more, much later: nothing left to do, not a request.
    const again = t.stack.sandbox.adminApiRequests().length;
    await enqueueJob(t.db, { shop: shop().domain, kind: "bulk-operation-finished", subject: operations[0]!.id }, { source: "test" });
    await t.settle();
    expect(requestsSince(again)).toEqual([]);
    await expectReleasedOnce(variant, orderIds);
  }, 300_000);
});

describe("a crash between the results read and their records", () => {
  it("records each order once when the finish runs again, and releases nothing twice", async () => {
    const { variant, orderIds } = await heldOrders("Crash Bulk Kettle", ORDERS);
    const held = await linesOf(variant);
    const storedHolds = await t.db.appHold.findMany({ where: { orderId: { in: orderIds } } });
    shop().receiveStock(variant, warehouse, ORDERS);
    await t.settle(120_000);
    const operation = releaseMutations().at(-1)!;
    await expectReleasedOnce(variant, orderIds);

    // As a crash after the results were read and half the orders recorded would have left the database.
    const unrecorded = new Set(orderIds.slice(0, ORDERS / 2));
    for (const line of held.filter((line) => unrecorded.has(line.orderId))) {
      await t.db.backorderLine.update({
        where: { shop_lineItemId_locationId: { shop: line.shop, lineItemId: line.lineItemId, locationId: line.locationId } },
        data: { state: "waiting", waitingUnits: 0, queuePosition: null, releasedAt: null, heldIn: line.heldIn },
      });
    }
    for (const hold of storedHolds.filter((hold) => unrecorded.has(hold.orderId))) await t.db.appHold.create({ data: { ...hold, bulkRelease: operation.id } });
    const unloggedFulfillmentOrders = storedHolds.filter((hold) => unrecorded.has(hold.orderId)).map((hold) => hold.fulfillmentOrderId);
    await t.db.activity.deleteMany({ where: { kind: "order.release", subject: { in: unloggedFulfillmentOrders } } });
    await t.db.bulkOperationRun.update({ where: { operationId: operation.id }, data: { resultsReadAt: null } });

    const before = t.stack.sandbox.adminApiRequests().length;
    await enqueueJob(t.db, { shop: shop().domain, kind: "bulk-operation-finished", subject: operation.id }, { source: "test" });
    await t.settle(120_000);
    await expectReleasedOnce(variant, orderIds);
    // No new release: the results already read say it all; no order read again.
    expect(releaseMutations().at(-1)!.id).toBe(operation.id);
    expect(requestsSince(before).map((request) => request.operationName).filter((name) => name === "WriteKnownOrders" || name === "OrderHolds")).toEqual([]);
  }, 300_000);
});

describe("a lost finish webhook", () => {
  it("is made up for by the poll of the operation; meanwhile nothing else writes its orders", async () => {
    const { variant, orderIds } = await heldOrders("Lost Finish Kettle", ORDERS);
    // Every webhook is lost from here on, the stock's and bulk_operations/finish included: a resync-like sync finds the stock.
    t.stack.sandbox.webhooks.setFaults({ drop: Number.MAX_SAFE_INTEGER });
    const operationsBefore = releaseMutations().length;
    shop().receiveStock(variant, warehouse, ORDERS);
    await enqueueJob(t.db, { shop: shop().domain, kind: "sync-variant", subject: variant }, { source: "test" });
    await expect.poll(() => t.db.bulkOperationRun.count({ where: { purpose: "release", finishedAt: null } }), { timeout: 60_000 }).toBeGreaterThan(0);
    expect(await t.db.appHold.count({ where: { orderId: { in: orderIds }, bulkRelease: { not: null } } })).toBe(ORDERS);

    // The batch and the full sync of these orders, asked for while the release runs, write nothing and read nothing.
    const before = t.stack.sandbox.adminApiRequests().length;
    await enqueueJob(t.db, { shop: shop().domain, kind: "write-orders", subject: orderIds.join(" ") }, { source: "test" });
    for (const orderId of orderIds.slice(0, 3)) await enqueueJob(t.db, { shop: shop().domain, kind: "sync-order", subject: orderId }, { source: "test" });
    await t.settle(120_000);
    t.stack.sandbox.webhooks.setFaults({});
    const names = requestsSince(before).map((request) => request.operationName);
    expect(names.filter((name) => name === "WriteKnownOrders" || name === "OrderHolds")).toEqual([]);

    expect(releaseMutations().slice(operationsBefore).map((op) => op.status)).toEqual(["COMPLETED"]);
    expect(t.stack.sandbox.webhooks.deliveries().filter((d) => d.topic === "bulk_operations/finish").at(-1)?.outcome).toBe("dropped");
    await expectReleasedOnce(variant, orderIds);
    expect(await t.db.bulkOperationRun.count({ where: { finishedAt: null } })).toBe(0);
  }, 300_000);
});

describe("five bulk operations of the app already running", () => {
  it("releases now in batches rather than wait for a slot, each order once", async () => {
    const { variant, orderIds } = await heldOrders("Busy Bulk Kettle", ORDERS);
    // Shopify runs at most five at once per app and shop (changelog "Faster bulk operations", 2025-12-15).
    const busy = Array.from({ length: 5 }, (_, i) => ({ operationId: `gid://shopify/BulkOperation/busy-${i}`, shop: shop().domain, purpose: "other", status: "RUNNING" }));
    await t.db.bulkOperationRun.createMany({ data: busy });
    const operationsBefore = releaseMutations().length;
    const before = t.stack.sandbox.adminApiRequests().length;
    shop().receiveStock(variant, warehouse, ORDERS);
    await t.settle(120_000);
    await t.db.bulkOperationRun.deleteMany({ where: { operationId: { in: busy.map((run) => run.operationId) } } });

    expect(releaseMutations().length).toBe(operationsBefore);
    expect(requestsSince(before).filter((request) => request.operationName === "WriteKnownOrders").length).toBeGreaterThan(0);
    await expectReleasedOnce(variant, orderIds);
  }, 300_000);
});
