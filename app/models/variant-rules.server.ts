/**
 * The merchant's per-variant rules (restock date, back-orders on or off, cap):
 * validated here, then written, and the engine is asked to sync each variant;
 * the engine is the one that talks to Shopify.
 */
import type { PrismaClient } from "@prisma/client";
import { enqueueJob } from "../jobs/job-queue.server";
import { logMerchantChanges } from "../engine/activity.server";
import { formatDate } from "../i18n/dates";
import { strings } from "../i18n/strings";
import { latestRestockDate } from "../domain/restock-eta";
import { MAX_BULK_VARIANTS, MAX_WAITING_CAP, parseNumericId, shopToday, VARIANT_GID_PREFIX, variantGid, type VariantOverride } from "./variants.server";

export interface RuleChange {
  restockDate?: string | null;
  override?: VariantOverride;
  waitingCap?: number | null;
  /** Units the restock date is for; null: every unit no shipment covers (supply-promises.ts). */
  restockQuantity?: number | null;
}

export type RuleField = "restockDate" | "override" | "waitingCap" | "restockQuantity";
export type ValidationResult = { ok: true; change: RuleChange } | { ok: false; errors: Partial<Record<RuleField, string>> };

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/**
 * Checks what the merchant typed. Only the fields present are changed; a blank
 * restock date or cap clears it, unless `requireRestockDate`. Pure: `today` is
 * the shop's date; `currentRestockDate` is the one stored, accepted as it is.
 */
export function validateRuleChange(
  fields: Partial<Record<RuleField, string | null>>,
  today: string,
  options: { requireRestockDate?: boolean; currentRestockDate?: string | null } = {},
): ValidationResult {
  const text = strings.variants.errors;
  const errors: Partial<Record<RuleField, string>> = {};
  const change: RuleChange = {};

  if (fields.restockDate !== undefined) {
    const value = (fields.restockDate ?? "").trim();
    if (value === "") {
      if (options.requireRestockDate) errors.restockDate = text.restockDateRequired;
      else change.restockDate = null;
    } else if (!isIsoDate(value)) errors.restockDate = text.restockDateFormat;
    // Checked before the stored-date exception: a far date stored before this bound must not stay.
    else if (value > latestRestockDate(today)) errors.restockDate = text.restockDateTooFar(formatDate(latestRestockDate(today), { style: "long" }));
    // A date already stored may have passed since: saving the page again must not fail on it.
    else if (value < today && value !== options.currentRestockDate) errors.restockDate = text.restockDatePast(today);
    else change.restockDate = value;
  }

  if (fields.override !== undefined) {
    const value = (fields.override ?? "").trim();
    if (value === "always" || value === "never") change.override = value;
    else if (value === "" || value === "default") change.override = null;
    else errors.override = text.override;
  }

  if (fields.waitingCap !== undefined) {
    const value = (fields.waitingCap ?? "").trim();
    if (value === "") change.waitingCap = null;
    else if (!/^\d+$/.test(value) || Number(value) > MAX_WAITING_CAP) errors.waitingCap = text.waitingCap(MAX_WAITING_CAP);
    else change.waitingCap = Number(value);
  }

  if (fields.restockQuantity !== undefined) {
    const value = (fields.restockQuantity ?? "").trim();
    if (value === "") change.restockQuantity = null;
    else if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_WAITING_CAP) errors.restockQuantity = text.restockQuantity(MAX_WAITING_CAP);
    else change.restockQuantity = Number(value);
  }

  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, change };
}

/** Variant ids from a form (numeric parts or full GIDs); null when one is malformed or there are too many. */
export function parseVariantIds(values: readonly string[]): string[] | null {
  const ids = values.flatMap((value) => value.split(",")).map((value) => value.trim()).filter(Boolean);
  if (ids.length === 0 || ids.length > MAX_BULK_VARIANTS) return null;
  const gids: string[] = [];
  for (const value of ids) {
    const numeric = parseNumericId(value.startsWith(VARIANT_GID_PREFIX) ? value.slice(VARIANT_GID_PREFIX.length) : value);
    if (!numeric) return null;
    gids.push(variantGid(numeric));
  }
  return [...new Set(gids)];
}

export type ApplyResult = { ok: true; updated: number } | { ok: false; reason: "not_found"; missing: string[] };

/**
 * Stores the change on every variant's rule, then asks the engine to sync each
 * one. All or nothing: when a variant is not the shop's, nothing is written.
 */
