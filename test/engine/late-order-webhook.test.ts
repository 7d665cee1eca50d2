/**
 * Issue 12, item 3: webhooks come in no set order. Here the stock change of a sale arrives and is
 * worked on before the order's own `orders/create`, while order search does not show the order: the
 * units newly sold below zero belong to an order the app cannot see yet, never to the older order
 * that took the last unit. Once `orders/create` arrives, the new order is the one held.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { ShopEvent } from "../sandbox/state/contract";
import { stackForThisFile } from "../support/installed-stack";
import { storyIn } from "../support/shop-story";

// The look once order search caught up is far off: the order webhook arrives before it, as it normally does.
const LOOK_AGAIN_AFTER_MS = 600_000;
const t = stackForThisFile({ env: { BACKORDER_SEARCH_CATCH_UP_MS: String(LOOK_AGAIN_AFTER_MS) } });
const shop = t.shop;
const { ourHolds, addVariant, buy, variantOf } = storyIn(shop);
let warehouse: string;

beforeAll(() => {
  warehouse = shop().addLocation("Warehouse");
});

/** `settle`, except for the look once search caught up, which is due long after the test. */
async function settleBeforeLookAgain(): Promise<void> {
  const deadline = Date.now() + 60_000;
  let quietChecks = 0;
  while (Date.now() < deadline) {
    await t.stack.sandbox.webhooks.idle();
    const farOff = new Date(Date.now() + LOOK_AGAIN_AFTER_MS / 2);
    const [deliveries, jobs] = await Promise.all([
      t.db.webhookDelivery.count({ where: { status: "pending" } }),
      t.db.job.count({ where: { status: { in: ["pending", "running"] }, NOT: { kind: "recheck-variant", runAfter: { gt: farOff } } } }),
    ]);
    quietChecks = deliveries === 0 && jobs === 0 && !shop().routing.dueWithin(5_000) ? quietChecks + 1 : 0;
    if (quietChecks >= 2) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("The app did not settle");
}

/** The look once search caught up, now (as if the order webhook came later than it). */
async function lookAgainNow(variantId: string): Promise<void> {
  expect(await t.db.job.updateMany({ where: { kind: "recheck-variant", subject: variantId, status: "pending" }, data: { runAfter: new Date() } })).toMatchObject({ count: 1 });
  await settleBeforeLookAgain();
}

async function setTiming(timing: { routingDelayMs?: number; searchLagMs?: number }): Promise<void> {
  const response = await fetch(`${t.stack.sandbox.url}/sandbox/timing`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(timing) });
  expect(response.status).toBe(200);
  await response.arrayBuffer();
}

/**
 * Places an order whose `orders/create` is held back: the sale's `inventory_levels/update` (sent
 * first, as the stock is committed) goes out as usual, the order webhook is kept for the test to send.
 */
function buyWithOrderWebhookHeldBack(variantId: string, firstName: string): { orderId: string; orderCreated: () => ShopEvent } {
  let held: ShopEvent | undefined;
  const stop = shop().onEvent((event) => {
    // Runs after the dispatcher queued this event: the next delivery is the order's, and is dropped.
    if (event.topic === "inventory_levels/update") t.stack.sandbox.webhooks.setFaults({ drop: 1 });
    if (event.topic === "orders/create") held = event;
  });
  const orderId = buy(variantId, firstName);
  stop();
  t.stack.sandbox.webhooks.setFaults({});
  if (!held) throw new Error("no orders/create was sent");
  const event = held;
  return { orderId, orderCreated: () => event };
}

const waitingOrders = async (variantId: string) =>
  (await t.db.backorderLine.findMany({ where: { variantId, state: "waiting", waitingUnits: { gt: 0 } } })).map((line) => line.orderId);

/** Two orders take the last two units; a third order's stock change arrives, its orders/create is held back. */
async function lateOrderAfterSellOut(title: string) {
  const variantId = addVariant(title, warehouse, 2);
  await settleBeforeLookAgain();
  buy(variantId, "Ann");
  await settleBeforeLookAgain();
  const tookLastUnit = buy(variantId, "Ben");
  await settleBeforeLookAgain();
  expect(variantOf(variantId).inventoryPolicy).toBe("CONTINUE");
  // Search never shows the new order while the test runs; the test routes it when it chooses.
  await setTiming({ searchLagMs: 600_000, routingDelayMs: 600_000 });
  const { orderId: late, orderCreated } = buyWithOrderWebhookHeldBack(variantId, "Cat");
  // The stock change is worked on, then routing completes (its webhook brings another sync).
  await settleBeforeLookAgain();
  shop().routing.routeAll();
  await settleBeforeLookAgain();
  const delivered = t.stack.sandbox.webhooks.deliveries().filter((d) => d.outcome === "delivered").map((d) => d.topic);
  expect(delivered).toContain("fulfillment_orders/order_routing_complete");
  return { variantId, tookLastUnit, late, orderCreated };
}

describe("an orders/create that arrives after the stock change of its sale", () => {
  it("holds nothing of the older order that took the last unit, then holds the new order once its webhook arrives", async () => {
    const { variantId, tookLastUnit, late, orderCreated } = await lateOrderAfterSellOut("Late Lamp");
    expect(ourHolds(tookLastUnit)).toHaveLength(0);
    expect(await waitingOrders(variantId)).toEqual([]);

    t.stack.sandbox.webhooks.deliver(orderCreated());
    await settleBeforeLookAgain();
    expect(await waitingOrders(variantId)).toEqual([late]);
    expect(ourHolds(late)).toHaveLength(1);
    expect(ourHolds(tookLastUnit)).toHaveLength(0);
    await setTiming({ searchLagMs: 300, routingDelayMs: 30 });
  });

  // The look decided without the order: its unit went to the older order, held. The order seen at
  // last was counted in the levels of that decision, so the unit is its own (keepHeldLines).
  it("an orders/create later than the look once search caught up: the older order is not left waiting", async () => {
    const { variantId, tookLastUnit, late, orderCreated } = await lateOrderAfterSellOut("Later Lamp");
    await lookAgainNow(variantId);
    t.stack.sandbox.webhooks.deliver(orderCreated());
    await settleBeforeLookAgain();
    expect(await waitingOrders(variantId)).toEqual([late]);
    expect(ourHolds(tookLastUnit)).toHaveLength(0);
    await setTiming({ searchLagMs: 300, routingDelayMs: 30 });
  });
});
