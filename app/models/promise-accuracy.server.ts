/**
 * Promise accuracy for Home (the shop, over time, the suppliers and variants with the worst record) and for a
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
import { periodStart, promiseAccuracy, type AccuracyPeriod, type LeftQueueLine, type PromiseAccuracyReport, type PromiseRecord } from "../domain/promise-accuracy";
import { todayIn } from "../engine/settings.server";
import { numericIdOf } from "./variants.server";

export interface PromiseAccuracy extends Omit<PromiseAccuracyReport, "worstVariants"> {
  days: AccuracyPeriod;
  /** The variant page's numeric id and the title the app stores (null for a variant it no longer tracks). */
  worstVariants: { id: string; title: string | null; record: PromiseRecord }[];
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
  const variants = await variantsOf(db, shop, options.variantId ? [] : [...new Set(rows.map((row) => row.variantId))]);
  const lines: LeftQueueLine[] = rows.map((row) => ({
    variantId: row.variantId,
    vendor: variants.get(row.variantId)?.vendor ?? null,
    promisedOn: row.promisedOn!,
    releasedOn: todayIn(timeZone, row.releasedAt!),
    releasedByMerchant: row.merchantAction === "released",
  }));
  const report = promiseAccuracy(lines, { today, days: options.days });
  return {
    ...report,
    days: options.days,
    worstVariants: report.worstVariants.map(({ variantId, record }) => ({ id: numericIdOf(variantId), title: variants.get(variantId)?.title ?? null, record })),
  };
}

/** The title and supplier the app stores for each variant (the supplier is Shopify's product vendor, read by the variant sync). */
async function variantsOf(db: PrismaClient, shop: string, variantIds: string[]): Promise<Map<string, { title: string; vendor: string | null }>> {
  const variants = new Map<string, { title: string; vendor: string | null }>();
  // In slices: SQLite takes a bounded number of parameters in one statement.
  for (let start = 0; start < variantIds.length; start += 500) {
    const rows = await db.trackedVariant.findMany({ where: { shop, variantId: { in: variantIds.slice(start, start + 500) } }, select: { variantId: true, title: true, vendor: true } });
    for (const row of rows) variants.set(row.variantId, { title: row.title, vendor: row.vendor?.trim() || null });
  }
  return variants;
}
