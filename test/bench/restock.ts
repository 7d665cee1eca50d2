/**
 * A restock that releases many waiting lines: time, Admin API requests and
 * cost points, from the inventory change to the last hold released. The
 * sandbox bucket is made effectively unlimited so the figure is the app's own
 * speed; the throttle-bound time on real plans is cost points / restore rate.
 */
import type { PrismaClient } from "@prisma/client";
import type { Diagnostics } from "../../app/diagnostics.server";
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

/** How soon the restock's first release goes out, and what the app spent deciding all of them. */
export interface RestockLatency {
  /** Seconds from the stock change (its webhook is sent at once) to the first release request Shopify receives. */
  firstReleaseSeconds: number | null;
  /** CPU seconds of the app's worker thread for the whole restock: every decision and write, Shopify's time excluded. */
  workerCpuSeconds: number | null;
  /** SQL statements the worker thread sent for the whole restock. */
  workerSqlStatements: number | null;
}

export interface RestockFigures {
  waitingLines: number;
  hold: PhaseFigures;
  restock: PhaseFigures;
  latency: RestockLatency;
}

/** The requests that release holds: batched writes, one order's own release, a bulk mutation's start. */
const RELEASE_OPERATIONS = new Set(["WriteKnownOrders", "ReleaseFulfillmentHold", "ReleaseAndUnlabelOrder", "StageBulkVariables", "RunBulkMutation"]);

const diagnostics = async (stack: Stack): Promise<Diagnostics> => (await (await fetch(`${stack.appUrl}/_diagnostics`)).json()) as Diagnostics;

/** `run`'s latency figures: the first release request in the sandbox's log, the worker thread's CPU. */
async function measureLatency(stack: Stack, run: () => Promise<PhaseFigures>): Promise<{ phase: PhaseFigures; latency: RestockLatency }> {
  const before = await diagnostics(stack);
  const logged = stack.sandbox.adminApiRequests().length;
  const started = Date.now();
  const phase = await run();
  const after = await diagnostics(stack);
  const firstRelease = stack.sandbox.adminApiRequests().slice(logged).find((request) => RELEASE_OPERATIONS.has(request.operationName ?? ""));
  return {
    phase,
    latency: {
      firstReleaseSeconds: firstRelease ? round((Date.parse(firstRelease.at) - started) / 1000, 2) : null,
      workerCpuSeconds: before.workerThreadCpuMs !== null && after.workerThreadCpuMs !== null ? round((after.workerThreadCpuMs - before.workerThreadCpuMs) / 1000, 2) : null,
      workerSqlStatements: before.sqlStatements.worker !== null && after.sqlStatements.worker !== null ? after.sqlStatements.worker - before.sqlStatements.worker : null,
    },
  };
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

export async function benchRestock(waitingLines = 10_000): Promise<RestockFigures> {
  const stack = await startStack({ seed: false, env: { BACKORDER_WORKER_POLL_MS: FAST_WORKER_ENV.BACKORDER_WORKER_POLL_MS, BACKORDER_DIAGNOSTICS: "1" } });
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

    const { phase: restock, latency } = await measureLatency(stack, () => measure(stack, db, async () => shop.receiveStock(variant, warehouse, waitingLines)));
    const released = await db.backorderLine.count({ where: { state: "released" } });
    const stillHeld = shop.snapshot().orders.filter((o) => o.fulfillmentOrders.some((fo) => fo.holds.length > 0)).length;
    if (released !== waitingLines || stillHeld !== 0) throw new Error(`Restock released ${released} of ${waitingLines} lines; ${stillHeld} orders still held`);
    return { waitingLines, hold, restock, latency };
  } finally {
    await db.$disconnect();
    await stack.stop();
  }
}

export function printRestockLatency(figures: Pick<RestockFigures, "waitingLines" | "latency">): void {
  const { firstReleaseSeconds, workerCpuSeconds, workerSqlStatements } = figures.latency;
  console.info(`Restock of ${figures.waitingLines} waiting orders: first release request ${firstReleaseSeconds ?? "none"} s after the stock change (goal ≤ 1 s at 1,000); the worker thread's CPU for every decision and write ${workerCpuSeconds ?? "n/a"} s (goal for the decisions: ≤ 2 s at 10,000), ${workerSqlStatements ?? "n/a"} SQL statements`);
}
