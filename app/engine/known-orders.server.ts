/**
 * The orders the app already knows wait for a variant, read by id on every sync, so an order the
 * SKU search no longer finds (the merchant renamed the SKU) is not taken for gone.
 */
import { KNOWN_ORDERS_QUERY } from "../graphql/orders";
import type { OpenOrdersQuery } from "../types/admin.generated";
import type { EngineContext } from "./context.server";
import { isTruncated, ORDERS_PAGE, wholeOrderNode } from "./open-orders.server";

type OrderNode = OpenOrdersQuery["orders"]["nodes"][number];

/** `nodes(ids:)` costs per id: ten orders at `OpenOrders`' page sizes stay under Shopify's 1,000 points. */
const IDS_PER_READ = ORDERS_PAGE.first;

/** The orders among `orderIds` not in `seen`, whole (an order cut off by the page sizes is read on). */
export async function readKnownOrders(ctx: Pick<EngineContext, "admin">, orderIds: readonly string[], seen: ReadonlySet<string>): Promise<OrderNode[]> {
  const missing = [...new Set(orderIds)].filter((id) => !seen.has(id));
  const orders: OrderNode[] = [];
  for (let start = 0; start < missing.length; start += IDS_PER_READ) {
    const { nodes } = await ctx.admin.request(KNOWN_ORDERS_QUERY, {
      ids: missing.slice(start, start + IDS_PER_READ),
      fulfillmentOrders: ORDERS_PAGE.fulfillmentOrders,
      lines: ORDERS_PAGE.lines,
    });
    for (const node of nodes) {
      if (!node || !("fulfillmentOrders" in node)) continue;
      const order = node as OrderNode;
      const whole = isTruncated(order) ? await wholeOrderNode(ctx, order) : order;
      if (whole) orders.push(whole);
    }
  }
  return orders;
}
