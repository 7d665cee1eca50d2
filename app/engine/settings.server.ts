import type { PrismaClient, ShopSettings } from "@prisma/client";
import type { FulfilmentMode } from "../domain/hold-plan";
import { enqueueJob } from "../jobs/job-queue.server";
import type { BackorderRules, BackorderScope } from "../domain/variant-policy";

/** A shop's settings, created with the defaults the first time they are needed. */
export async function loadSettings(db: PrismaClient, shop: string): Promise<ShopSettings> {
  // A read on the hot path; the write only the first time.
  return (await db.shopSettings.findUnique({ where: { shop } })) ?? db.shopSettings.upsert({ where: { shop }, create: { shop }, update: {} });
}

export function scopeOf(settings: ShopSettings): BackorderScope {
  switch (settings.scopeKind) {
    case "tagged":
      return { kind: "tagged", tag: settings.scopeTag ?? "" };
    case "chosen":
      return { kind: "chosen", productIds: parseIdList(settings.scopeProductIds) };
    default:
      return { kind: "all" };
  }
}

export function rulesOf(settings: ShopSettings, variantCap: number | null = null): BackorderRules {
  return { scope: scopeOf(settings), waitingCapPerVariant: variantCap ?? settings.waitingCapPerVariant };
}

export function fulfilmentModeOf(settings: ShopSettings): FulfilmentMode {
  const mode = settings.fulfilmentMode;
  return mode === "hold_fulfil" || mode === "ship_available_first" ? mode : "hold_release";
}

function parseIdList(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((id): id is string => typeof id === "string") : [];
  } catch {
    return [];
  }
}

/** Today's date where the shop is, so "ships on" dates match the merchant's calendar. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const format = dayFormats.has(timeZone) ? dayFormats.get(timeZone)! : dayFormatIn(timeZone);
  return format ? format.format(now) : now.toISOString().slice(0, 10);
}

/** Formatters by time zone: making one costs about a millisecond, and every job asks for today. */
const dayFormats = new Map<string, Intl.DateTimeFormat | null>();

function dayFormatIn(timeZone: string): Intl.DateTimeFormat | null {
  let format: Intl.DateTimeFormat | null;
  try {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  } catch {
    format = null; // not a time zone this runtime knows: UTC's day
  }
  dayFormats.set(timeZone, format);
  return format;
}

/** After (re)installation: the shop is live again and gets a full reconciliation. */
export async function markInstalled(db: PrismaClient, shop: string): Promise<void> {
  const now = new Date();
  await db.shopSettings.upsert({ where: { shop }, create: { shop, installedAt: now }, update: { installedAt: now, uninstalledAt: null } });
  await enqueueJob(db, { shop, kind: "reconcile", subject: shop }, { source: "install" });
}
