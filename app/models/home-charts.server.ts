/**
 * Home's charts, read from the app's own tables with a bounded number of rows
 * whatever the shop's size: 90 daily snapshots, the 10 variants with the most
 * units waiting, and a handful of wait-time counts summed in SQL.
 */
import { Prisma, type PrismaClient } from "@prisma/client";
import { addDays } from "../domain/restock-eta";
import { todayIn } from "../engine/settings.server";
import { waitingLineSql, waitingTotals } from "../engine/waiting-totals.server";
import { numericIdOf } from "./variants.server";

export const HISTORY_DAYS = 90;
export const TOP_VARIANTS = 10;
/** Where each wait-time bar starts, in whole days waited; each ends where the next starts, the last is open. */
export const WAIT_BUCKET_STARTS = [0, 7, 14, 28, 56] as const;

export interface HistoryPoint {
  /** ISO date in the shop's time zone. */
  day: string;
  /** Null on a day nothing was recorded (the app was not running). */
  units: number | null;
  /** Hundredths of the shop's currency; null like `units`. */
  cents: number | null;
}

export interface HomeCharts {
  /** From the first recorded day of the last 90 (at most) to today, one point a day; today's is live. */
  history: HistoryPoint[];
  /** The variants with the most units waiting, most first, with the units on their way to them. */
  variants: { id: string; title: string; waiting: number; incoming: number }[];
  /** Waiting orders by how long they have waited, one entry per WAIT_BUCKET_STARTS. */
  waitTimes: { fromDays: number; toDays: number | null; orders: number }[];
}

const DAY_MS = 86_400_000;

export async function loadHomeCharts(db: PrismaClient, shop: string, options: { now?: Date } = {}): Promise<HomeCharts> {
  const now = options.now ?? new Date();
  const settings = await db.shopSettings.findUnique({ where: { shop }, select: { timezone: true } });
  const today = todayIn(settings?.timezone ?? "UTC", now);
  const [history, variants, waitTimes] = await Promise.all([loadHistory(db, shop, today), loadTopVariants(db, shop), loadWaitTimes(db, shop, now)]);
  return { history, variants, waitTimes };
}

async function loadHistory(db: PrismaClient, shop: string, today: string): Promise<HistoryPoint[]> {
  const firstDay = addDays(today, 1 - HISTORY_DAYS);
  const [rows, live] = await Promise.all([
    db.dailySnapshot.findMany({
      where: { shop, day: { gte: firstDay, lt: today } },
      orderBy: { day: "asc" },
      select: { day: true, waitingUnits: true, waitingValueCents: true },
    }),
    waitingTotals(db, shop),
  ]);
  const byDay = new Map(rows.map((row) => [row.day, { units: row.waitingUnits, cents: Number(row.waitingValueCents) }]));
  // Today's figures are read now rather than from today's row, which the worker refreshes only every few minutes.
  byDay.set(today, { units: live.units, cents: live.cents });
  const points: HistoryPoint[] = [];
  for (let day = rows[0]?.day ?? today; day <= today; day = addDays(day, 1)) {
    const figures = byDay.get(day);
    points.push({ day, units: figures?.units ?? null, cents: figures?.cents ?? null });
  }
  return points;
}

async function loadTopVariants(db: PrismaClient, shop: string): Promise<HomeCharts["variants"]> {
  const top = await db.trackedVariant.findMany({
    where: { shop, waitingUnits: { gt: 0 } },
    orderBy: [{ waitingUnits: "desc" }, { variantId: "asc" }],
    take: TOP_VARIANTS,
    select: { variantId: true, title: true, waitingUnits: true },
  });
  if (top.length === 0) return [];
  const incoming = await db.variantLevel.groupBy({
    by: ["variantId"],
    where: { shop, variantId: { in: top.map((variant) => variant.variantId) } },
    _sum: { incoming: true },
  });
  const incomingOf = new Map(incoming.map((row) => [row.variantId, row._sum.incoming ?? 0]));
  return top.map((variant) => ({
    id: numericIdOf(variant.variantId),
    title: variant.title,
    waiting: variant.waitingUnits,
    incoming: incomingOf.get(variant.variantId) ?? 0,
  }));
}

/** Counts waiting orders per wait-time bucket in one pass; an order's lines share its order date. */
async function loadWaitTimes(db: PrismaClient, shop: string, now: Date): Promise<HomeCharts["waitTimes"]> {
  // An order has waited at least N whole days when it was placed N days before now or earlier.
  const placedBy = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const buckets = WAIT_BUCKET_STARTS.map((fromDays, index) => ({ fromDays, toDays: WAIT_BUCKET_STARTS[index + 1] ?? null }));
  const counts = buckets.map(({ fromDays, toDays }, index) => {
    // The first bucket has no lower bound: a clock a little ahead of ours must not lose an order.
    const bounds = [
      ...(fromDays > 0 ? [Prisma.sql`"orderedAt" <= ${placedBy(fromDays)}`] : []),
      ...(toDays !== null ? [Prisma.sql`"orderedAt" > ${placedBy(toDays)}`] : []),
    ];
    const inBucket = bounds.length > 0 ? Prisma.join(bounds, " AND ") : Prisma.sql`1 = 1`;
    return Prisma.sql`COUNT(DISTINCT CASE WHEN ${inBucket} THEN "orderId" END) AS ${Prisma.raw(`"bucket${index}"`)}`;
  });
  const [row] = await db.$queryRaw<Record<string, number | bigint>[]>(Prisma.sql`
    SELECT ${Prisma.join(counts)} FROM "BackorderLine" WHERE ${waitingLineSql(shop)}`);
  return buckets.map((bucket, index) => ({ ...bucket, orders: Number(row?.[`bucket${index}`] ?? 0) }));
}
