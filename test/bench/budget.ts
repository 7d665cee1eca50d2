/**
 * The Admin API budget the app spends per event (issue 13's table), with exact counts from the
 * sandbox's request log: requests and cost points (what the sandbox charges, as Shopify would)
 * from the event to the moment the app is quiet again, the bucket unthrottled so nothing waits.
 * K orders already wait for the variant (K from BENCH_BUDGET_WAITING, default 10,100,1000); hold
 * and release of N waiting orders (N from BENCH_BUDGET_ORDERS, default 1,000); and what that
 * spend is in minutes of each plan's budget. Measures whatever the engine does today.
 */
import type { PrismaClient } from "@prisma/client";
import { planBucket, SHOPIFY_PLANS } from "../sandbox/admin-api/plans";
import { changeTags } from "../sandbox/state/admin-ops";
import { openAppDatabase } from "../support/app-database";
import { appRequest, FAST_WORKER_ENV, installApp, settle } from "../support/engine";
import { startStack, type Stack } from "../support/stack";
import { benchRestock, measure, printRestockLatency, type PhaseFigures, type RestockLatency } from "./restock";
import { round } from "./stats";

export interface EventFigures {
  requests: number;
  costPoints: number;
}

export interface BudgetFigures {
  /** Per K: the orders actually waiting when measured, and each event's spend. */
  byWaiting: { waiting: number; newOrder: EventFigures; routineUpdate: EventFigures; oneUnitRestocked: EventFigures }[];
  orderNotBackordered: EventFigures;
  orders: number;
  hold: PhaseFigures;
  release: PhaseFigures;
  releaseLatency: RestockLatency;
}

const SETTLE_MS = 3_600_000;
const figures = (phase: PhaseFigures): EventFigures => ({ requests: phase.requests, costPoints: phase.costPoints });

async function waitingOrders(db: PrismaClient): Promise<{ count: number; someOrderId: string | null }> {
  const [count, some] = await Promise.all([db.backorderLine.count({ where: { state: "waiting", waitingUnits: { gt: 0 } } }), db.backorderLine.findFirst({ where: { state: "waiting", waitingUnits: { gt: 0 } }, select: { orderId: true } })]);
  return { count, someOrderId: some?.orderId ?? null };
}

/** Orders placed while the app hears nothing, then found and held by the merchant's resync (as in the restock bench). */
async function addWaitingOrders(stack: Stack, db: PrismaClient, variantId: string, count: number, from: number): Promise<void> {
  if (count <= 0) return;
  const shop = stack.sandbox.shop;
  stack.sandbox.webhooks.setFaults({ drop: Number.MAX_SAFE_INTEGER });
  for (let i = 0; i < count; i++) shop.placeOrder({ customer: { email: `k${from + i}@example.com` }, lines: [{ variantId, quantity: 1 }] });
  await stack.sandbox.webhooks.idle();
  stack.sandbox.webhooks.setFaults({});
  await appRequest(stack, "/app/activity.data", { method: "POST", fields: { intent: "resync" } });
  await settle(stack, db, SETTLE_MS);
}

export async function benchBudget(options: { waitingSizes: number[]; orders: number }): Promise<BudgetFigures> {
  const stack = await startStack({ seed: false, env: { ...FAST_WORKER_ENV } });
  const db = openAppDatabase(stack.dbFile);
  const byWaiting: BudgetFigures["byWaiting"] = [];
  let orderNotBackordered: EventFigures;
  try {
    const shop = stack.sandbox.shop;
    stack.sandbox.adminApi.setThrottle({ maximumAvailable: 1_000_000_000, restoreRate: 1_000_000_000 });
    const warehouse = shop.addLocation("Warehouse");
    const product = (title: string, sku: string, stock: number) =>
      shop.addProduct({ title, vendor: "V", productType: "Kitchen", variants: [{ title: "Default Title", sku, price: "40.00", inventoryPolicy: "CONTINUE", stock: { [warehouse]: stock } }] }).variantIds[0]!;
    const kettle = product("Budget Kettle", "BUDGET-KETTLE", 0);
    const mug = product("Budget Mug", "BUDGET-MUG", 1_000_000);
    await installApp(stack);
    await settle(stack, db, SETTLE_MS);

    const event = async (run: () => void) => figures(await measure(stack, db, async () => run(), SETTLE_MS));
    let placed = 0;
    const order = (variantId: string) => () => void shop.placeOrder({ customer: { email: `e${placed++}@example.com` }, lines: [{ variantId, quantity: 1 }] });
    orderNotBackordered = await event(order(mug));

    for (const k of [...options.waitingSizes].sort((a, b) => a - b)) {
      const before = await waitingOrders(db);
      await addWaitingOrders(stack, db, kettle, k - before.count, placed + 1_000_000);
      const { count: waiting, someOrderId } = await waitingOrders(db);
      const newOrder = await event(order(kettle));
      const routineUpdate = await event(() => someOrderId && changeTags(shop, someOrderId, ["bench-note"], "add"));
      const oneUnitRestocked = await event(() => shop.receiveStock(kettle, warehouse, 1));
      byWaiting.push({ waiting, newOrder, routineUpdate, oneUnitRestocked });
    }
  } finally {
    await db.$disconnect();
    await stack.stop();
  }
  const { hold, restock, latency } = await benchRestock(options.orders);
  return { byWaiting, orderNotBackordered, orders: options.orders, hold, release: restock, releaseLatency: latency };
}

const perOrder = (value: number, orders: number) => round(value / orders, 1);

export function printBudget(result: BudgetFigures): void {
  console.info("\nAdmin API budget per event (sandbox request log; cost points as Shopify charges them; bucket unthrottled)");
  const rows: Record<string, object> = {};
  for (const row of result.byWaiting) {
    rows[`a new order, K = ${row.waiting}`] = row.newOrder;
    rows[`a routine orders/updated on a waiting order, K = ${row.waiting}`] = row.routineUpdate;
    rows[`one unit restocked, K = ${row.waiting}`] = row.oneUnitRestocked;
  }
  rows["an order for a variant that is not back-ordered"] = result.orderNotBackordered;
  rows[`hold ${result.orders} waiting orders (resync)`] = { requests: result.hold.requests, costPoints: result.hold.costPoints, "points per order": perOrder(result.hold.costPoints, result.orders), "requests per order": perOrder(result.hold.requests, result.orders) };
  rows[`release ${result.orders} waiting orders (restock)`] = { requests: result.release.requests, costPoints: result.release.costPoints, "points per order": perOrder(result.release.costPoints, result.orders), "requests per order": perOrder(result.release.requests, result.orders) };
  console.table(rows);
  printRestockLatency({ waitingLines: result.orders, latency: result.releaseLatency });

  console.info("Minutes of the shop's whole Admin API budget (cost points / the plan's restore rate), shared with every other app:");
  const largest = result.byWaiting.at(-1);
  console.table(
    Object.fromEntries(
      SHOPIFY_PLANS.map((plan) => {
        const { restoreRate } = planBucket(plan);
        const minutes = (points: number) => round(points / restoreRate / 60, 2);
        return [
          `${plan} (${restoreRate} points/s)`,
          {
            ...(largest ? { [`a new order, K = ${largest.waiting}`]: minutes(largest.newOrder.costPoints) } : {}),
            [`hold ${result.orders}`]: minutes(result.hold.costPoints),
            [`release ${result.orders}`]: minutes(result.release.costPoints),
          },
        ];
      }),
    ),
  );
}
