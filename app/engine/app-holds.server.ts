/**
 * The holds the app placed, with Shopify's id for each, so a covered order's holds can be released
 * without reading the order first. What a fresh read shows is the truth: the order's full sync
 * writes down the holds it sees.
 */
import { ourHold, type FulfillmentOrderState } from "../domain/hold-plan";
import { chunksOf, findInChunks } from "../db-chunks.server";
import type { EngineContext } from "./context.server";

type Ctx = Pick<EngineContext, "db" | "shop">;

export async function rememberHold(ctx: Ctx, orderId: string, fulfillmentOrderId: string, holdId: string): Promise<void> {
  const where = { shop_fulfillmentOrderId: { shop: ctx.shop, fulfillmentOrderId } };
  await ctx.db.appHold.upsert({ where, create: { shop: ctx.shop, fulfillmentOrderId, holdId, orderId }, update: { holdId, orderId } });
}

export async function forgetHolds(ctx: Ctx, fulfillmentOrderIds: readonly string[]): Promise<void> {
  for (const chunk of chunksOf(fulfillmentOrderIds)) await ctx.db.appHold.deleteMany({ where: { shop: ctx.shop, fulfillmentOrderId: { in: chunk } } });
}

/** Brings the stored holds of one order in line with a whole read of it. */
export async function rememberHoldsAsRead(ctx: Ctx, orderId: string, fulfillmentOrders: readonly FulfillmentOrderState[]): Promise<void> {
  const stored = new Map((await ctx.db.appHold.findMany({ where: { shop: ctx.shop, orderId } })).map((hold) => [hold.fulfillmentOrderId, hold.holdId]));
  const seen = new Set<string>();
  for (const fo of fulfillmentOrders) {
    const hold = ourHold(fo);
    if (!hold) continue;
    seen.add(fo.id);
    if (stored.get(fo.id) !== hold.id) await rememberHold(ctx, orderId, fo.id, hold.id);
  }
  await forgetHolds(ctx, [...stored.keys()].filter((id) => !seen.has(id)));
}

/** Hold id per fulfillment order, for the app's holds on these orders. */
export async function holdIdsOf(ctx: Ctx, orderIds: readonly string[]): Promise<Map<string, string>> {
  const holds = await findInChunks(orderIds, (chunk) => ctx.db.appHold.findMany({ where: { shop: ctx.shop, orderId: { in: chunk } }, select: { fulfillmentOrderId: true, holdId: true } }));
  return new Map(holds.map((hold) => [hold.fulfillmentOrderId, hold.holdId]));
}
