/**
 * Orders Shopify announced (`orders/create`) that order search may not show yet. Shopify's order
 * search lags writes while a read by id is current, so the variant sync reads these by id and adds
 * them to its window of newest orders: it decides from the order it was told about instead of
 * handing that order's waiting units to an older order that took stock. A row is dropped once
 * search shows the order, once the order is gone, or after an hour.
 */
import type { EngineContext } from "./context.server";

const KEEP_MS = 60 * 60_000;

export async function rememberNotifiedOrder(ctx: Pick<EngineContext, "db" | "shop">, orderId: string, variantIds: readonly string[]): Promise<void> {
  const { db, shop } = ctx;
  for (const variantId of new Set(variantIds)) {
    await db.notifiedOrder.upsert({ where: { shop_variantId_orderId: { shop, variantId, orderId } }, create: { shop, variantId, orderId }, update: {} });
  }
}

/** The variant's announced orders of the last hour (older rows are dropped). */
export async function notifiedOrdersOf(ctx: Pick<EngineContext, "db" | "shop">, variantId: string): Promise<string[]> {
  const { db, shop } = ctx;
  await db.notifiedOrder.deleteMany({ where: { shop, variantId, createdAt: { lt: new Date(Date.now() - KEEP_MS) } } });
  const rows = await db.notifiedOrder.findMany({ where: { shop, variantId }, select: { orderId: true } });
  return rows.map((row) => row.orderId);
}

export async function forgetNotifiedOrders(ctx: Pick<EngineContext, "db" | "shop">, variantId: string, orderIds: readonly string[]): Promise<void> {
  if (orderIds.length === 0) return;
  await ctx.db.notifiedOrder.deleteMany({ where: { shop: ctx.shop, variantId, orderId: { in: [...orderIds] } } });
}

/** Announced orders Shopify had not routed yet when the variant sync read them. */
export async function markAwaitingRouting(ctx: Pick<EngineContext, "db" | "shop">, variantId: string, orderIds: readonly string[]): Promise<void> {
  if (orderIds.length === 0) return;
  await ctx.db.notifiedOrder.updateMany({ where: { shop: ctx.shop, variantId, orderId: { in: [...orderIds] } }, data: { awaitingRouting: true } });
}

/** Variants whose announced orders wait for Shopify's routing. */
export async function variantsAwaitingRouting(ctx: Pick<EngineContext, "db" | "shop">): Promise<string[]> {
  const rows = await ctx.db.notifiedOrder.findMany({ where: { shop: ctx.shop, awaitingRouting: true }, select: { variantId: true }, distinct: ["variantId"] });
  return rows.map((row) => row.variantId);
}
