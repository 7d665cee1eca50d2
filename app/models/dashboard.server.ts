/** The admin home: the shop's back-order picture, read from the app's own database. */
import { Prisma, type PrismaClient } from "@prisma/client";
import { todayIn } from "../engine/settings.server";
import { wholeDaysSince } from "../i18n/dates";
import { describeActivity, type ActivityWords } from "../i18n/activity-words";
import { incomingForBackordered, waitingTotals } from "../engine/waiting-totals.server";
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
  /** `unreadableOrders`: waiting orders past Shopify's 60-day window the app can no longer read. */
  alerts: { atCap: number; etaPassed: number; deadJobs: number; unreadableOrders: number };
  activity: ({ id: number; at: string } & ActivityWords)[];
  /** Nothing back-ordered and nothing waiting: a new install, or a shop with stock. */
  empty: boolean;
}

export async function loadDashboard(db: PrismaClient, shop: string, options: { now?: Date } = {}): Promise<Dashboard> {
  const now = options.now ?? new Date();
  const settings = await db.shopSettings.findUnique({ where: { shop }, select: { timezone: true } });
  const today = todayIn(settings?.timezone ?? "UTC", now);
  const waitingWhere = { shop, state: "waiting", waitingUnits: { gt: 0 } };
  // Sums in the database: a shop may have tens of thousands of waiting lines.
  const [statuses, waiting, late, totals, [restock], nextShip, deadJobs, activity] = await Promise.all([
    db.trackedVariant.groupBy({ by: ["status"], where: { shop, status: { in: ["backorder", "sold_out"] } }, _count: { _all: true } }),
    db.backorderLine.aggregate({ where: waitingWhere, _sum: { waitingUnits: true }, _min: { orderedAt: true } }),
    db.backorderLine.count({ where: overdueWhere(shop, today) }),
    waitingTotals(db, shop),
    // A date kept for a variant in stock is for its next sell-out, not a restock anyone waits for (app/domain/restock-episode.ts).
    db.$queryRaw<{ date: string | null }[]>(Prisma.sql`
      SELECT MIN(r."restockDate") AS "date" FROM "VariantRule" r
      JOIN "TrackedVariant" v ON v."shop" = r."shop" AND v."variantId" = r."variantId"
      WHERE r."shop" = ${shop} AND r."restockDate" >= ${today} AND (v."status" IN ('backorder', 'sold_out') OR v."waitingUnits" > 0)`),
    db.trackedVariant.findFirst({ where: { shop, nextShipsOn: { gte: today } }, orderBy: { nextShipsOn: "asc" }, select: { nextShipsOn: true } }),
    db.job.count({ where: { shop, status: "dead" } }),
    db.activity.findMany({ where: { shop }, orderBy: { id: "desc" }, take: 10, select: { id: true, at: true, kind: true, message: true, details: true } }),
  ]);
  const incomingUnits = await incomingForBackordered(db, shop);
  const unreadable = await db.backorderLine.findMany({ where: { shop, state: "waiting", orderUnreadableAt: { not: null } }, distinct: ["orderId"], select: { orderId: true } });
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
    nextRestock: restock?.date ?? nextShip?.nextShipsOn ?? null,
    incomingUnits,
    alerts: {
      atCap: countOf("sold_out"),
      etaPassed: late,
      deadJobs,
      unreadableOrders: unreadable.length,
    },
    activity: activity.map((entry) => ({ id: entry.id, at: entry.at.toISOString(), ...describeActivity(entry) })),
    empty: backorderedVariants === 0 && waitingOrders === 0,
  };
}
