/**
 * Brings one order's fulfillment orders in line with its waiting lines: holds
 * what cannot ship, releases (or fulfils) what now can, keeps the tag and the
 * ship date on the order. Holds and releases happen only here, one order at a
 * time, after reading the order's holds: a rerun after a crash finds the work
 * done in Shopify and only records it.
 */
import { lineKey, planOrderHolds, type FulfillmentOrderState } from "../domain/hold-plan";
import { ORDER_HOLDS_QUERY } from "../graphql/orders";
import type { EngineContext } from "./context.server";
import { applyOrderPlan, labelChange } from "./order-writes.server";
import { fulfilmentModeOf } from "./settings.server";
import { orderReadAgain, settleMissingOrder } from "./unreadable-orders.server";

export async function syncOrder(ctx: EngineContext, orderId: string): Promise<void> {
  const { db, shop } = ctx;
  const lines = await db.backorderLine.findMany({ where: { shop, orderId } });
  if (lines.length === 0) return;
  const { order } = await ctx.admin.request(ORDER_HOLDS_QUERY, { id: orderId });
  const pending = lines.filter((line) => line.state === "waiting");
  if (!order) {
    await settleMissingOrder(ctx, orderId, lines);
    return;
  }
  await orderReadAgain(ctx, orderId, lines);
  const fulfillmentOrders: FulfillmentOrderState[] = order.fulfillmentOrders.nodes.map((fo) => ({
    id: fo.id,
    status: fo.status,
    locationId: fo.assignedLocation.location?.id ?? "",
    holds: fo.fulfillmentHolds.map((hold) => ({ id: hold.id, handle: hold.handle ?? null, heldByRequestingApp: hold.heldByRequestingApp })),
    lines: fo.lineItems.nodes.map((line) => ({ id: line.id, lineItemId: line.lineItem.id, remainingQuantity: line.remainingQuantity })),
  }));
  const plan = planOrderHolds({
    mode: fulfilmentModeOf(ctx.settings),
    cancelled: order.cancelledAt !== null && order.cancelledAt !== undefined,
    fulfillmentOrders,
    lines: pending,
    // The app holds write access to merchant-managed fulfillment orders only, so every one it sees is one.
    canFulfilAt: () => true,
    shipByMerchant: new Set(lines.filter((line) => line.merchantAction === "released").map((line) => line.lineItemId)),
  });

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
  // One by one (see variant-sync): a crash part-way leaves lines a rerun settles the same way.
  for (const write of writes) await write;
}
