/**
 * Orders read by id, whole: the orders the app already knows wait for a variant (an order the SKU
 * search no longer finds, once the merchant renamed the SKU, is not taken for gone) and the orders
 * Shopify announced that order search does not show yet.
 */
import { ORDERS_BY_ID_QUERY } from "../graphql/orders";
import type { OrdersByIdQuery } from "../types/admin.generated";
import type { EngineContext } from "./context.server";
import { isTruncated, ORDERS_PAGE, unlessCustomersRefused, wholeOrderNode, type OrderNode } from "./open-orders.server";

/** `nodes(ids:)` costs per id: ten orders at `OpenOrders`' page sizes stay under Shopify's 1,000 points. */
const IDS_PER_READ = ORDERS_PAGE.first;
/** With the lines' properties and the customer an order costs about 115 points: eight stay under 1,000. */
const IDS_PER_READ_WITH_LINE_FACTS = 8;

type ByIdNode = NonNullable<OrdersByIdQuery["nodes"][number]>;
const isOrder = (node: ByIdNode | null): node is OrderNode => node !== null && "fulfillmentOrders" in node;

/**
 * Orders by id, each whole (one cut off by the page sizes is read on); orders Shopify no longer
 * returns are left out. `withLineFacts` also reads what the app keeps of lines that start waiting
 * (checkout's date, the customer): an announced order's lines usually do.
 */
export async function readOrdersById(ctx: Pick<EngineContext, "admin">, orderIds: readonly string[], options: { withLineFacts?: boolean } = {}): Promise<OrderNode[]> {
  const ids = [...new Set(orderIds)];
  const orders: OrderNode[] = [];
  const withLineFacts = options.withLineFacts ?? false;
  const perRead = withLineFacts ? IDS_PER_READ_WITH_LINE_FACTS : IDS_PER_READ;
  for (let start = 0; start < ids.length; start += perRead) {
    const variables = { ids: ids.slice(start, start + perRead), fulfillmentOrders: ORDERS_PAGE.fulfillmentOrders, lines: ORDERS_PAGE.lines, withLineFacts };
    const { nodes } = await unlessCustomersRefused(withLineFacts, (withCustomers) => ctx.admin.request(ORDERS_BY_ID_QUERY, { ...variables, withCustomers }));
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
