/**
 * An order that Shopify answers as missing. Inside the 60-day window (or with `read_all_orders`)
 * it is gone: its lines no longer wait. Past the window without that scope it is only out of the
 * app's sight: its lines keep waiting, its hold stays listed, and the merchant is told once.
 */
import type { BackorderLine } from "@prisma/client";
import { outOfOrderWindow } from "../domain/order-window";
import { GRANTED_SCOPES_QUERY } from "../graphql/orders";
import type { EngineContext } from "./context.server";

export async function settleMissingOrder(ctx: EngineContext, orderId: string, lines: readonly BackorderLine[]): Promise<void> {
  const { db, shop } = ctx;
  const now = new Date();
  const orderedAt = new Date(Math.min(...lines.map((line) => line.orderedAt.getTime())));
  const { currentAppInstallation } = await ctx.admin.request(GRANTED_SCOPES_QUERY);
  const grantedScopes = currentAppInstallation.accessScopes.map((scope) => scope.handle);
  if (!outOfOrderWindow({ orderedAt, now, grantedScopes })) {
    await db.backorderLine.updateMany({ where: { shop, orderId, state: "waiting" }, data: { state: "cancelled", waitingUnits: 0, queuePosition: null } });
    return;
  }
  const waiting = lines.filter((line) => line.state === "waiting");
  if (waiting.length === 0 || waiting.every((line) => line.orderUnreadableAt !== null)) return;
  await db.backorderLine.updateMany({ where: { shop, orderId, state: "waiting", orderUnreadableAt: null }, data: { orderUnreadableAt: now } });
  const orderName = waiting[0]!.orderName;
  await ctx.log({
    kind: "order.unreadable",
    subject: orderId,
    message: `Order ${orderName} is older than 60 days and Shopify no longer shows it to the app. It still waits; ship it from Shopify admin.`,
    details: { orderName },
  });
}

/** The order reads again (the scope was granted): it is back in sight. */
export async function orderReadAgain(ctx: EngineContext, orderId: string, lines: readonly BackorderLine[]): Promise<void> {
  if (lines.every((line) => line.orderUnreadableAt === null)) return;
  await ctx.db.backorderLine.updateMany({ where: { shop: ctx.shop, orderId }, data: { orderUnreadableAt: null } });
}
