/**
 * One row per shop and day (the shop's calendar) with what waited for stock:
 * the history Home draws. Read from the app's own tables, so it costs Shopify
 * nothing. Today's row is rewritten through the day; the last write of a day
 * stays as that day's figures.
 */
import type { PrismaClient } from "@prisma/client";
import { todayIn } from "./settings.server";
import { incomingForBackordered, waitingTotals } from "./waiting-totals.server";

/** How old today's row may get before the worker's schedule writes it again. */
export const SNAPSHOT_FRESH_FOR_MS = 15 * 60_000;

/** Writes (or rewrites) the shop's row for today; running it twice on a day leaves one row. */
export async function recordDailySnapshot(db: PrismaClient, shop: string, now: Date = new Date()): Promise<void> {
  const settings = await db.shopSettings.findUnique({ where: { shop }, select: { timezone: true } });
  const day = todayIn(settings?.timezone ?? "UTC", now);
  const [totals, incomingUnits, backorderedVariants] = await Promise.all([
    waitingTotals(db, shop),
    incomingForBackordered(db, shop),
    db.trackedVariant.count({ where: { shop, status: { in: ["backorder", "sold_out"] } } }),
  ]);
  const figures = {
    waitingUnits: totals.units,
    waitingValueCents: BigInt(totals.cents),
    waitingLines: totals.lines,
    waitingOrders: totals.orders,
    backorderedVariants,
    incomingUnits,
    recordedAt: now,
  };
  await db.dailySnapshot.upsert({ where: { shop_day: { shop, day } }, create: { shop, day, ...figures }, update: figures });
}

/**
 * Every installed shop whose row for today is missing or older than `freshForMs` gets it
 * written: run from the worker's schedule, so each day has its row while the app runs.
 */
export async function recordDueSnapshots(db: PrismaClient, options: { now?: Date; freshForMs?: number } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const freshSince = new Date(now.getTime() - (options.freshForMs ?? SNAPSHOT_FRESH_FOR_MS));
  const shops = await db.shopSettings.findMany({ where: { uninstalledAt: null }, select: { shop: true, timezone: true } });
  let recorded = 0;
  for (const { shop, timezone } of shops) {
    const today = await db.dailySnapshot.findUnique({ where: { shop_day: { shop, day: todayIn(timezone, now) } }, select: { recordedAt: true } });
    if (today && today.recordedAt > freshSince) continue;
    await recordDailySnapshot(db, shop, now);
    recorded++;
  }
  return recorded;
}
