/**
 * The customer's self-service cancel: the signed link the notices put in their emails, and what the
 * page shows and does. Confirming removes the line's waiting units with the merchant's own
 * "Cancel back-order" (merchant-actions.server.ts), recorded as the customer's. The token is the
 * credential and names one line; a second use finds the line cancelled and changes nothing.
 */
import type { PrismaClient } from "@prisma/client";
import { customerCancelState } from "../domain/customer-cancel";
import { cancelTokenKey, customerLocaleOf, DEFAULT_CANCEL_LINK_DAYS, signCancelToken, verifyCancelToken, type CustomerLocale } from "../domain/cancel-token";
import type { EngineContext } from "./context.server";
import { cancelLineBackorder, type RefundDue } from "./merchant-actions.server";
import { ShopifyUserError } from "./user-errors.server";

/** Activity names the customer's link as the cause of what it does. */
export const CUSTOMER_SOURCE = "customer";

/** Where the page lives under the app's public URL. */
export const CANCEL_PATH = "/backorder/cancel/";

export interface CancelLinkSettings {
  apiSecret: string;
  appUrl: string;
  days: number;
}

export function cancelLinkSettingsFromEnv(): CancelLinkSettings {
  const days = Number(process.env.BACKORDER_CANCEL_LINK_DAYS);
  return {
    apiSecret: process.env.SHOPIFY_API_SECRET ?? "",
    appUrl: process.env.SHOPIFY_APP_URL ?? "",
    days: Number.isFinite(days) && days > 0 ? days : DEFAULT_CANCEL_LINK_DAYS,
  };
}

export interface CancelLinkInput {
  shop: string;
  lineItemId: string;
  /** The customer's language (Shopify's `Order.customerLocale`, or the email's): the page speaks it. */
  locale?: string | null;
  /** When the link is made (tests make links already expired). */
  now?: Date;
}

/** An absolute link to the cancel page for one order line, valid for the configured days. */
export async function cancelLinkFor(input: CancelLinkInput, settings: CancelLinkSettings = cancelLinkSettingsFromEnv()): Promise<string> {
  if (!settings.appUrl) throw new Error("SHOPIFY_APP_URL is needed to make cancel links");
  const token = await signCancelToken(cancelTokenKey(settings.apiSecret), { shop: input.shop, lineItemId: input.lineItemId, locale: customerLocaleOf(input.locale) }, { now: input.now ?? new Date(), days: settings.days });
  return new URL(`${CANCEL_PATH}${token}`, settings.appUrl).toString();
}

export type CancelPage = { locale: CustomerLocale } & (
  | { state: "invalid" | "expired" | "not_editable" | "unavailable" }
  | { state: "confirm"; orderName: string; product: string; units: number }
  | { state: "cancelled"; orderName: string; product: string; units: number; refundDue: RefundDue }
  | { state: "already_cancelled" | "no_longer_waiting"; orderName: string }
);

async function linesOf(db: PrismaClient, shop: string, lineItemId: string) {
  return db.backorderLine.findMany({ where: { shop, lineItemId }, orderBy: { locationId: "asc" } });
}

async function productOf(db: PrismaClient, shop: string, variantId: string): Promise<string> {
  const variant = await db.trackedVariant.findUnique({ where: { shop_variantId: { shop, variantId } }, select: { title: true } });
  return variant?.title ?? "";
}

/** What the page shows for a token before anything is done: never changes anything. */
export async function readCancelPage(db: PrismaClient, token: string, options: { localeHint: CustomerLocale; now?: Date; settings?: CancelLinkSettings }): Promise<CancelPage> {
  const settings = options.settings ?? cancelLinkSettingsFromEnv();
  const check = await verifyCancelToken(cancelTokenKey(settings.apiSecret), token, options.now ?? new Date());
  if (!check.ok) return { state: check.reason, locale: check.reason === "expired" ? check.locale : options.localeHint };
  const { shop, lineItemId, locale } = check.claims;
  const lines = await linesOf(db, shop, lineItemId);
  const state = customerCancelState(lines);
  if (state.kind === "unknown") return { state: "invalid", locale };
  if (state.kind !== "cancellable") return { state: state.kind, locale, orderName: state.orderName };
  const units = state.lines.reduce((sum, line) => sum + line.waitingUnits, 0);
  return { state: "confirm", locale, orderName: state.orderName, product: await productOf(db, shop, state.lines[0]!.variantId), units };
}

// Two confirmations of one link at once (a double click) must not edit the order twice: the second
// waits for the first, then finds the line cancelled. Per process; the page runs in the web process.
const inFlight = new Map<string, Promise<CancelPage>>();

/** The customer confirmed: removes the line's waiting units, once. */
export async function confirmCancel(
  db: PrismaClient,
  token: string,
  contextFor: (shop: string) => Promise<EngineContext | null>,
  options: { localeHint: CustomerLocale; now?: Date; settings?: CancelLinkSettings },
): Promise<CancelPage> {
  const settings = options.settings ?? cancelLinkSettingsFromEnv();
  const check = await verifyCancelToken(cancelTokenKey(settings.apiSecret), token, options.now ?? new Date());
  if (!check.ok) return { state: check.reason, locale: check.reason === "expired" ? check.locale : options.localeHint };
  const key = `${check.claims.shop}|${check.claims.lineItemId}`;
  const previous = inFlight.get(key);
  const run = (previous ?? Promise.resolve(null)).catch(() => null).then(() => cancelOnce(db, check.claims, contextFor));
  inFlight.set(key, run);
  try {
    return await run;
  } finally {
    if (inFlight.get(key) === run) inFlight.delete(key);
  }
}

async function cancelOnce(db: PrismaClient, claims: { shop: string; lineItemId: string; locale: CustomerLocale }, contextFor: (shop: string) => Promise<EngineContext | null>): Promise<CancelPage> {
  const { shop, lineItemId, locale } = claims;
  const state = customerCancelState(await linesOf(db, shop, lineItemId));
  if (state.kind === "unknown") return { state: "invalid", locale };
  if (state.kind !== "cancellable") return { state: state.kind, locale, orderName: state.orderName };
  const ctx = await contextFor(shop);
  if (!ctx || ctx.settings.uninstalledAt) return { state: "unavailable", locale };
  const product = await productOf(db, shop, state.lines[0]!.variantId);
  let units = 0;
  let refundDue: RefundDue = null;
  for (const line of state.lines) {
    try {
      const result = await cancelLineBackorder(ctx, line, { notifyCustomer: true, by: "customer" });
      if (result.ok) {
        units += result.units;
        refundDue = result.refundDue;
        continue;
      }
      if (result.status === 409 && result.reason === "line_not_editable") return { state: "not_editable", locale };
    } catch (error) {
      if (error instanceof ShopifyUserError) return { state: "not_editable", locale };
      throw error;
    }
  }
  // The variant was re-read first: its units arrived meanwhile, nothing was left to cancel.
  if (units === 0) return { state: "no_longer_waiting", locale, orderName: state.orderName };
  return { state: "cancelled", locale, orderName: state.orderName, product, units, refundDue };
}
