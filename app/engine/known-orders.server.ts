/**
 * Orders read by id, whole: the orders the app already knows wait for a variant (an order the SKU
 * search no longer finds, once the merchant renamed the SKU, is not taken for gone) and the orders
 * Shopify announced that order search does not show yet.
 */
import { ORDERS_BY_ID_QUERY } from "../graphql/orders";
import type { OrdersByIdQuery } from "../types/admin.generated";
import type { EngineContext } from "./context.server";
import { isTruncated, ORDERS_PAGE, wholeOrderNode, type OrderNode } from "./open-orders.server";

/** `nodes(ids:)` costs per id: ten orders at `OpenOrders`' page sizes stay under Shopify's 1,000 points. */
const IDS_PER_READ = ORDERS_PAGE.first;

type ByIdNode = NonNullable<OrdersByIdQuery["nodes"][number]>;
const isOrder = (node: ByIdNode | null): node is OrderNode => node !== null && "fulfillmentOrders" in node;

/** Orders by id, each whole (one cut off by the page sizes is read on); orders Shopify no longer returns are left out. */
export async function readOrdersById(ctx: Pick<EngineContext, "admin">, orderIds: readonly string[]): Promise<OrderNode[]> {
  const ids = [...new Set(orderIds)];
  const orders: OrderNode[] = [];
  for (let start = 0; start < ids.length; start += IDS_PER_READ) {
    const { nodes } = await ctx.admin.request(ORDERS_BY_ID_QUERY, {
      ids: ids.slice(start, start + IDS_PER_READ),
      fulfillmentOrders: ORDERS_PAGE.fulfillmentOrders,
      lines: ORDERS_PAGE.lines,
    });
    for (const order of nodes.filter(isOrder)) {
      const whole = isTruncated(order) ? await wholeOrderNode(ctx, order) : order;
      if (whole) orders.push(whole);
    }
  }
  return orders;
}

/** The orders among `orderIds` not in `seen`, read by id. */
export async function readKnownOrders(ctx: Pick<EngineContext, "admin">, orderIds: readonly string[], seen: ReadonlySet<string>): Promise<OrderNode[]> {
  return readOrdersById(ctx, orderIds.filter((id) => !seen.has(id)));
}
