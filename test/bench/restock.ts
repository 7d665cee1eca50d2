/**
 * A restock that releases many waiting lines: time, Admin API requests and
 * cost points, from the inventory change to the last hold released. The
 * sandbox bucket is made effectively unlimited so the figure is the app's own
 * speed; the throttle-bound time on real plans is cost points / restore rate.
 */
import type { PrismaClient } from "@prisma/client";
import { openAppDatabase } from "../support/app-database";
import { appRequest, FAST_WORKER_ENV, installApp, settle } from "../support/engine";
import { startStack, type Stack } from "../support/stack";
import { round } from "./stats";

export interface PhaseFigures {
  seconds: number;
  requests: number;
  costPoints: number;
  throttled: number;
}

export interface RestockFigures {
  waitingLines: number;
  hold: PhaseFigures;
  restock: PhaseFigures;
}

export async function measure(stack: Stack, db: PrismaClient, run: () => Promise<void>, settleMs = 3_600_000): Promise<PhaseFigures> {
  const before = stack.sandbox.adminApiTotals();
  const started = performance.now();
  await run();
  await settle(stack, db, settleMs);
  const seconds = (performance.now() - started) / 1000;
  const after = stack.sandbox.adminApiTotals();
  return {
    seconds: round(seconds, 1),
    requests: after.requests - before.requests,
    costPoints: after.costPoints - before.costPoints,
    throttled: after.throttled - before.throttled,
  };
}

/** `env`: the app's, e.g. the bulk release threshold (BACKORDER_BULK_RELEASE_MIN_FULFILLMENT_ORDERS). */
export async function benchRestock(waitingLines = 10_000, env: Record<string, string> = {}): Promise<RestockFigures> {
  const stack = await startStack({ seed: false, env: { BACKORDER_WORKER_POLL_MS: FAST_WORKER_ENV.BACKORDER_WORKER_POLL_MS, ...env } });
  const db = openAppDatabase(stack.databaseUrl);
  try {
    const shop = stack.sandbox.shop;
    stack.sandbox.adminApi.setThrottle({ maximumAvailable: 2000, restoreRate: 1_000_000 });
    const warehouse = shop.addLocation("Warehouse");
    const variant = shop.addProduct({ title: "Bench Kettle", vendor: "V", productType: "Kitchen", variants: [{ title: "Default Title", sku: "BENCH-KETTLE", price: "40.00", inventoryPolicy: "CONTINUE", stock: { [warehouse]: 0 } }] }).variantIds[0]!;
    await installApp(stack);
    await settle(stack, db);

    // The orders arrive while the app is not listening; the merchant's resync finds them.
    stack.sandbox.webhooks.setFaults({ drop: Number.MAX_SAFE_INTEGER });
    for (let i = 0; i < waitingLines; i++) shop.placeOrder({ customer: { email: `w${i}@example.com` }, lines: [{ variantId: variant, quantity: 1 }] });
    await stack.sandbox.webhooks.idle();
    stack.sandbox.webhooks.setFaults({});

    const hold = await measure(stack, db, async () => {
      await appRequest(stack, "/app/activity.data", { method: "POST", fields: { intent: "resync" } });
    });
    const held = await db.backorderLine.count({ where: { state: "waiting", waitingUnits: { gt: 0 } } });
    if (held !== waitingLines) throw new Error(`Expected ${waitingLines} waiting lines after the resync, found ${held}`);

    const restock = await measure(stack, db, async () => shop.receiveStock(variant, warehouse, waitingLines));
    const released = await db.backorderLine.count({ where: { state: "released" } });
    const stillHeld = shop.snapshot().orders.filter((o) => o.fulfillmentOrders.some((fo) => fo.holds.length > 0)).length;
    if (released !== waitingLines || stillHeld !== 0) throw new Error(`Restock released ${released} of ${waitingLines} lines; ${stillHeld} orders still held`);
    return { waitingLines, hold, restock };
  } finally {
    await db.$disconnect();
    await stack.stop();
  }
}
