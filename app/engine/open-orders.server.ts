/** Turns a page of open orders into the variant's demand lines, per location. */
import type { LocatedDemand } from "../domain/backorder-plan";
import { checkoutPromiseOf } from "../domain/customer-promise";
import { NEW_WAITING_LINES_QUERY } from "../graphql/orders";
import { AdminApiError } from "../shopify/admin-client.server";
import type { NewWaitingLinesQuery, OrdersByIdQuery } from "../types/admin.generated";
import type { EngineContext } from "./context.server";
import { readWholeOrder } from "./order-reader.server";

export interface OrderFacts {
  name: string;
  /** Fulfillment order per `lineItemId@locationId`. */
  fulfillmentOrderOf: Map<string, string>;
  /** The line item properties of the variant's lines, when the order was read with them (`withLineFacts`). */
  attributesOf?: Map<string, readonly Attribute[]>;
  /** Who placed the order, when it was read with its customer (Shopify may refuse it). */
  customer?: OrderCustomer;
  /** What the order's customer emails need, when it was read with its lines' facts. */
  notice?: OrderNoticeFacts;
}

interface Attribute {
  key: string;
  value?: string | null;
}

/** What the merchant decided about lines of one variant (by line item id). */
export interface MerchantChoices {
  priorities: ReadonlyMap<string, number>;
  /** Lines the merchant released or cancelled: they are not demand the queue serves. */
  leftQueue: ReadonlySet<string>;
}

/** An order as `OpenOrders` reads it; read by id, it may also carry its lines' properties and customer. */
export type OrderNode = Extract<NonNullable<OrdersByIdQuery["nodes"][number]>, { fulfillmentOrders: unknown }>;

/** Page sizes that keep `OpenOrders` under Shopify's 1,000-point query limit. */
export const ORDERS_PAGE = { first: 10, fulfillmentOrders: 3, lines: 8 } as const;

/** Whether a page cut off some of this order's fulfillment orders or lines. */
export function isTruncated(order: OrderNode): boolean {
  return order.fulfillmentOrders.pageInfo.hasNextPage || order.fulfillmentOrders.nodes.some((fo) => fo.lineItems.pageInfo.hasNextPage);
}

/** An order a page cut off, with every fulfillment order and line read page by page (null: Shopify no longer returns it). */
export async function wholeOrderNode(ctx: Pick<EngineContext, "admin">, order: OrderNode): Promise<OrderNode | null> {
  const whole = await readWholeOrder(ctx, order.id);
  if (!whole) return null;
  const nodes = whole.fulfillmentOrders.map((fo) => ({
    id: fo.id,
    status: fo.status as OrderNode["fulfillmentOrders"]["nodes"][number]["status"],
    assignedLocation: { location: fo.locationId ? { id: fo.locationId } : null },
    lineItems: {
      pageInfo: { hasNextPage: false },
      nodes: fo.lines.map((line) => ({ id: line.id, remainingQuantity: line.remainingQuantity, variant: line.variantId ? { id: line.variantId } : null, lineItem: { id: line.lineItemId } })),
    },
  }));
  return { ...order, fulfillmentOrders: { pageInfo: { hasNextPage: false }, nodes } };
}

/**
 * Shopify routes a new order into fulfillment orders after `orders/create`
 * (`fulfillment_orders/order_routing_complete` says it is done): until then the order's units
 * count in the levels but no fulfillment order says where. An hour without any is not routing.
 */
export function isNotRoutedYet(order: OrderNode, now = Date.now()): boolean {
  return !order.cancelledAt && order.fulfillmentOrders.nodes.length === 0 && now - Date.parse(order.createdAt) < 60 * 60_000;
}

/** Fulfillment orders that still owe the customer goods from their location. */
const OPEN_STATUSES = new Set(["OPEN", "ON_HOLD", "IN_PROGRESS", "SCHEDULED"]);

export function readDemandPage(
  nodes: readonly OrderNode[],
  variantId: string,
  choices: MerchantChoices,
  demand: LocatedDemand[],
  orders: Map<string, OrderFacts>,
): void {
  const byKey = new Map(demand.map((line) => [`${line.lineItemId}@${line.locationId}`, line]));
  for (const order of nodes) {
    if (order.cancelledAt) continue;
    const facts: OrderFacts = { name: order.name, fulfillmentOrderOf: new Map(), ...(order.email !== undefined ? { customer: { email: order.email?.toLowerCase() ?? null, name: order.customer?.displayName ?? null } } : {}) };
    if (order.currentSubtotalLineItemsQuantity !== undefined) facts.notice = noticeFactsOf(order);
    for (const fo of order.fulfillmentOrders.nodes) {
      if (!OPEN_STATUSES.has(fo.status)) continue;
      const locationId = fo.assignedLocation.location?.id;
      if (!locationId) continue;
      for (const foLine of fo.lineItems.nodes) {
        if (foLine.variant?.id !== variantId || foLine.remainingQuantity <= 0) continue;
        const lineItemId = foLine.lineItem.id;
        if (choices.leftQueue.has(lineItemId)) continue;
        const key = `${lineItemId}@${locationId}`;
        if (!facts.fulfillmentOrderOf.has(key)) facts.fulfillmentOrderOf.set(key, fo.id);
        const attributes = foLine.lineItem.customAttributes;
        if (attributes) (facts.attributesOf ??= new Map()).set(lineItemId, attributes);
        // A line split over two fulfillment orders at one location (a partial hold) is one line.
        const same = byKey.get(key);
        if (same) {
          same.openQuantity += foLine.remainingQuantity;
          continue;
        }
        const priority = choices.priorities.get(lineItemId);
        const line: LocatedDemand = {
          lineItemId,
          orderId: order.id,
          orderedAt: order.createdAt,
          openQuantity: foLine.remainingQuantity,
          locationId,
          ...(priority ? { priority } : {}),
        };
        demand.push(line);
        byKey.set(key, line);
      }
    }
    if (facts.fulfillmentOrderOf.size > 0) orders.set(order.id, facts);
  }
}

