/**
 * Brings one order's fulfillment orders in line with its waiting lines: holds
 * what cannot ship, releases (or fulfils) what now can, keeps the tag and the
 * ship date on the order. Holds and releases happen only here, one order at a
 * time, after reading the order's holds: a rerun after a crash finds the work
 * done in Shopify and only records it.
 */
import { BACKORDER_TAG, HOLD_HANDLE, HOLD_REASON, lineKey, planOrderHolds, type FulfillmentOrderState, type HoldAction } from "../domain/hold-plan";
import { ORDER_HOLDS_QUERY } from "../graphql/orders";
import { ADD_TAGS, CREATE_FULFILLMENT, DELETE_METAFIELDS, HOLD_FULFILLMENT_ORDER, RELEASE_FULFILLMENT_HOLD, REMOVE_TAGS, SET_METAFIELDS } from "../graphql/mutations";
import type { EngineContext } from "./context.server";
import { fulfilmentModeOf } from "./settings.server";
import { assertNoUserErrors } from "./user-errors.server";
import { BACKORDER_NAMESPACE } from "./variant-writes.server";

export async function syncOrder(ctx: EngineContext, orderId: string): Promise<void> {
  const { db, shop } = ctx;
  const lines = await db.backorderLine.findMany({ where: { shop, orderId } });
  if (lines.length === 0) return;
  const { order } = await ctx.admin.request(ORDER_HOLDS_QUERY, { id: orderId });
  const pending = lines.filter((line) => line.state === "waiting");
  if (!order) {
    await db.backorderLine.updateMany({ where: { shop, orderId, state: "waiting" }, data: { state: "cancelled", waitingUnits: 0, queuePosition: null } });
    return;
  }
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
  });

  const fulfilled = new Set<string>();
  for (const action of plan.actions) {
    await perform(ctx, order.name, action);
    if (action.kind === "fulfil") {
      const fo = fulfillmentOrders.find((candidate) => candidate.id === action.fulfillmentOrderId);
      fo?.lines.forEach((line) => fulfilled.add(line.lineItemId));
    }
  }

  const finished = new Set(plan.finished);
  const now = new Date();
  // Nothing left to ship (we fulfilled it now, or before a crash, or the merchant did): fulfilled.
  const nothingLeft = (lineItemId: string, locationId: string) =>
    fulfillmentOrders.filter((fo) => fo.locationId === locationId).flatMap((fo) => fo.lines).filter((l) => l.lineItemId === lineItemId).every((l) => l.remainingQuantity === 0);
  const state = (line: { lineItemId: string; locationId: string }) =>
    order.cancelledAt ? "cancelled" : fulfilled.has(line.lineItemId) || nothingLeft(line.lineItemId, line.locationId) ? "fulfilled" : "released";
  const writes = pending.flatMap((line) => {
    const where = { shop_lineItemId_locationId: { shop, lineItemId: line.lineItemId, locationId: line.locationId } };
    if (finished.has(lineKey(line))) {
      return [db.backorderLine.update({ where, data: { state: state(line), waitingUnits: 0, queuePosition: null, releasedAt: now } })];
    }
    const heldIn = plan.heldIn.get(lineKey(line));
    return heldIn && heldIn !== line.heldIn ? [db.backorderLine.update({ where, data: { heldIn } })] : [];
  });
  if (writes.length > 0) await db.$transaction(writes);
  await syncOrderLabels(ctx, order, plan.tagged, plan.shipsOn);
}

async function perform(ctx: EngineContext, orderName: string, action: HoldAction): Promise<void> {
  switch (action.kind) {
    case "hold": {
      const result = await ctx.admin.request(HOLD_FULFILLMENT_ORDER, {
        id: action.fulfillmentOrderId,
        hold: {
          reason: HOLD_REASON,
          handle: HOLD_HANDLE,
          reasonNotes: action.notes,
          notifyMerchant: false,
          ...(action.lines ? { fulfillmentOrderLineItems: action.lines } : {}),
        },
      });
      // Someone (a previous run) already holds it with our handle: that is the state we wanted.
      assertNoUserErrors("fulfillmentOrderHold", result.fulfillmentOrderHold?.userErrors, ["DUPLICATE_FULFILLMENT_HOLD_HANDLE"]);
      await ctx.log({ kind: "order.hold", subject: action.fulfillmentOrderId, message: `${orderName}: held, ${action.notes}`, details: action });
      return;
    }
    case "release": {
      const result = await ctx.admin.request(RELEASE_FULFILLMENT_HOLD, { id: action.fulfillmentOrderId, holdIds: [action.holdId] });
      assertNoUserErrors("fulfillmentOrderReleaseHold", result.fulfillmentOrderReleaseHold?.userErrors);
      await ctx.log({ kind: "order.release", subject: action.fulfillmentOrderId, message: `${orderName}: stock arrived, hold released`, details: action });
      return;
    }
    case "fulfil": {
      const result = await ctx.admin.request(CREATE_FULFILLMENT, {
        fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: action.fulfillmentOrderId, fulfillmentOrderLineItems: action.lines }], notifyCustomer: true },
      });
      assertNoUserErrors("fulfillmentCreate", result.fulfillmentCreate?.userErrors);
      await ctx.log({ kind: "order.fulfil", subject: action.fulfillmentOrderId, message: `${orderName}: stock arrived, fulfilled`, details: action });
    }
  }
}

/** The `backorder` tag and the order's expected ship date, for the merchant's order list and the customer notification. */
async function syncOrderLabels(ctx: EngineContext, order: { id: string; tags: string[]; shipsOn?: { value: string } | null }, tagged: boolean, shipsOn: string | null) {
  const hasTag = order.tags.some((tag) => tag.toLowerCase() === BACKORDER_TAG);
  if (tagged !== hasTag) {
    const variables = { id: order.id, tags: [BACKORDER_TAG] };
    if (tagged) assertNoUserErrors("tagsAdd", (await ctx.admin.request(ADD_TAGS, variables)).tagsAdd?.userErrors);
    else assertNoUserErrors("tagsRemove", (await ctx.admin.request(REMOVE_TAGS, variables)).tagsRemove?.userErrors);
  }
  const current = order.shipsOn?.value ?? null;
  if (current === shipsOn) return;
  if (shipsOn) {
    const result = await ctx.admin.request(SET_METAFIELDS, { metafields: [{ ownerId: order.id, namespace: BACKORDER_NAMESPACE, key: "ships_on", type: "date", value: shipsOn }] });
    assertNoUserErrors("metafieldsSet", result.metafieldsSet?.userErrors);
  } else {
    const result = await ctx.admin.request(DELETE_METAFIELDS, { metafields: [{ ownerId: order.id, namespace: BACKORDER_NAMESPACE, key: "ships_on" }] });
    assertNoUserErrors("metafieldsDelete", result.metafieldsDelete?.userErrors);
  }
}
