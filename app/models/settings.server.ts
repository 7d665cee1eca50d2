/** The merchant's Settings page: what the form shows, how it is checked, and saving it. */
import type { PrismaClient, ShopSettings } from "@prisma/client";
import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import type { FulfilmentMode } from "../domain/hold-plan";
import { locationMovesOf, type LocationMovesSetting } from "../domain/location-moves";
import { MAX_HANDLING_DAYS } from "../domain/date-horizon";
import { enqueueJob } from "../jobs/job-queue.server";
import { fulfilmentModeOf, loadSettings, scopeOf, todayIn } from "../engine/settings.server";
import { logMerchantChanges } from "../engine/activity.server";
import { dateStyleOf, isDateStyle, type DateStyle } from "../i18n/dates";
import { strings } from "../i18n/strings";
import { joinIds, splitIds } from "./id-list";
import { loadProductTitles, type ChosenProduct } from "./product-titles.server";

export const SCOPE_KINDS = ["all", "tagged", "chosen"] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];
export const FULFILMENT_MODES = ["hold_release", "hold_fulfil", "ship_available_first"] as const satisfies readonly FulfilmentMode[];
export const LOCATION_MOVES = ["off", "suggest", "automatic"] as const satisfies readonly LocationMovesSetting[];

export const SETTINGS_LIMITS = {
  /** Shopify's own limit for a product tag. */
  tagLength: 255,
  productIds: 250,
  capMax: 100_000,
  // Within the date horizon (app/domain/date-horizon.ts): a year of lead time, the longest handling.
  leadTimeMax: 365,
  handlingMax: MAX_HANDLING_DAYS,
  messageLength: 200,
} as const;

export const SETTINGS_FIELDS = [
  "scopeKind",
  "scopeTag",
  "scopeProductIds",
  "waitingCapPerVariant",
  "defaultLeadTimeDays",
  "handlingDays",
  "restockMessage",
  "soldOutMessage",
  "dateStyle",
  "fulfilmentMode",
  "locationMoves",
] as const;
export type SettingsField = (typeof SETTINGS_FIELDS)[number];

/** Settings as the engine stores them, after validation. */
export interface SettingsValue {
  scopeKind: ScopeKind;
  scopeTag: string | null;
  scopeProductIds: string[];
  waitingCapPerVariant: number | null;
  defaultLeadTimeDays: number | null;
  handlingDays: number;
  restockMessage: string | null;
  soldOutMessage: string | null;
  dateStyle: DateStyle;
  fulfilmentMode: FulfilmentMode;
  locationMoves: LocationMovesSetting;
}

/** Settings as the form shows them: every field a string, as typed. */
export type SettingsFormValues = Record<SettingsField, string>;

export type SettingsErrors = Partial<Record<SettingsField, string>>;
export type ParsedSettings = { ok: true; value: SettingsValue } | { ok: false; errors: SettingsErrors };

/** Anything a form can be read from: FormData, URLSearchParams, or a plain object. */
export type SettingsFormInput = { get(name: string): FormDataEntryValue | null } | Partial<Record<string, string>>;

const PRODUCT_GID = /^gid:\/\/shopify\/Product\/[1-9]\d*$/;

function reader(form: SettingsFormInput): (name: SettingsField) => string {
  if (typeof (form as { get?: unknown }).get === "function") {
    const get = (form as { get(name: string): FormDataEntryValue | null }).get.bind(form);
    return (name) => {
      const value = get(name);
      return typeof value === "string" ? value : "";
    };
  }
  const record = form as Partial<Record<string, string>>;
  return (name) => (typeof record[name] === "string" ? record[name] : "");
}

type NumberResult = { ok: true; value: number | null } | { ok: false; error: string };

/** A whole number in [min, max]; blank is null when allowed. */
function wholeNumber(raw: string, bounds: { min: number; max: number; blank: boolean }): NumberResult {
  const text = raw.trim();
  const errors = strings.settings.errors;
  if (text === "") return bounds.blank ? { ok: true, value: null } : { ok: false, error: errors.required };
  if (!/^-?\d+$/.test(text)) return { ok: false, error: errors.wholeNumber };
  const value = Number(text);
  if (value < bounds.min || value > bounds.max) return { ok: false, error: errors.between(bounds.min, bounds.max) };
  return { ok: true, value };
}

