/**
 * Brings one order's fulfillment orders in line with its waiting lines: holds
 * what cannot ship, releases (or fulfils) what now can, keeps the tag and the
 * ship date on the order, after reading the order's holds: a rerun after a crash
 * finds the work done in Shopify and only records it. Plain holds and releases
 * go in batches without a read (order-batches.server.ts); this is the full path
 * for everything else, and for any order whose batched write Shopify refused.
 */
import { lineKey, planOrderHolds, type HoldAction } from "../domain/hold-plan";
import { linesReleasedInShopify } from "../domain/merchant-release";
import { rememberHoldsAsRead } from "./app-holds.server";
import { ordersInBulkRelease } from "./bulk-release-marks.server";
import type { EngineContext } from "./context.server";
import { recordReleaseTriggers } from "./flow-triggers.server";
import { moveRequestedLines } from "./location-moves.server";
import { readWholeOrder } from "./order-reader.server";
import { applyOrderPlan, labelChange } from "./order-writes.server";
import { fulfilmentModeOf } from "./settings.server";
import { orderReadAgain, settleMissingOrder } from "./unreadable-orders.server";

export async function syncOrder(ctx: EngineContext, orderId: string, afterMove = false): Promise<void> {
  const { db, shop } = ctx;
  // A bulk release's results settle the order, and send it here if anything else changed.
  if ((await ordersInBulkRelease(ctx, [orderId])).size > 0) return;
  const lines = await db.backorderLine.findMany({ where: { shop, orderId } });
  if (lines.length === 0) return;
  const whole = await readWholeOrder(ctx, orderId);
  const pending = lines.filter((line) => line.state === "waiting");
  if (!whole) {
    await settleMissingOrder(ctx, orderId, lines);
    return;
  }
  await orderReadAgain(ctx, orderId, lines);
  const { order, fulfillmentOrders } = whole;
  await rememberHoldsAsRead(ctx, orderId, fulfillmentOrders);
  // A line moved to where its units are (or found moved) is planned from a fresh read.
  if (!afterMove && !order.cancelledAt && (await moveRequestedLines(ctx, order.name, fulfillmentOrders, pending))) return syncOrder(ctx, orderId, true);
  await respectReleasesInShopify(ctx, order.name, linesReleasedInShopify(fulfillmentOrders, pending));
  const plan = planOrderHolds({
    mode: fulfilmentModeOf(ctx.settings),
    cancelled: order.cancelledAt !== null && order.cancelledAt !== undefined,
    fulfillmentOrders,
    lines: pending,
    // The app holds write access to merchant-managed fulfillment orders only, so every one it sees is one.
    canFulfilAt: () => true,
    shipByMerchant: new Set(lines.filter((line) => line.merchantAction === "released").map((line) => line.lineItemId)),
  });

  await forgetHoldsAboutToBeRedone(ctx, pending, plan.actions);
  const updatedAt = await applyOrderPlan(ctx, order, plan.actions, labelChange(order, plan.tagged, plan.shipsOn));
  if (updatedAt) await db.backorderLine.updateMany({ where: { shop, orderId }, data: { orderUpdatedAt: new Date(updatedAt) } });
  const fulfilled = new Set<string>();
  for (const action of plan.actions) {
    if (action.kind !== "fulfil") continue;
    fulfillmentOrders.find((fo) => fo.id === action.fulfillmentOrderId)?.lines.forEach((line) => fulfilled.add(line.lineItemId));
  }

  const finished = new Set(plan.finished);
  const now = new Date();
  // Nothing left to ship (we fulfilled it now, or before a crash, or the merchant did): fulfilled.
  const nothingLeft = (lineItemId: string, locationId: string) =>
    fulfillmentOrders.filter((fo) => fo.locationId === locationId).flatMap((fo) => fo.lines).filter((l) => l.lineItemId === lineItemId).every((l) => l.remainingQuantity === 0);
  const state = (line: { lineItemId: string; locationId: string; merchantAction: string | null }) =>
    order.cancelledAt || line.merchantAction === "cancelled"
      ? "cancelled"
      : fulfilled.has(line.lineItemId) || nothingLeft(line.lineItemId, line.locationId)
        ? "fulfilled"
        : "released";
  const writes = pending.flatMap((line) => {
    const where = { shop_lineItemId_locationId: { shop, lineItemId: line.lineItemId, locationId: line.locationId } };
    if (finished.has(lineKey(line))) {
      return [db.backorderLine.update({ where, data: { state: state(line), waitingUnits: 0, queuePosition: null, releasedAt: now } })];
    }
    // Every fulfillment order ever held for the line stays listed, so no held one is forgotten by a crash.
    const held = new Set([...(line.heldIn?.split(" ") ?? []), ...(plan.heldIn.get(lineKey(line))?.split(" ") ?? [])]);
    const heldIn = [...held].join(" ");
    return heldIn && heldIn !== line.heldIn ? [db.backorderLine.update({ where, data: { heldIn } })] : [];
  });
  // Shopify Flow: lines about to be recorded as released or fulfilled, before they are.
  await recordReleaseTriggers(ctx, pending.filter((line) => finished.has(lineKey(line)) && state(line) !== "cancelled"));
  // One by one (see variant-sync): a crash part-way leaves lines a rerun settles the same way.
  for (const write of writes) await write;
}

