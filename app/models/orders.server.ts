/** "Orders waiting": every order line waiting for stock, and the merchant's priority over the queue. */
import type { Prisma, PrismaClient } from "@prisma/client";
import type { EngineContext } from "../engine/context.server";
import { cancelLineBackorder, releaseOrderNow } from "../engine/merchant-actions.server";
import { ShopifyUserError } from "../engine/user-errors.server";
import { logMerchantChanges } from "../engine/activity.server";
import { enqueueJob } from "../jobs/job-queue.server";
import { strings } from "../i18n/strings";
import { overdueWhere, waitingWhere } from "./waiting-lines.server";
import { containsIgnoringCase } from "../db-provider";
import { gidFrom, type ShopifyIdType } from "../shopify/ids";

export const ORDERS_PAGE_SIZE = 50;
const MAX_SEARCH_LENGTH = 200;

export interface OrdersQuery {
  search: string;
  /** Only lines past the date their customer was promised (before the shop's today). */
  overdue: boolean;
  page: number;
}

export interface WaitingOrderRow {
  id: string;
  orderId: string;
  lineItemId: string;
  locationId: string;
  orderName: string;
  customer: string | null;
  variantId: string;
  variantTitle: string;
  /** The product's thumbnail, when it has one. */
  variantImageUrl: string | null;
  waitingUnits: number;
  queuePosition: number | null;
  shipsOn: string | null;
  /** The date the customer was promised, when recorded. */
  promisedOn: string | null;
  orderedAt: string;
  priority: number;
  /** Shopify no longer shows the order to the app (past 60 days without read_all_orders): it can be neither released nor edited here. */
  unreadable: boolean;
}

export interface WaitingOrdersPage {
  rows: WaitingOrderRow[];
  total: number;
  page: number;
  pageCount: number;
  hasNext: boolean;
  hasPrevious: boolean;
  query: OrdersQuery;
}

export function parseOrdersQuery(params: URLSearchParams): OrdersQuery {
  const search = (params.get("q") ?? "").trim().slice(0, MAX_SEARCH_LENGTH);
  const page = Number.parseInt(params.get("page") ?? "1", 10);
  return { search, overdue: params.get("overdue") === "1", page: Number.isFinite(page) && page >= 1 ? page : 1 };
}

/** `today` (the shop's, ISO) decides what is overdue. */
export async function listWaitingOrders(db: PrismaClient, shop: string, query: OrdersQuery, today: string): Promise<WaitingOrdersPage> {
  const searched = containsIgnoringCase(db, query.search);
  const where: Prisma.BackorderLineWhereInput = {
    AND: [
      query.overdue ? overdueWhere(shop, today) : waitingWhere(shop),
      ...(query.search ? [{ OR: [{ orderName: searched }, { customerName: searched }, { customerEmail: searched }] }] : []),
    ],
  };
  const total = await db.backorderLine.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / ORDERS_PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  const lines = await db.backorderLine.findMany({
    where,
    orderBy: [{ variantId: "asc" }, { queuePosition: { sort: "asc", nulls: "last" } }, { orderedAt: "asc" }, { lineItemId: "asc" }],
    skip: (page - 1) * ORDERS_PAGE_SIZE,
    take: ORDERS_PAGE_SIZE,
  });
  const variantIds = [...new Set(lines.map((line) => line.variantId))];
  const variants = variantIds.length
    ? await db.trackedVariant.findMany({ where: { shop, variantId: { in: variantIds } }, select: { variantId: true, title: true, imageUrl: true } })
    : [];
  const variantOf = new Map(variants.map((variant) => [variant.variantId, variant]));
  return {
    rows: lines.map((line) => ({
      id: `${line.lineItemId}|${line.locationId}`,
      orderId: line.orderId,
      lineItemId: line.lineItemId,
      locationId: line.locationId,
      orderName: line.orderName,
      customer: line.customerName ?? line.customerEmail,
      variantId: line.variantId,
      variantTitle: variantOf.get(line.variantId)?.title ?? line.variantId,
      variantImageUrl: variantOf.get(line.variantId)?.imageUrl ?? null,
      waitingUnits: line.waitingUnits,
      queuePosition: line.queuePosition,
      shipsOn: line.shipsOn,
      promisedOn: line.promisedOn,
      orderedAt: line.orderedAt.toISOString(),
      priority: line.priority,
      unreadable: line.orderUnreadableAt !== null,
    })),
    total,
    page,
    pageCount,
    hasNext: page < pageCount,
    hasPrevious: page > 1,
    query: { ...query, page },
  };
}

export type PriorityIntent = "front" | "clear";

/** One merchant action on the list, validated. */
export type OrderAction =
  | { intent: PriorityIntent; orderId: string }
  | { intent: "release"; orderId: string }
  | { intent: "cancel"; lineItemId: string; locationId: string; notifyCustomer: boolean };

export type OrderActionInput = { ok: true; action: OrderAction } | { ok: false; message: string };

const gidOf = (raw: unknown, type: ShopifyIdType): string | null => gidFrom(typeof raw === "string" ? raw.trim() : raw, type);

/**
 * Validates a form from the list: Move to front / Remove priority / Release now
 * take an order ID (a GID or its number); Cancel back-order takes the line item
 * and location of one row, and whether to tell the customer.
 */
