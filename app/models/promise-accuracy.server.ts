/**
 * Promise accuracy for Home (the shop, over time, the suppliers with the worst record) and for a
 * variant page, from the back-order lines released in the chosen period.
 *
 * Which lines count: those that left the queue shipping, `released` (the app lifted its hold) or
 * `fulfilled` (the app fulfilled them in hold-and-fulfil mode, or found nothing left to ship),
 * with a date promised. Lines the merchant released by hand (`merchantAction` "released": Release
 * now, or the app's hold lifted in Shopify admin) shipped by choice, not because stock came: they
 * are counted apart and never judged. Cancelled lines (by the customer, the merchant, or as an
 * order past Shopify's 60-day window) shipped nothing and are left out, as are lines promised no
 * date (no date was known when they started waiting). The app cannot tell a line the merchant
 * fulfilled in Shopify admin without touching its hold from one it fulfilled itself: both count.
 *
 * One bounded read: only lines released from the day before the period's first day (a margin for
 * the shop's time zone; the [shop, releasedAt] index keeps it to the period), three short columns
 * each; the release day in the shop's time zone is worked out here, then the domain judges.
 */
import type { PrismaClient } from "@prisma/client";
import { addDays } from "../domain/restock-eta";
import { periodStart, promiseAccuracy, type AccuracyPeriod, type LeftQueueLine, type PromiseAccuracyReport } from "../domain/promise-accuracy";
import { todayIn } from "../engine/settings.server";

export interface PromiseAccuracy extends PromiseAccuracyReport {
  days: AccuracyPeriod;
}

export async function loadPromiseAccuracy(
  db: PrismaClient,
  shop: string,
  options: { days: AccuracyPeriod; variantId?: string; now?: Date },
): Promise<PromiseAccuracy> {
  const now = options.now ?? new Date();
  const settings = await db.shopSettings.findUnique({ where: { shop }, select: { timezone: true } });
  const timeZone = settings?.timezone ?? "UTC";
  const today = todayIn(timeZone, now);
  // A day early in UTC: the period's first day starts up to 14 hours before its UTC midnight.
  const releasedFrom = new Date(`${addDays(periodStart(today, options.days), -1)}T00:00:00Z`);
  const rows = await db.backorderLine.findMany({
    where: {
      shop,
      ...(options.variantId ? { variantId: options.variantId } : {}),
      releasedAt: { gte: releasedFrom },
      state: { in: ["released", "fulfilled"] },
      promisedOn: { not: null },
      OR: [{ merchantAction: null }, { merchantAction: "released" }],
    },
    select: { variantId: true, promisedOn: true, releasedAt: true, merchantAction: true },
  });
  const vendors = await vendorsOf(db, shop, options.variantId ? [] : [...new Set(rows.map((row) => row.variantId))]);
  const lines: LeftQueueLine[] = rows.map((row) => ({
    variantId: row.variantId,
    vendor: vendors.get(row.variantId) ?? null,
    promisedOn: row.promisedOn!,
    releasedOn: todayIn(timeZone, row.releasedAt!),
    releasedByMerchant: row.merchantAction === "released",
  }));
  return { days: options.days, ...promiseAccuracy(lines, { today, days: options.days }) };
}

/** The supplier the app stores for each variant (Shopify's product vendor, read by the variant sync). */
async function vendorsOf(db: PrismaClient, shop: string, variantIds: string[]): Promise<Map<string, string | null>> {
  const vendors = new Map<string, string | null>();
  // In slices: SQLite takes a bounded number of parameters in one statement.
  for (let start = 0; start < variantIds.length; start += 500) {
    const rows = await db.trackedVariant.findMany({ where: { shop, variantId: { in: variantIds.slice(start, start + 500) } }, select: { variantId: true, vendor: true } });
    for (const row of rows) vendors.set(row.variantId, row.vendor?.trim() || null);
  }
  return vendors;
}