/** Checks a submitted Settings form. Pure: no I/O, so the route and tests share it. */
export function parseSettingsForm(form: SettingsFormInput): ParsedSettings {
  const read = reader(form);
  const errors: SettingsErrors = {};
  const text = strings.settings.errors;

  const scopeKind = read("scopeKind").trim();
  if (!(SCOPE_KINDS as readonly string[]).includes(scopeKind)) errors.scopeKind = text.scopeKind;

  const tag = read("scopeTag").trim();
  if (scopeKind === "tagged" && tag === "") errors.scopeTag = text.tagRequired;
  else if (tag.length > SETTINGS_LIMITS.tagLength) errors.scopeTag = text.tooLong(SETTINGS_LIMITS.tagLength);
  else if (tag.includes(",")) errors.scopeTag = text.tagComma;

  const productIds = splitIds(read("scopeProductIds"));
  if (scopeKind === "chosen") {
    const bad = productIds.filter((id) => !PRODUCT_GID.test(id));
    if (productIds.length === 0) errors.scopeProductIds = text.productsRequired;
    else if (bad.length > 0) errors.scopeProductIds = text.productIds(bad.slice(0, 3).join(", "));
    else if (productIds.length > SETTINGS_LIMITS.productIds) errors.scopeProductIds = text.tooManyProducts(SETTINGS_LIMITS.productIds);
  }

  const cap = wholeNumber(read("waitingCapPerVariant"), { min: 0, max: SETTINGS_LIMITS.capMax, blank: true });
  if (!cap.ok) errors.waitingCapPerVariant = cap.error;
  const leadTime = wholeNumber(read("defaultLeadTimeDays"), { min: 0, max: SETTINGS_LIMITS.leadTimeMax, blank: true });
  if (!leadTime.ok) errors.defaultLeadTimeDays = leadTime.error;
  const handling = wholeNumber(read("handlingDays"), { min: 0, max: SETTINGS_LIMITS.handlingMax, blank: false });
  if (!handling.ok) errors.handlingDays = handling.error;

  const message = read("restockMessage").trim();
  if (message.length > SETTINGS_LIMITS.messageLength) errors.restockMessage = text.tooLong(SETTINGS_LIMITS.messageLength);
  const soldOutMessage = read("soldOutMessage").trim();
  if (soldOutMessage.length > SETTINGS_LIMITS.messageLength) errors.soldOutMessage = text.tooLong(SETTINGS_LIMITS.messageLength);

  const dateStyle = read("dateStyle").trim();
  if (!isDateStyle(dateStyle)) errors.dateStyle = text.dateStyle;

  const mode = read("fulfilmentMode").trim();
  if (!(FULFILMENT_MODES as readonly string[]).includes(mode)) errors.fulfilmentMode = text.fulfilmentMode;
  // Left out (a form from before the setting existed): the default, off.
  const moves = read("locationMoves").trim() || "off";
  if (!(LOCATION_MOVES as readonly string[]).includes(moves)) errors.locationMoves = strings.locationMoves.invalid;

  if (Object.keys(errors).length > 0 || !cap.ok || !leadTime.ok || !handling.ok) return { ok: false, errors };
  const kind = scopeKind as ScopeKind;
  return {
    ok: true,
    value: {
      scopeKind: kind,
      // Kept when another scope is chosen, so switching back does not lose what was typed.
      scopeTag: tag === "" ? null : tag,
      scopeProductIds: kind === "chosen" ? productIds : [],
      waitingCapPerVariant: cap.value,
      defaultLeadTimeDays: leadTime.value,
      handlingDays: handling.value ?? 0,
      restockMessage: message === "" ? null : message,
      soldOutMessage: soldOutMessage === "" ? null : soldOutMessage,
      dateStyle: dateStyle as DateStyle,
      fulfilmentMode: mode as FulfilmentMode,
      locationMoves: moves as LocationMovesSetting,
    },
  };
}

