/**
 * One order's fulfillment orders, read whole: every page of fulfillment orders and every page of
 * each one's lines. Holds are placed, released and fulfilled only from a whole read; a read that
 * cannot finish throws, so the job retries instead of deciding on part of an order.
 */
import type { FulfillmentOrderState } from "../domain/hold-plan";
import { FULFILLMENT_ORDER_LINES_QUERY, ORDER_HOLDS_QUERY, ORDER_VARIANTS_QUERY } from "../graphql/orders";
import type { FulfillmentOrderLinesQuery, OrderHoldsQuery, OrderVariantsQuery } from "../types/admin.generated";
import type { EngineContext } from "./context.server";

type OrderNode = NonNullable<OrderHoldsQuery["order"]>;
type LineNode = OrderNode["fulfillmentOrders"]["nodes"][number]["lineItems"]["nodes"][number];

export interface WholeFulfillmentOrder extends FulfillmentOrderState {
  lines: readonly { id: string; lineItemId: string; remainingQuantity: number; variantId: string | null }[];
}

export interface WholeOrder {
  order: Omit<OrderNode, "fulfillmentOrders">;
  fulfillmentOrders: WholeFulfillmentOrder[];
}

/** Far beyond any real order (Shopify caps an order's lines); a read that needs more pages is refused, not cut. */
const MAX_PAGES = 500;

class TruncatedReadError extends Error {}

/** The order with all its fulfillment orders and lines, or null when Shopify returns no order. */
export async function readWholeOrder(ctx: Pick<EngineContext, "admin">, orderId: string): Promise<WholeOrder | null> {
  let header: WholeOrder["order"] | null = null;
  const fulfillmentOrders: WholeFulfillmentOrder[] = [];
  let after: string | null = null;
  for (let pages = 0; ; pages += 1) {
    if (pages >= MAX_PAGES) throw new TruncatedReadError(`${orderId}: more than ${MAX_PAGES} pages of fulfillment orders`);
    const result: OrderHoldsQuery = await ctx.admin.request(ORDER_HOLDS_QUERY, { id: orderId, after });
    const order: OrderNode | null | undefined = result.order;
    if (!order) return null;
    const { fulfillmentOrders: page, ...rest }: OrderNode = order;
    const first: WholeOrder["order"] = header ?? rest;
    header = first;
    for (const fo of page.nodes) {
      const lines = [...fo.lineItems.nodes];
      if (fo.lineItems.pageInfo.hasNextPage) lines.push(...(await readRemainingLines(ctx, fo.id, fo.lineItems.pageInfo.endCursor ?? null)));
      fulfillmentOrders.push({
        id: fo.id,
        status: fo.status,
        locationId: fo.assignedLocation.location?.id ?? "",
        holds: fo.fulfillmentHolds.map((hold) => ({ id: hold.id, handle: hold.handle ?? null, heldByRequestingApp: hold.heldByRequestingApp })),
        canHold: fo.supportedActions.some((supported) => supported.action === "HOLD"),
        lines: lines.map((line) => ({ id: line.id, lineItemId: line.lineItem.id, remainingQuantity: line.remainingQuantity, variantId: line.variant?.id ?? null })),
      });
    }
    if (!page.pageInfo.hasNextPage) return { order: first, fulfillmentOrders };
    after = page.pageInfo.endCursor ?? null;
    if (after === null) throw new TruncatedReadError(`${orderId}: a next page of fulfillment orders without a cursor`);
  }
}

async function readRemainingLines(ctx: Pick<EngineContext, "admin">, fulfillmentOrderId: string, cursor: string | null): Promise<LineNode[]> {
  const lines: LineNode[] = [];
  let after = cursor;
  for (let pages = 0; after !== null; pages += 1) {
    if (pages >= MAX_PAGES) throw new TruncatedReadError(`${fulfillmentOrderId}: more than ${MAX_PAGES} pages of lines`);
    const { fulfillmentOrder }: FulfillmentOrderLinesQuery = await ctx.admin.request(FULFILLMENT_ORDER_LINES_QUERY, { id: fulfillmentOrderId, after });
    // Gone between two reads (merged, moved): the read is no longer one picture of the order.
    if (!fulfillmentOrder) throw new TruncatedReadError(`${fulfillmentOrderId}: gone while its lines were read`);
    lines.push(...fulfillmentOrder.lineItems.nodes);
    after = fulfillmentOrder.lineItems.pageInfo.hasNextPage ? (fulfillmentOrder.lineItems.pageInfo.endCursor ?? null) : null;
    if (fulfillmentOrder.lineItems.pageInfo.hasNextPage && after === null) throw new TruncatedReadError(`${fulfillmentOrderId}: a next page of lines without a cursor`);
  }
  return lines;
}

interface VariantLinesPage {
  nodes: readonly { variant?: { id: string } | null }[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/** The variants of every line of an order, all pages of them (none when Shopify returns no order). */
export function readOrderVariantIds(ctx: Pick<EngineContext, "admin">, orderId: string): Promise<string[]> {
  return readVariantPages(orderId, async (after) => {
    const { order }: OrderVariantsQuery = await ctx.admin.request(ORDER_VARIANTS_QUERY, { id: orderId, after });
    return order?.lineItems ?? null;
  });
}

async function readVariantPages(owner: string, readPage: (after: string | null) => Promise<VariantLinesPage | null>): Promise<string[]> {
  const variantIds: string[] = [];
  let after: string | null = null;
  for (let pages = 0; ; pages += 1) {
    if (pages >= MAX_PAGES) throw new TruncatedReadError(`${owner}: more than ${MAX_PAGES} pages of lines`);
    const page = await readPage(after);
    if (!page) return variantIds;
    variantIds.push(...page.nodes.flatMap((line) => (line.variant ? [line.variant.id] : [])));
    if (!page.pageInfo.hasNextPage) return variantIds;
    after = page.pageInfo.endCursor ?? null;
    if (after === null) throw new TruncatedReadError(`${owner}: a next page of lines without a cursor`);
  }
}
