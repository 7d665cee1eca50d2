/** "Orders waiting": every order line waiting for stock, and the merchant's priority over the queue. */
import type { Prisma, PrismaClient } from "@prisma/client";
import { enqueueJob } from "../jobs/job-queue.server";

export const ORDERS_PAGE_SIZE = 50;
const MAX_SEARCH_LENGTH = 200;

export interface OrdersQuery {
  search: string;
  page: number;
}

export interface WaitingOrderRow {
  id: string;
  orderId: string;
  orderName: string;
  customer: string | null;
  variantId: string;
  variantTitle: string;
  waitingUnits: number;
  queuePosition: number | null;
  shipsOn: string | null;
  orderedAt: string;
  priority: number;
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
  return { search, page: Number.isFinite(page) && page >= 1 ? page : 1 };
}

const waitingWhere = (shop: string): Prisma.BackorderLineWhereInput => ({ shop, state: "waiting", waitingUnits: { gt: 0 } });

export async function listWaitingOrders(db: PrismaClient, shop: string, query: OrdersQuery): Promise<WaitingOrdersPage> {
  const where: Prisma.BackorderLineWhereInput = query.search
    ? {
        ...waitingWhere(shop),
        OR: [{ orderName: { contains: query.search } }, { customerName: { contains: query.search } }, { customerEmail: { contains: query.search } }],
      }
    : waitingWhere(shop);
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
    ? await db.trackedVariant.findMany({ where: { shop, variantId: { in: variantIds } }, select: { variantId: true, title: true } })
    : [];
  const titles = new Map(variants.map((variant) => [variant.variantId, variant.title]));
  return {
    rows: lines.map((line) => ({
      id: `${line.lineItemId}|${line.locationId}`,
      orderId: line.orderId,
      orderName: line.orderName,
      customer: line.customerName ?? line.customerEmail,
      variantId: line.variantId,
      variantTitle: titles.get(line.variantId) ?? line.variantId,
      waitingUnits: line.waitingUnits,
      queuePosition: line.queuePosition,
      shipsOn: line.shipsOn,
      orderedAt: line.orderedAt.toISOString(),
      priority: line.priority,
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

export type PriorityInput = { ok: true; intent: PriorityIntent; orderId: string } | { ok: false; message: string };

/** Validates the form of a priority action: an intent and an order ID (a GID or its number). */
export function parsePriorityForm(
  form: { intent?: unknown; orderId?: unknown },
  messages: { unknownIntent: string; orderId: string },
): PriorityInput {
  const intent = typeof form.intent === "string" ? form.intent : "";
  if (intent !== "front" && intent !== "clear") return { ok: false, message: messages.unknownIntent };
  const raw = typeof form.orderId === "string" ? form.orderId.trim() : "";
  const orderId = /^\d{1,20}$/.test(raw) ? `gid://shopify/Order/${raw}` : /^gid:\/\/shopify\/Order\/\d{1,20}$/.test(raw) ? raw : null;
  if (!orderId) return { ok: false, message: messages.orderId };
  return { ok: true, intent, orderId };
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
  for (const variantId of variantIds) {
    await enqueueJob(db, { shop, kind: "sync-variant", subject: variantId }, { source: "merchant" });
  }
  return { ok: true, orderName: lines[0]!.orderName, variantIds };
}
