/**
 * Issue 18's scenario: a sold-out variant meets a burst of orders placed through the sandbox's
 * control API at bounded concurrency, while webhooks arrive duplicated and out of order, then a
 * restock. Returns what happened so a test (test/engine/burst-orders.test.ts) or the reliability
 * run (its seed sweep) can judge it.
 */
import type { PrismaClient } from "@prisma/client";
import type { FulfilmentMode } from "../../app/domain/hold-plan";
import { openAppDatabase } from "./app-database";
import { FAST_WORKER_ENV, installApp, settle } from "./engine";
import { startStack, type Stack } from "./stack";

export interface BurstOptions {
  mode: FulfilmentMode;
  /** Seed of the sandbox's webhook faults. */
  seed: number;
  orders: number;
  inFlight: number;
  restock: number;
  /** Order search lag (ms) while the orders arrive; the sandbox's default when absent. */
  searchLagMs?: number;
  /**
   * Units in stock before the burst, taken by the first orders, which must never be held. The
   * variant then sells on by the merchant's own policy (CONTINUE), so no order is refused while
   * the app has not yet let it sell on.
   */
  initialStock?: number;
}

export interface BurstResult {
  /** Release and fulfilment requests, and hold-released events, before the restock. */
  beforeRestock: { requests: number; releases: number };
  /** Every order, in the order the shop took them. */
  placedOrderIds: string[];
  /** Orders the app placed a hold on before the restock. */
  heldOrderIds: string[];
  /** Order ids of the lines waiting before the restock, oldest first. */
  waitingOrderIds: string[];
  /** Order ids of the lines released or fulfilled after it. */
  releasedOrderIds: string[];
  /** Order ids of hold_released events after the restock, one per event. */
  releaseEventOrderIds: string[];
  seconds: { orders: number; settle: number; restock: number };
  adminApi: { requests: number; costPoints: number; throttled: number };
}

/** Places `count` orders of one unit each through the control API, at most `inFlight` at a time. */
async function placeOrders(stack: Stack, variantId: string, count: number, inFlight: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const n = next++;
      const response = await fetch(`${stack.sandbox.url}/sandbox/orders`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ customer: { email: `buyer${n}@example.com`, firstName: `Buyer${n}` }, lines: [{ variantId, quantity: 1 }] }),
      });
      await response.arrayBuffer();
      if (response.status !== 201) throw new Error(`Placing order ${n}: HTTP ${response.status}`);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}

async function setTiming(stack: Stack, timing: { searchLagMs: number }): Promise<void> {
  const response = await fetch(`${stack.sandbox.url}/sandbox/timing`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(timing) });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`Setting the sandbox's timing: HTTP ${response.status}`);
}

const releasesAndFulfilments = (stack: Stack) =>
  stack.sandbox.adminApiRequests().filter((r) => r.status < 400 && /Release|Fulfillment$|CreateFulfillment/.test(r.operationName ?? "")).length;

/** Waits for the app (and Shopify's routing), then until search shows every order. */
async function settleAfterShopify(stack: Stack, db: PrismaClient, lagMs: number): Promise<void> {
  await settle(stack, db, 300_000);
  // The restock then meets a search that shows every order, as it would minutes later on Shopify.
  await new Promise((resolve) => setTimeout(resolve, lagMs));
}