/** What the form shows for stored settings. */
export function formValuesOf(settings: ShopSettings): SettingsFormValues {
  const scope = scopeOf(settings);
  return {
    scopeKind: scope.kind,
    scopeTag: settings.scopeTag ?? "",
    scopeProductIds: scope.kind === "chosen" ? joinIds(scope.productIds) : "",
    waitingCapPerVariant: settings.waitingCapPerVariant === null ? "" : String(settings.waitingCapPerVariant),
    defaultLeadTimeDays: settings.defaultLeadTimeDays === null ? "" : String(settings.defaultLeadTimeDays),
    handlingDays: String(settings.handlingDays),
    restockMessage: settings.restockMessage ?? "",
    soldOutMessage: settings.soldOutMessage ?? "",
    dateStyle: dateStyleOf(settings.dateStyle),
    fulfilmentMode: fulfilmentModeOf(settings),
    locationMoves: locationMovesOf(settings.locationMoves),
  };
}

export interface SettingsPageData {
  values: SettingsFormValues;
  /** The chosen products with their titles, read from Shopify (the settings keep only ids). */
  chosenProducts: ChosenProduct[];
  timezone: string;
  /** The shop's today (ISO date): the date style examples show it. */
  today: string;
  limits: typeof SETTINGS_LIMITS;
  /** The choices, sent with the data: the page cannot import this server module's values. */
  scopeKinds: readonly ScopeKind[];
  fulfilmentModes: readonly FulfilmentMode[];
  locationMoveChoices: readonly LocationMovesSetting[];
}

export async function loadSettingsPage(db: PrismaClient, shop: string, graphql: AdminApiContext["graphql"]): Promise<SettingsPageData> {
  const settings = await loadSettings(db, shop);
  const scope = scopeOf(settings);
  return {
    values: formValuesOf(settings),
    chosenProducts: await loadProductTitles(graphql, scope.kind === "chosen" ? scope.productIds : []),
    timezone: settings.timezone,
    today: todayIn(settings.timezone),
    limits: SETTINGS_LIMITS,
    scopeKinds: SCOPE_KINDS,
    fulfilmentModes: FULFILMENT_MODES,
    locationMoveChoices: LOCATION_MOVES,
  };
}

/** The label Activity names a changed setting by (the scope's three fields are one choice). */
function settingLabel(field: SettingsField): string {
  const text = strings.settings;
  if (field === "scopeKind" || field === "scopeTag" || field === "scopeProductIds") return text.scope.heading;
  if (field === "restockMessage" || field === "soldOutMessage") return text.dates.messages[field].label;
  const labels = {
    waitingCapPerVariant: text.limits.capLabel,
    defaultLeadTimeDays: text.dates.leadTimeLabel,
    handlingDays: text.dates.handlingLabel,
    dateStyle: text.dates.styleLabel,
    fulfilmentMode: text.fulfilment.label,
    locationMoves: strings.locationMoves.label,
  } as const;
  return labels[field];
}

/** Stores valid settings, records what changed in Activity, and asks for a full reconciliation, so the new rules reach every variant. */
export async function saveSettings(db: PrismaClient, shop: string, value: SettingsValue): Promise<SettingsFormValues> {
  const data = { ...value, scopeProductIds: JSON.stringify(value.scopeProductIds) };
  const before = formValuesOf(await loadSettings(db, shop));
  const saved = await db.shopSettings.upsert({ where: { shop }, create: { shop, ...data }, update: data });
  const after = formValuesOf(saved);
  const changed = SETTINGS_FIELDS.filter((field) => before[field] !== after[field]);
  await logMerchantChanges(db, shop, [
    { kind: "settings.saved", subject: shop, message: strings.merchantActivity.settingsSaved([...new Set(changed.map(settingLabel))]), details: { changed } },
  ]);
  await enqueueJob(db, { shop, kind: "reconcile", subject: shop }, { source: "settings" });
  return after;
}