type LineRow = Awaited<ReturnType<EngineContext["db"]["backorderLine"]["findMany"]>>[number];

/**
 * The merchant released the app's hold in Shopify admin: the lines leave the queue as with
 * "Release now" (never held or fulfilled by the app again), and their units fall to the next orders.
 */
async function respectReleasesInShopify(ctx: EngineContext, orderName: string, released: LineRow[]): Promise<void> {
  if (released.length === 0) return;
  const { db, shop } = ctx;
  const lines = released.map((line) => ({ lineItemId: line.lineItemId, variantId: line.variantId, waitingUnits: line.waitingUnits }));
  for (const line of released) {
    await db.backorderLine.update({
      where: { shop_lineItemId_locationId: { shop, lineItemId: line.lineItemId, locationId: line.locationId } },
      data: { merchantAction: "released", merchantActionAt: new Date(), waitingUnits: 0, queuePosition: null },
    });
    Object.assign(line, { merchantAction: "released", waitingUnits: 0, queuePosition: null });
  }
  const units = lines.reduce((sum, line) => sum + line.waitingUnits, 0);
  await ctx.log({ kind: "order.released_in_shopify", subject: released[0]!.orderId, message: `${orderName}: hold released in Shopify admin (units still waiting: ${units}); it left the queue`, details: { orderName, lines } });
  for (const variantId of new Set(lines.map((line) => line.variantId))) await ctx.enqueue({ kind: "sync-variant", subject: variantId });
}

/**
 * A hold the plan releases only to place it again split (ship-available-first) is dropped from the
 * lines' records first, so a crash in between is not taken for the merchant's release.
 */
async function forgetHoldsAboutToBeRedone(ctx: EngineContext, pending: LineRow[], actions: readonly HoldAction[]): Promise<void> {
  const holds = new Set(actions.filter((action) => action.kind === "hold").map((action) => action.fulfillmentOrderId));
  const redone = new Set(actions.filter((action) => action.kind === "release" && holds.has(action.fulfillmentOrderId)).map((action) => action.fulfillmentOrderId));
  if (redone.size === 0) return;
  for (const line of pending) {
    const ids = line.heldIn?.split(" ") ?? [];
    if (!ids.some((id) => redone.has(id))) continue;
    const heldIn = ids.filter((id) => !redone.has(id)).join(" ") || null;
    await ctx.db.backorderLine.update({ where: { shop_lineItemId_locationId: { shop: ctx.shop, lineItemId: line.lineItemId, locationId: line.locationId } }, data: { heldIn } });
  }
}
