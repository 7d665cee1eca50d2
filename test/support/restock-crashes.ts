/**
 * A restock interrupted by crashes: orders wait for a sold-out variant, enough stock arrives for
 * all of them, and the app is killed (SIGKILL) at seeded random moments while it releases them,
 * started again each time, then left to finish. Used by the crash-recovery test and the
 * reliability suite, which count from the sandbox's state whether each unit went out exactly once.
 */
import type { PrismaClient } from "@prisma/client";
import { HOLD_HANDLE, type FulfilmentMode } from "../../app/domain/hold-plan";
import { seededRandom } from "../sandbox/support/seeded-random";
import { outstandingWork } from "./engine";
import { watchHolds } from "./scenario";
import { storyIn } from "./shop-story";
import type { Stack } from "./stack";

export interface RestockCrashOptions {
  mode: FulfilmentMode;
  orders: number;
  /** Kills while the restock's work is outstanding; fewer when the work ends first. */
  kills: number;
  seed: number;
}

export interface RestockCrashRun {
  variant: string;
  orderIds: string[];
  units: number;
  /** Kills asked for. */
  planned: number;
  /** Releases (`hold_released`) per fulfillment order, from the sandbox's events. */
  holds: Map<string, string[]>;
  /** Kills that found the app with deliveries or jobs still to work off (all of them: the kills stop when the work is done). */
  kills: number;
  /** Dead jobs before the restock, so earlier ones are not counted against it. */
  deadBefore: number;
}

export interface RestockCrashFigures {
  mode: FulfilmentMode;
  orders: number;
  units: number;
  planned: number;
  kills: number;
  /** Orders still held, waiting, or fulfilled short although the stock covers them. */
  lost: number;
  /** Orders released more than once, fulfilled more than once, or fulfilled beyond what was ordered. */
  doubled: number;
  deadLetters: number;
}

type Under = { stack: Stack; db: PrismaClient; settle(timeoutMs?: number): Promise<void> };

export async function restockThroughCrashes({ stack, db, settle }: Under, options: RestockCrashOptions): Promise<RestockCrashRun> {
  const shop = stack.sandbox.shop;
  await db.shopSettings.update({ where: { shop: shop.domain }, data: { fulfilmentMode: options.mode } });
  const { addVariant, buy } = storyIn(() => stack.sandbox.shop);
  const warehouse = shop.addLocation(`Crash Warehouse (${options.mode})`);
  const variant = addVariant(`Crash Kettle ${options.mode}`, warehouse);
  await settle();
  const random = seededRandom(options.seed);
  const orderIds: string[] = [];
  let units = 0;
  for (let i = 0; i < options.orders; i++) {
    const quantity = 1 + Math.floor(random() * 3);
    units += quantity;
    orderIds.push(buy(variant, `C${i}`, quantity));
  }
  await settle(Math.max(120_000, options.orders * 1_000));
  const waiting = await db.backorderLine.count({ where: { variantId: variant, state: "waiting", waitingUnits: { gt: 0 } } });
  if (waiting !== options.orders) throw new Error(`Before the restock, ${waiting} of ${options.orders} orders were waiting`);
  const holds = watchHolds(stack);
  const deadBefore = await db.job.count({ where: { status: "dead" } });

  shop.receiveStock(variant, warehouse, units);
  // The restock's webhook stored: from here until the app settles, its work is outstanding.
  await stack.sandbox.webhooks.idle();
  let kills = 0;
  while (kills < options.kills) {
    await new Promise((resolve) => setTimeout(resolve, 100 + random() * 500));
    const work = await outstandingWork(db);
    // Nothing left to do: the restock is over, and a kill now would not interrupt it.
    if (work.deliveries === 0 && work.jobs.length === 0) break;
    await stack.killApp();
    kills++;
    await stack.startApp();
  }
  await settle(Math.max(120_000, options.orders * 1_000));
  return { variant, orderIds, units, planned: options.kills, holds, kills, deadBefore };
}

/** Counts, per order, whether its units were released (or fulfilled) exactly once. */
export async function countRestockOutcome({ stack, db }: Omit<Under, "settle">, mode: FulfilmentMode, run: RestockCrashRun): Promise<RestockCrashFigures> {
  const fulfils = mode === "hold_fulfil";
  const orders = stack.sandbox.shop.snapshot().orders.filter((order) => run.orderIds.includes(order.id));
  const waitingLines = await db.backorderLine.count({ where: { variantId: run.variant, state: "waiting" } });
  let lost = 0;
  let doubled = 0;
  for (const order of orders) {
    const releases = order.fulfillmentOrders.map((fo) => (run.holds.get(fo.id) ?? []).filter((event) => event === "hold_released").length);
    const stillHeld = order.fulfillmentOrders.some((fo) => fo.holds.some((hold) => hold.handle === HOLD_HANDLE));
    const ordered = order.lineItems.reduce((sum, line) => sum + line.quantity, 0);
    const fulfilled = order.fulfillments.flatMap((f) => f.lineItems).reduce((sum, line) => sum + line.quantity, 0);
    if (stillHeld || releases.every((count) => count === 0) || (fulfils && fulfilled < ordered)) lost++;
    if (releases.some((count) => count > 1) || fulfilled > (fulfils ? ordered : 0) || order.fulfillments.length > (fulfils ? 1 : 0)) doubled++;
  }
  return {
    mode,
    orders: run.orderIds.length,
    units: run.units,
    planned: run.planned,
    kills: run.kills,
    // An order the sandbox does not know any more is lost too; a line the app still has waiting is.
    lost: Math.max(lost + (run.orderIds.length - orders.length), waitingLines),
    doubled,
    deadLetters: (await db.job.count({ where: { status: "dead" } })) - run.deadBefore,
  };
}
