/** Turns a page of open orders into the variant's demand lines, per location. */
import type { LocatedDemand } from "../domain/backorder-plan";
import { checkoutPromiseOf } from "../domain/customer-promise";
import { LINE_ITEM_PROPERTIES_QUERY, ORDER_CUSTOMERS_QUERY } from "../graphql/orders";
import { AdminApiError } from "../shopify/admin-client.server";
import type { OpenOrdersQuery } from "../types/admin.generated";
import type { EngineContext } from "./context.server";
import { readWholeOrder } from "./order-reader.server";

export interface OrderFacts {
  name: string;
  /** Fulfillment order per `lineItemId@locationId`. */
  fulfillmentOrderOf: Map<string, string>;
}

/** What the merchant decided about lines of one variant (by line item id). */
export interface MerchantChoices {
  priorities: ReadonlyMap<string, number>;
  /** Lines the merchant released or cancelled: they are not demand the queue serves. */
  leftQueue: ReadonlySet<string>;
}

export type OrderNode = OpenOrdersQuery["orders"]["nodes"][number];

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
    const facts: OrderFacts = { name: order.name, fulfillmentOrderOf: new Map() };
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
const PROPERTIES_PAGE = 250;

/** The ship date each line's shopper saw at checkout, by line item id (lines without one are left out). */
export async function readCheckoutPromises(ctx: Pick<EngineContext, "admin" | "today">, lineItemIds: readonly string[]): Promise<Map<string, string>> {
  const promises = new Map<string, string>();
  const ids = [...new Set(lineItemIds)];
  for (let start = 0; start < ids.length; start += PROPERTIES_PAGE) {
    const { nodes } = await ctx.admin.request(LINE_ITEM_PROPERTIES_QUERY, { ids: ids.slice(start, start + PROPERTIES_PAGE) });
    for (const node of nodes) {
      if (!node || !("customAttributes" in node) || !node.id) continue;
      const date = checkoutPromiseOf(node.customAttributes, ctx.today);
      if (date !== null) promises.set(node.id, date);
    }
  }
  return promises;
}

export interface OrderCustomer {
  email: string | null;
  name: string | null;
}

/**
 * Names and emails of these orders, by order id. Shopify refuses them (a GraphQL error) to an app
 * without protected customer data approval: then none are known, and the pages say the customer
 * is hidden. Any other failure is the caller's to retry.
 */
export async function readOrderCustomers(ctx: Pick<EngineContext, "admin">, orderIds: readonly string[]): Promise<Map<string, OrderCustomer>> {
  const customers = new Map<string, OrderCustomer>();
  const ids = [...new Set(orderIds)];
  for (let start = 0; start < ids.length; start += PROPERTIES_PAGE) {
    try {
      const { nodes } = await ctx.admin.request(ORDER_CUSTOMERS_QUERY, { ids: ids.slice(start, start + PROPERTIES_PAGE) });
      for (const node of nodes) {
        if (!node || !("id" in node) || !node.id) continue;
        customers.set(node.id, { email: node.email?.toLowerCase() ?? null, name: node.customer?.displayName ?? null });
      }
    } catch (error) {
      if (error instanceof AdminApiError && error.kind === "graphql") return new Map();
      throw error;
    }
  }
  return customers;
}