export async function applyRuleChange(db: PrismaClient, shop: string, variantIds: readonly string[], change: RuleChange): Promise<ApplyResult> {
  const ids = [...new Set(variantIds)];
  const owned = await db.trackedVariant.findMany({ where: { shop, variantId: { in: ids } }, select: { variantId: true, title: true } });
  const ownedIds = new Map(owned.map((variant) => [variant.variantId, variant.title]));
  const missing = ids.filter((id) => !ownedIds.has(id));
  if (missing.length > 0 || ids.length === 0) return { ok: false, reason: "not_found", missing };

  const data: RuleChange = {};
  if (change.restockDate !== undefined) data.restockDate = change.restockDate;
  if (change.override !== undefined) data.override = change.override;
  if (change.waitingCap !== undefined) data.waitingCap = change.waitingCap;
  if (change.restockQuantity !== undefined) data.restockQuantity = change.restockQuantity;
  const before = new Map((await db.variantRule.findMany({ where: { shop, variantId: { in: ids } } })).map((rule) => [rule.variantId, rule]));
  await db.$transaction(ids.map((variantId) => db.variantRule.upsert({ where: { shop_variantId: { shop, variantId } }, create: { shop, variantId, ...data }, update: data })));
  // Activity says what changed for each variant; a variant whose rule stayed the same gets no entry.
  await logMerchantChanges(db, shop, ids.flatMap((variantId) => {
    const changed = changedFields(before.get(variantId) ?? null, data);
    const said = describeRuleChange(changed);
    return said.length === 0 ? [] : [{ kind: "variant.rule_changed", subject: variantId, message: strings.merchantActivity.ruleChanged(ownedIds.get(variantId) ?? variantId, said), details: { ...changed } }];
  }));
  for (const variantId of ids) await enqueueJob(db, { shop, kind: "sync-variant", subject: variantId }, { source: "merchant" });
  return { ok: true, updated: ids.length };
}

/** The part of a change that differs from the rule stored before it (none stored: every field empty). */
function changedFields(stored: { restockDate: string | null; override: string | null; waitingCap: number | null; restockQuantity: number | null } | null, change: RuleChange): RuleChange {
  const changed: RuleChange = {};
  if (change.restockDate !== undefined && change.restockDate !== (stored?.restockDate ?? null)) changed.restockDate = change.restockDate;
  if (change.override !== undefined && change.override !== (stored?.override ?? null)) changed.override = change.override;
  if (change.waitingCap !== undefined && change.waitingCap !== (stored?.waitingCap ?? null)) changed.waitingCap = change.waitingCap;
  if (change.restockQuantity !== undefined && change.restockQuantity !== (stored?.restockQuantity ?? null)) changed.restockQuantity = change.restockQuantity;
  return changed;
}

/** The change in the merchant's words, for Activity. */
export function describeRuleChange(change: RuleChange): string[] {
  const text = strings.merchantActivity;
  const said: string[] = [];
  if (change.override !== undefined) said.push(text.override[change.override ?? "default"]);
  if (change.restockDate !== undefined) said.push(change.restockDate === null ? text.restockDateCleared : text.restockDateSet(formatDate(change.restockDate, { style: "long" })));
  if (change.waitingCap !== undefined) said.push(change.waitingCap === null ? text.capCleared : text.capSet(change.waitingCap));
  if (change.restockQuantity !== undefined) said.push(change.restockQuantity === null ? text.restockQuantityCleared : text.restockQuantitySet(change.restockQuantity));
  return said;
}

export type UpdateResult =
  | { ok: true; updated: number }
  | { ok: false; status: 400; errors: Partial<Record<RuleField, string>>; message: string }
  | { ok: false; status: 404 };

/**
 * What both pages do with a form: validate against the shop's today, then
 * store and sync. With `keepStoredRestockDate` (the variant page, one variant),
 * the restock date already stored is accepted as it is: it may have gone by
 * since it was set, and saving the page's other fields must not fail on it.
 */
export async function updateVariantRules(
  db: PrismaClient,
  shop: string,
  variantIds: readonly string[],
  fields: Partial<Record<RuleField, string | null>>,
  options: { requireRestockDate?: boolean; keepStoredRestockDate?: boolean; now?: Date } = {},
): Promise<UpdateResult> {
  const [today, current] = await Promise.all([
    shopToday(db, shop, options.now),
    options.keepStoredRestockDate && variantIds.length === 1 ? db.variantRule.findUnique({ where: { shop_variantId: { shop, variantId: variantIds[0]! } }, select: { restockDate: true } }) : null,
  ]);
  const checked = validateRuleChange(fields, today, { requireRestockDate: options.requireRestockDate, currentRestockDate: current?.restockDate ?? null });
  if (!checked.ok) return { ok: false, status: 400, errors: checked.errors, message: Object.values(checked.errors).join(" ") };
  const applied = await applyRuleChange(db, shop, variantIds, checked.change);
  return applied.ok ? applied : { ok: false, status: 404 };
}
