import type { PrismaClient } from "@prisma/client";

export interface ActivityEntry {
  kind: string;
  subject: string;
  message: string;
  details?: unknown;
}

/** The source of what the merchant did in the app; Activity names it as their own action. */
export const MERCHANT_SOURCE = "merchant";

const rowOf = (shop: string, source: string | null, entry: ActivityEntry) => ({
  shop,
  kind: entry.kind,
  subject: entry.subject,
  message: entry.message,
  source,
  details: entry.details === undefined ? null : JSON.stringify(entry.details),
});

/** The merchant-readable record of every automatic action: what, on what, why, and which webhook. */
export async function logActivity(db: PrismaClient, shop: string, source: string | null, entry: ActivityEntry): Promise<void> {
  await db.activity.create({ data: rowOf(shop, source, entry) });
}

/** The merchant's own changes (settings, rules, queue actions), so Activity shows them beside the app's. */
export async function logMerchantChanges(db: PrismaClient, shop: string, entries: readonly ActivityEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.activity.createMany({ data: entries.map((entry) => rowOf(shop, MERCHANT_SOURCE, entry)) });
}
