/** The admin home: the shop's back-order picture, read from the app's own database. */
import type { PrismaClient } from "@prisma/client";
import { todayIn } from "../engine/settings.server";
import { wholeDaysSince } from "../i18n/dates";
import { incomingForBackordered, waitingTotals } from "../engine/waiting-totals.server";

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
  const [statuses, waiting, late, totals, restockRule, nextShip, deadJobs, activity] = await Promise.all([
    db.trackedVariant.groupBy({ by: ["status"], where: { shop, status: { in: ["backorder", "sold_out"] } }, _count: { _all: true } }),
    db.backorderLine.aggregate({ where: waitingWhere, _sum: { waitingUnits: true }, _min: { orderedAt: true } }),
    db.backorderLine.count({ where: { ...waitingWhere, shipsOn: { lt: today } } }),
    waitingTotals(db, shop),
    db.variantRule.findFirst({ where: { shop, restockDate: { gte: today } }, orderBy: { restockDate: "asc" }, select: { restockDate: true } }),
    db.trackedVariant.findFirst({ where: { shop, nextShipsOn: { not: null } }, orderBy: { nextShipsOn: "asc" }, select: { nextShipsOn: true } }),
    db.job.count({ where: { shop, status: "dead" } }),
    db.activity.findMany({ where: { shop }, orderBy: { id: "desc" }, take: 10, select: { id: true, at: true, kind: true, message: true } }),
  ]);
  const incomingUnits = await incomingForBackordered(db, shop);
  const countOf = (status: string) => statuses.find((row) => row.status === status)?._count._all ?? 0;
  const backorderedVariants = countOf("backorder") + countOf("sold_out");
  const waitingOrders = totals.orders;
  const oldest = waiting._min.orderedAt;
  return {
    backorderedVariants,
    waitingOrders,
    waitingUnits: waiting._sum.waitingUnits ?? 0,
    valueWaiting: (totals.cents / 100).toFixed(2),
    oldestWaitDays: oldest === null ? null : wholeDaysSince(oldest, now),
    nextRestock: restockRule?.restockDate ?? nextShip?.nextShipsOn ?? null,
    incomingUnits,
    alerts: {
      atCap: countOf("sold_out"),
      etaPassed: late,
      deadJobs,
    },
    activity: activity.map((entry) => ({ id: entry.id, at: entry.at.toISOString(), kind: entry.kind, message: entry.message })),
    empty: backorderedVariants === 0 && waitingOrders === 0,
  };
}
