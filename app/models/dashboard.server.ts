/** The admin home: the shop's back-order picture, read from the app's own database. */
import { Prisma, type PrismaClient } from "@prisma/client";
import { todayIn } from "../engine/settings.server";
import { wholeDaysSince } from "../i18n/dates";
import { overdueWhere } from "./waiting-lines.server";

export interface Dashboard {
  backorderedVariants: number;
  waitingOrders: number;
  waitingUnits: number;
  /** Sum of unitPrice × waitingUnits, as a decimal string with two places ("75.00"). */
  valueWaiting: string;
  /** Whole days since the earliest waiting line was ordered; null when nothing waits. */
  oldestWaitDays: number | null;
  /** ISO date: the earliest restock date (today or later) of a variant in a back-order episode, else the earliest ships-on date. */
  nextRestock: string | null;
  /** Units on their way (Shopify's "incoming") for the variants that are back-ordered. */
  incomingUnits: number;
  alerts: { atCap: number; etaPassed: number; deadJobs: number };
  activity: { id: number; at: string; kind: string; message: string }[];
  /** Nothing back-ordered and nothing waiting: a new install, or a shop with stock. */
  empty: boolean;
}


/** Formats a decimal amount in the shop's currency when known, else plainly with two places. */
export function formatMoney(amount: string, currencyCode?: string | null, locale = "en-US"): string {
  if (!currencyCode) return amount;
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency: currencyCode }).format(Number(amount));
  } catch {
    return amount;
  }
}

export async function loadDashboard(db: PrismaClient, shop: string, options: { now?: Date } = {}): Promise<Dashboard> {
  const now = options.now ?? new Date();
  const settings = await db.shopSettings.findUnique({ where: { shop }, select: { timezone: true } });
  const today = todayIn(settings?.timezone ?? "UTC", now);
  const waitingWhere = { shop, state: "waiting", waitingUnits: { gt: 0 } };
  // Sums in the database: a shop may have tens of thousands of waiting lines.
  const [statuses, waiting, late, [totals], [restock], nextShip, deadJobs, activity] = await Promise.all([
    db.trackedVariant.groupBy({ by: ["status"], where: { shop, status: { in: ["backorder", "sold_out"] } }, _count: { _all: true } }),
    db.backorderLine.aggregate({ where: waitingWhere, _sum: { waitingUnits: true }, _min: { orderedAt: true } }),
    db.backorderLine.count({ where: overdueWhere(shop, today) }),
    db.$queryRaw<{ orders: number | bigint; cents: number | null }[]>(Prisma.sql`
      SELECT COUNT(DISTINCT "orderId") AS "orders", SUM(ROUND(CAST("unitPrice" AS REAL) * 100) * "waitingUnits") AS "cents"
      FROM "BackorderLine" WHERE "shop" = ${shop} AND "state" = 'waiting' AND "waitingUnits" > 0`),
    // A date kept for a variant in stock is for its next sell-out, not a restock anyone waits for (app/domain/restock-episode.ts).
    db.$queryRaw<{ date: string | null }[]>(Prisma.sql`
      SELECT MIN(r."restockDate") AS "date" FROM "VariantRule" r
      JOIN "TrackedVariant" v ON v."shop" = r."shop" AND v."variantId" = r."variantId"
      WHERE r."shop" = ${shop} AND r."restockDate" >= ${today} AND (v."status" IN ('backorder', 'sold_out') OR v."waitingUnits" > 0)`),
    db.trackedVariant.findFirst({ where: { shop, nextShipsOn: { gte: today } }, orderBy: { nextShipsOn: "asc" }, select: { nextShipsOn: true } }),
    db.job.count({ where: { shop, status: "dead" } }),
    db.activity.findMany({ where: { shop }, orderBy: { id: "desc" }, take: 10, select: { id: true, at: true, kind: true, message: true } }),
  ]);
  // A join, not an IN list: a shop can have tens of thousands of back-ordered variants.
  const [incoming] = await db.$queryRaw<{ units: number | bigint | null }[]>(Prisma.sql`
    SELECT SUM(l."incoming") AS "units" FROM "VariantLevel" l
    JOIN "TrackedVariant" v ON v."shop" = l."shop" AND v."variantId" = l."variantId"
    WHERE l."shop" = ${shop} AND v."status" IN ('backorder', 'sold_out')`);
  const countOf = (status: string) => statuses.find((row) => row.status === status)?._count._all ?? 0;
  const backorderedVariants = countOf("backorder") + countOf("sold_out");
  const waitingOrders = Number(totals?.orders ?? 0);
  const cents = Math.round(Number(totals?.cents ?? 0));
  const oldest = waiting._min.orderedAt;
  return {
    backorderedVariants,
    waitingOrders,
    waitingUnits: waiting._sum.waitingUnits ?? 0,
    valueWaiting: (cents / 100).toFixed(2),
    oldestWaitDays: oldest === null ? null : wholeDaysSince(oldest, now),
    nextRestock: restock?.date ?? nextShip?.nextShipsOn ?? null,
    incomingUnits: Number(incoming?.units ?? 0),
    alerts: {
      atCap: countOf("sold_out"),
      etaPassed: late,
      deadJobs,
    },
    activity: activity.map((entry) => ({ id: entry.id, at: entry.at.toISOString(), kind: entry.kind, message: entry.message })),
    empty: backorderedVariants === 0 && waitingOrders === 0,
  };
}