export function parseOrderAction(
  form: { intent?: unknown; orderId?: unknown; lineItemId?: unknown; locationId?: unknown; notifyCustomer?: unknown },
  messages: { unknownIntent: string; orderId: string; line: string },
): OrderActionInput {
  const intent = typeof form.intent === "string" ? form.intent : "";
  if (intent === "cancel") {
    const lineItemId = gidOf(form.lineItemId, "LineItem");
    const locationId = gidOf(form.locationId, "Location");
    if (!lineItemId || !locationId) return { ok: false, message: messages.line };
    return { ok: true, action: { intent, lineItemId, locationId, notifyCustomer: form.notifyCustomer === "true" || form.notifyCustomer === "on" } };
  }
  if (intent !== "front" && intent !== "clear" && intent !== "release") return { ok: false, message: messages.unknownIntent };
  const orderId = gidOf(form.orderId, "Order");
  if (!orderId) return { ok: false, message: messages.orderId };
  return { ok: true, action: intent === "release" ? { intent, orderId } : { intent, orderId } };
}

export type PriorityResult = { ok: true; orderName: string; variantIds: string[] } | { ok: false; status: 404 };

/**
 * "Move to front" puts the order's waiting lines just ahead of every other
 * waiting line of the same variant (their highest priority + 1); "clear" sets
 * them back to 0. Each affected variant is synced again, which re-plans its
 * queue and releases holds in the new order. Another shop's order is a 404.
 */
export async function setOrderPriority(db: PrismaClient, shop: string, orderId: string, intent: PriorityIntent): Promise<PriorityResult> {
  const lines = await db.backorderLine.findMany({ where: { ...waitingWhere(shop), orderId } });
  if (lines.length === 0) return { ok: false, status: 404 };
  const variantIds = [...new Set(lines.map((line) => line.variantId))].sort();
  await db.$transaction(async (tx) => {
    for (const variantId of variantIds) {
      let priority = 0;
      if (intent === "front") {
        // Others only: moving the same order twice leaves it where it is.
        const top = await tx.backorderLine.aggregate({
          where: { ...waitingWhere(shop), variantId, orderId: { not: orderId } },
          _max: { priority: true },
        });
        priority = Math.max(0, top._max.priority ?? 0) + 1;
      }
      await tx.backorderLine.updateMany({ where: { ...waitingWhere(shop), orderId, variantId }, data: { priority } });
    }
  });
  const orderName = lines[0]!.orderName;
  await logMerchantChanges(db, shop, [
    { kind: intent === "front" ? "order.moved_to_front" : "order.priority_removed", subject: orderId, message: intent === "front" ? strings.orders.moved(orderName) : strings.orders.cleared(orderName), details: { variantIds } },
  ]);
  for (const variantId of variantIds) {
    await enqueueJob(db, { shop, kind: "sync-variant", subject: variantId }, { source: "merchant" });
  }
  return { ok: true, orderName, variantIds };
}

export type OrderActionOutcome = { ok: true; message: string } | { ok: false; status: 404 | 409 | 503; message: string };

/**
 * Carries out one validated action for this shop. Cancelling edits the order in
 * Shopify, so it needs the shop's Admin API (`contextFor`); null means the app
 * has no session for the shop.
 */
export async function applyOrderAction(
  db: PrismaClient,
  shop: string,
  action: OrderAction,
  contextFor: () => Promise<EngineContext | null>,
): Promise<OrderActionOutcome> {
  const text = strings.orders;
  const notFound = { ok: false, status: 404, message: text.notFound } as const;
  if (action.intent === "release" || action.intent === "cancel") {
    const outOfSight = await db.backorderLine.findFirst({
      where: { ...waitingWhere(shop), orderUnreadableAt: { not: null }, ...(action.intent === "release" ? { orderId: action.orderId } : { lineItemId: action.lineItemId, locationId: action.locationId }) },
      select: { orderName: true },
    });
    if (outOfSight) return { ok: false, status: 409, message: text.unreadable(outOfSight.orderName) };
  }
  if (action.intent === "cancel") return cancelAction(action, contextFor);
  if (action.intent === "release") {
    const result = await releaseOrderNow(db, shop, action.orderId);
    return result.ok ? { ok: true, message: text.released(result.orderName) } : notFound;
  }
  const result = await setOrderPriority(db, shop, action.orderId, action.intent);
  if (!result.ok) return notFound;
  return { ok: true, message: action.intent === "front" ? text.moved(result.orderName) : text.cleared(result.orderName) };
}

async function cancelAction(action: Extract<OrderAction, { intent: "cancel" }>, contextFor: () => Promise<EngineContext | null>): Promise<OrderActionOutcome> {
  const text = strings.orders;
  const ctx = await contextFor();
  if (!ctx) return { ok: false, status: 503, message: strings.errors.noSession };
  try {
    const result = await cancelLineBackorder(ctx, action, { notifyCustomer: action.notifyCustomer });
    if (result.ok) return { ok: true, message: text.cancelled(result.orderName, result.units) };
    if (result.status === 404) return { ok: false, status: 404, message: text.notFound };
    return { ok: false, status: 409, message: result.reason === "nothing_waiting" ? text.nothingWaiting(result.orderName) : text.notEditable(result.orderName) };
  } catch (error) {
    if (error instanceof ShopifyUserError) return { ok: false, status: 409, message: text.shopifyRefused(error.userErrors.map((e) => e.message).join("; ")) };
    throw error;
  }
}