export async function runBurst(options: BurstOptions): Promise<BurstResult> {
  const stack = await startStack({ seed: false, env: FAST_WORKER_ENV });
  const db = openAppDatabase(stack.databaseUrl);
  try {
    const shop = stack.sandbox.shop;
    const events: { topic: string; orderId: string }[] = [];
    shop.onEvent((event) => {
      if (!/hold_released|placed_on_hold/.test(event.topic)) return;
      const fo = event.payload.fulfillment_order as { order_id?: string } | undefined;
      events.push({ topic: event.topic, orderId: String(fo?.order_id ?? "") });
    });
    await installApp(stack);
    await db.shopSettings.update({ where: { shop: shop.domain }, data: { fulfilmentMode: options.mode } });
    const warehouse = shop.addLocation("Warehouse");
    const variantId = shop.addProduct({
      title: "Stove", vendor: "V", productType: "Gear",
      variants: [{ title: "Default Title", sku: "STOVE", price: "10.00", inventoryPolicy: options.initialStock ? "CONTINUE" : "DENY", stock: { [warehouse]: options.initialStock ?? 0 } }],
    }).variantIds[0]!;
    await settle(stack, db);
    // Shopify Plus rates (a 10,000-point bucket, 1,000 points a second): the burst is about who is
    // held and released, not about waiting out a Standard shop's 100 points a second (the
    // fault-tolerance tests cover throttling).
    stack.sandbox.adminApi.setThrottle({ maximumAvailable: 10_000, restoreRate: 1_000 });
    const lagMs = options.searchLagMs ?? shop.orderSearch.lagMs;
    await setTiming(stack, { searchLagMs: lagMs });
    stack.sandbox.webhooks.setFaults({ duplicate: 0.3, reorder: true, reorderWindow: 6, seed: options.seed });

    const t0 = performance.now();
    await placeOrders(stack, variantId, options.orders, options.inFlight);
    const t1 = performance.now();
    await settleAfterShopify(stack, db, lagMs);
    const t2 = performance.now();
    const beforeRestock = { requests: releasesAndFulfilments(stack), releases: events.filter((e) => e.topic.endsWith("hold_released")).length };
    const waiting = await db.backorderLine.findMany({ where: { variantId, state: "waiting", waitingUnits: { gt: 0 } }, orderBy: [{ orderedAt: "asc" }, { lineItemId: "asc" }] });

    const releasedBefore = events.length;
    shop.receiveStock(variantId, warehouse, options.restock);
    await settle(stack, db, 300_000);
    const t3 = performance.now();
    const released = await db.backorderLine.findMany({ where: { variantId, state: { in: ["released", "fulfilled"] } } });
    const totals = stack.sandbox.adminApiTotals();
    return {
      beforeRestock,
      placedOrderIds: [...shop.orders.values()].sort((a, b) => a.id - b.id).map((order) => `gid://shopify/Order/${order.id}`),
      heldOrderIds: [...new Set(events.slice(0, releasedBefore).filter((e) => e.topic.endsWith("placed_on_hold")).map((e) => e.orderId))],
      waitingOrderIds: waiting.map((line) => line.orderId),
      releasedOrderIds: released.map((line) => line.orderId),
      releaseEventOrderIds: events.slice(releasedBefore).filter((e) => e.topic.endsWith("hold_released")).map((e) => e.orderId),
      seconds: { orders: round((t1 - t0) / 1000), settle: round((t2 - t1) / 1000), restock: round((t3 - t2) / 1000) },
      adminApi: { requests: totals.requests, costPoints: totals.costPoints, throttled: totals.throttled },
    };
  } finally {
    await db.$disconnect();
    await stack.stop();
  }
}

const round = (value: number) => Math.round(value * 10) / 10;

/** What issue 18 requires of one burst, as sentences; none when it held. */
export function burstProblems(options: BurstOptions, result: BurstResult): string[] {
  const problems: string[] = [];
  const stockTakers = new Set(result.placedOrderIds.slice(0, options.initialStock ?? 0));
  const expectedWaiting = result.placedOrderIds.filter((id) => !stockTakers.has(id));
  const oldest = new Set(expectedWaiting.slice(0, options.restock));
  if (result.beforeRestock.requests > 0) problems.push(`${result.beforeRestock.requests} release or fulfilment requests before the restock`);
  if (result.beforeRestock.releases > 0) problems.push(`${result.beforeRestock.releases} holds released before the restock`);
  const wronglyHeld = result.heldOrderIds.filter((id) => stockTakers.has(id));
  if (wronglyHeld.length > 0) problems.push(`held ${wronglyHeld.length} orders that took stock: ${wronglyHeld.join(", ")}`);
  // As sets: orders placed in the same millisecond have no order between them in the app's table.
  if ([...result.waitingOrderIds].sort().join() !== [...expectedWaiting].sort().join()) {
    problems.push(`waiting before the restock: ${result.waitingOrderIds.length} lines, expected the ${expectedWaiting.length} orders after the stock takers`);
  }
  const released = new Set(result.releasedOrderIds);
  if (released.size !== oldest.size || [...oldest].some((id) => !released.has(id))) {
    problems.push(`released ${released.size} lines after a restock of ${options.restock}, not the ${options.restock} oldest waiting: ${[...released].filter((id) => !oldest.has(id)).join(", ") || "some missing"}`);
  }
  // Ship-what-you-can may split a fulfillment order, so an order may see one release per piece.
  const events = result.releaseEventOrderIds;
  if (options.mode !== "ship_available_first" && new Set(events).size !== events.length) problems.push(`${events.length - new Set(events).size} orders released twice`);
  return problems;
}
