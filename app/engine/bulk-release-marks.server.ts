/**
 * Which of the app's holds are in a bulk release (`AppHold.bulkRelease`): "pending" until the
 * operation starts, then its id, until its results are recorded. An order with such a hold is
 * written by nothing else meanwhile (no batch, no full sync): the release's results settle it, and
 * send it to its full sync when anything else changed.
 */
import { chunksOf } from "../db-chunks.server";
import type { EngineContext } from "./context.server";

type Ctx = Pick<EngineContext, "db" | "shop">;

export const PENDING_BULK_RELEASE = "pending";

/** The orders among these that a bulk release holds. */
export async function ordersInBulkRelease(ctx: Ctx, orderIds: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const chunk of chunksOf(orderIds)) {
    const rows = await ctx.db.appHold.findMany({ where: { shop: ctx.shop, orderId: { in: chunk }, bulkRelease: { not: null } }, select: { orderId: true } });
    for (const row of rows) found.add(row.orderId);
  }
  return found;
}

/** Puts these holds in the next bulk release (holds already in one stay where they are). */
export async function markForBulkRelease(ctx: Ctx, fulfillmentOrderIds: readonly string[]): Promise<void> {
  for (const chunk of chunksOf(fulfillmentOrderIds)) {
    await ctx.db.appHold.updateMany({ where: { shop: ctx.shop, fulfillmentOrderId: { in: chunk }, bulkRelease: null }, data: { bulkRelease: PENDING_BULK_RELEASE } });
  }
}
