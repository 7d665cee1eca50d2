/** The admin home: the shop's back-order picture, read from the app's own database. */
import { Prisma, type PrismaClient } from "@prisma/client";
import { todayIn } from "../engine/settings.server";
import { wholeDaysSince } from "../i18n/dates";

export interface Dashboard {
  backorderedVariants: number;
  waitingOrders: number;
  waitingUnits: number;
  /** Sum of unitPrice × waitingUnits, as a decimal string with two places ("75.00"). */
  valueWaiting: string;
  /** Whole days since the earliest waiting line was ordered; null when nothing waits. */
  oldestWaitDays: number | null;
  /** ISO date: the earliest restock date set by the merchant (today or later), else the earliest ships-on date. */
  nextRestock: string | null;
  /** Units on their way (Shopify's "incoming") for the variants that are back-ordered. */
  incomingUnits: number;
  alerts: { atCap: number; etaPassed: number; deadJobs: number };
  activity: { id: number; at: string; kind: string; message: string }[];
  /** Nothing back-ordered and nothing waiting: a new install, or a shop with stock. */
  empty: boolean;
}


/** "25.00" → 2500; anything unreadable counts as 0. */
function toCents(price: string): number {
  const value = Number(price);
  return Number.isFinite(value) ? Math.round(value * 100) : 0;
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
  const [statuses, lines, restockRule, nextShip, deadJobs, activity] = await Promise.all([
    db.trackedVariant.groupBy({ by: ["status"], where: { shop, status: { in: ["backorder", "sold_out"] } }, _count: { _all: true } }),
    db.backorderLine.findMany({ where: waitingWhere, select: { orderId: true, waitingUnits: true, unitPrice: true, orderedAt: true, shipsOn: true } }),
    db.variantRule.findFirst({ where: { shop, restockDate: { gte: today } }, orderBy: { restockDate: "asc" }, select: { restockDate: true } }),
    db.trackedVariant.findFirst({ where: { shop, nextShipsOn: { not: null } }, orderBy: { nextShipsOn: "asc" }, select: { nextShipsOn: true } }),
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
  const orders = new Set(lines.map((line) => line.orderId));
  const waitingUnits = lines.reduce((sum, line) => sum + line.waitingUnits, 0);
  const cents = lines.reduce((sum, line) => sum + toCents(line.unitPrice) * line.waitingUnits, 0);
  const oldest = lines.reduce<Date | null>((min, line) => (min === null || line.orderedAt < min ? line.orderedAt : min), null);
  return {
    backorderedVariants,
    waitingOrders: orders.size,
    waitingUnits,
    valueWaiting: (cents / 100).toFixed(2),
    oldestWaitDays: oldest === null ? null : wholeDaysSince(oldest, now),
    nextRestock: restockRule?.restockDate ?? nextShip?.nextShipsOn ?? null,
    incomingUnits: Number(incoming?.units ?? 0),
    alerts: {
      atCap: countOf("sold_out"),
      etaPassed: lines.filter((line) => line.shipsOn !== null && line.shipsOn < today).length,
      deadJobs,
    },
    activity: activity.map((entry) => ({ id: entry.id, at: entry.at.toISOString(), kind: entry.kind, message: entry.message })),
    empty: backorderedVariants === 0 && orders.size === 0,
  };
}