/** Shopify takes at most 250 ids in one `nodes` query. */
const IDS_PER_NODES = 250;

export interface OrderCustomer {
  email: string | null;
  name: string | null;
}

/**
 * What an order's customer emails need, kept with its lines when they start waiting so sending
 * reads nothing: the customer's language at checkout (null: Shopify knows none) and the order's
 * units then (the rest of the order ships now when it has more than wait).
 */
export interface OrderNoticeFacts {
  locale: string | null;
  units: number;
}

const noticeFactsOf = (order: { customerLocale?: string | null; currentSubtotalLineItemsQuantity?: number }): OrderNoticeFacts => ({
  locale: order.customerLocale ?? null,
  units: order.currentSubtotalLineItemsQuantity ?? 0,
});

export interface NewLineFacts {
  /** The ship date each line's shopper saw at checkout, by line item id (lines without one are left out). */
  checkoutPromises: Map<string, string>;
  /** Names and emails by order id; none when Shopify refuses them (the pages say the customer is hidden). */
  customers: Map<string, OrderCustomer>;
  /** What the customer emails need, by order id. */
  notices: Map<string, OrderNoticeFacts>;
}

/**
 * Checkout's promises for `lineItemIds` and the customers of `orderIds` (with what their emails
 * need), in one request per 250 of each. Shopify refuses customers (a GraphQL error) to an app without protected customer data
 * approval: the lines are then read without them. Any other failure is the caller's to retry.
 */
export async function readNewLineFacts(ctx: Pick<EngineContext, "admin" | "today">, lineItemIds: readonly string[], orderIds: readonly string[]): Promise<NewLineFacts> {
  const facts: NewLineFacts = { checkoutPromises: new Map(), customers: new Map(), notices: new Map() };
  const lines = [...new Set(lineItemIds)];
  const orders = [...new Set(orderIds)];
  let withCustomers = true;
  for (let start = 0; start < Math.max(lines.length, orders.length); start += IDS_PER_NODES) {
    const variables = { lineItemIds: lines.slice(start, start + IDS_PER_NODES), orderIds: orders.slice(start, start + IDS_PER_NODES) };
    const page = await readNewLinesPage(ctx, variables, withCustomers);
    withCustomers = page.withCustomers;
    for (const node of page.data.lines) {
      if (!node || !("customAttributes" in node) || !node.id) continue;
      const date = checkoutPromiseOf(node.customAttributes, ctx.today);
      if (date !== null) facts.checkoutPromises.set(node.id, date);
    }
    for (const node of page.data.orders) {
      if (!node || !("currentSubtotalLineItemsQuantity" in node) || !node.id) continue;
      facts.notices.set(node.id, noticeFactsOf(node));
      if (node.email !== undefined) facts.customers.set(node.id, { email: node.email?.toLowerCase() ?? null, name: node.customer?.displayName ?? null });
    }
  }
  return facts;
}

async function readNewLinesPage(ctx: Pick<EngineContext, "admin">, ids: { lineItemIds: string[]; orderIds: string[] }, withCustomers: boolean): Promise<{ data: NewWaitingLinesQuery; withCustomers: boolean }> {
  let asked = withCustomers;
  const data = await unlessCustomersRefused(withCustomers, (withThem) => {
    asked = withThem;
    return ctx.admin.request(NEW_WAITING_LINES_QUERY, { ...ids, withCustomers: withThem });
  });
  return { data, withCustomers: asked };
}

/**
 * A read asking for customers' names and emails, made again without them when Shopify refuses
 * them (a GraphQL error) to an app without protected customer data approval.
 */
export async function unlessCustomersRefused<T>(withCustomers: boolean, read: (withCustomers: boolean) => Promise<T>): Promise<T> {
  try {
    return await read(withCustomers);
  } catch (error) {
    if (!withCustomers || !(error instanceof AdminApiError) || error.kind !== "graphql") throw error;
    return read(false);
  }
}
