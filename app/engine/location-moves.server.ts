/**
 * Moving waiting lines to a location that has their units (setting: off / suggest / automatic).
 * The variant sync decides who could move (`recordMovableLines`); the move itself happens only in
 * the order sync (`moveRequestedLines`), after reading the order's fulfillment orders, so a crash
 * and a rerun never move or release twice: a fulfillment order already at the new location is a
 * move that landed, and our hold is released only while it is still there.
 */
import type { BackorderLine } from "@prisma/client";
import { locationMovesOf, planMoves } from "../domain/location-moves";
import type { LocationStock, VariantPlan } from "../domain/backorder-plan";
import { HOLD_HANDLE, type FulfillmentOrderState } from "../domain/hold-plan";
import { MOVE_FULFILLMENT_ORDER } from "../graphql/location-moves";
import { RELEASE_FULFILLMENT_HOLD } from "../graphql/mutations";
import type { EngineContext } from "./context.server";
import { assertNoUserErrors } from "./user-errors.server";

const ACTIVE = (fo: FulfillmentOrderState) => fo.status !== "CLOSED" && fo.status !== "CANCELLED" && fo.status !== "INCOMPLETE";

/**
 * Variant sync: records where each waiting line could ship now; in automatic mode asks for the
 * move. A merchant's request (suggest mode) stands only while it is still possible. Returns the
 * orders whose sync must carry a move out.
 */
export async function recordMovableLines(ctx: EngineContext, variantId: string, plan: VariantPlan, levels: readonly LocationStock[]): Promise<string[]> {
  const { db, shop } = ctx;
  const setting = locationMovesOf(ctx.settings.locationMoves);
  const moves = setting === "off" ? [] : planMoves(plan.waitingLines, levels);
  const lines = await db.backorderLine.findMany({
    where: { shop, variantId, state: "waiting", OR: [{ canMoveTo: { not: null } }, { moveTo: { not: null } }, { lineItemId: { in: moves.map((move) => move.lineItemId) } }] },
  });
  const toSync = new Set<string>();
  for (const line of lines) {
    const canMoveTo = moves.find((move) => move.lineItemId === line.lineItemId && move.from === line.locationId)?.to ?? null;
    const moveTo = setting === "automatic" ? canMoveTo : line.moveTo !== null && line.moveTo === canMoveTo ? line.moveTo : null;
    if (moveTo) toSync.add(line.orderId);
    if (canMoveTo === line.canMoveTo && moveTo === line.moveTo) continue;
    await db.backorderLine.update({ where: { shop_lineItemId_locationId: { shop, lineItemId: line.lineItemId, locationId: line.locationId } }, data: { canMoveTo, moveTo } });
  }
  return [...toSync];
}

/** Where the line's open units are now, by location: a moved fulfillment order takes the line along. */
function locationsOfLine(fulfillmentOrders: readonly FulfillmentOrderState[], lineItemId: string): Set<string> {
  return new Set(fulfillmentOrders.filter((fo) => ACTIVE(fo) && fo.lines.some((line) => line.lineItemId === lineItemId && line.remainingQuantity > 0)).map((fo) => fo.locationId));
}

/**
 * Order sync, before holds are planned: carries out requested moves, and re-files every waiting line
 * whose fulfillment order now sits at another location (moved by us before a crash, or by the
 * merchant in Shopify admin). Returns true when anything changed, so the caller reads the order again.
 */
export async function moveRequestedLines(ctx: EngineContext, orderName: string, fulfillmentOrders: readonly FulfillmentOrderState[], pending: readonly BackorderLine[]): Promise<boolean> {
  let changed = false;
  for (const line of pending) {
    const where = locationsOfLine(fulfillmentOrders, line.lineItemId);
    if (!where.has(line.locationId) && where.size === 1) {
      const [now] = [...where];
      await refile(ctx, line, now!, fulfillmentOrders.filter((fo) => ACTIVE(fo) && fo.lines.some((l) => l.lineItemId === line.lineItemId && l.remainingQuantity > 0)));
      changed = true;
      continue;
    }
    if (!line.moveTo || line.moveTo !== line.canMoveTo || line.moveTo === line.locationId) continue;
    const here = fulfillmentOrders.filter((fo) => ACTIVE(fo) && fo.locationId === line.locationId && fo.lines.some((l) => l.lineItemId === line.lineItemId && l.remainingQuantity > 0));
    // One fulfillment order, and nobody else's hold on it: anything else is left to the merchant.
    if (here.length !== 1) continue;
    const fo = here[0]!;
    const ours = fo.holds.find((hold) => hold.heldByRequestingApp && hold.handle === HOLD_HANDLE);
    if (fo.holds.some((hold) => hold !== ours)) continue;
    if (fo.status === "ON_HOLD" && ours) {
      // Shopify moves only what is not held (see the sandbox's fulfillmentOrderMove): release our hold first.
      const released = await ctx.admin.request(RELEASE_FULFILLMENT_HOLD, { id: fo.id, holdIds: [ours.id] });
      assertNoUserErrors("fulfillmentOrderReleaseHold", released.fulfillmentOrderReleaseHold?.userErrors);
    } else if (fo.status !== "OPEN" && fo.status !== "SCHEDULED") continue;
    const others = fo.lines.filter((l) => l.remainingQuantity > 0 && l.lineItemId !== line.lineItemId);
    const ownLines = fo.lines.filter((l) => l.remainingQuantity > 0 && l.lineItemId === line.lineItemId);
    const result = await ctx.admin.request(MOVE_FULFILLMENT_ORDER, {
      id: fo.id,
      newLocationId: line.moveTo,
      // The order's other items stay where they are: only this line's units move.
      fulfillmentOrderLineItems: others.length > 0 ? ownLines.map((l) => ({ id: l.id, quantity: l.remainingQuantity })) : null,
    });
    assertNoUserErrors("fulfillmentOrderMove", result.fulfillmentOrderMove?.userErrors);
    const moved = result.fulfillmentOrderMove?.movedFulfillmentOrder;
    await refile(ctx, line, line.moveTo, moved ? [{ id: moved.id, locationId: line.moveTo }] : []);
    await ctx.log({
      kind: "order.moved_location",
      subject: fo.id,
      message: `${orderName}: moved to ${moved?.assignedLocation.name ?? line.moveTo}, which has the units`,
      details: { orderName, locationName: moved?.assignedLocation.name ?? null, fulfillmentOrderId: fo.id, from: line.locationId, to: line.moveTo },
    });
    changed = true;
  }
  return changed;
}

/**
 * The line now waits (or not) at `locationId`: filed there with nothing waiting, so the hold plan
 * releases it there; the next variant sync counts it again from Shopify's levels. The fulfillment
 * orders holding its units there count as held by the app, so hold-and-fulfil mode fulfils them.
 */
async function refile(ctx: EngineContext, line: BackorderLine, locationId: string, fulfillmentOrders: readonly { id: string; locationId: string }[]): Promise<void> {
  const { db, shop } = ctx;
  const heldIn = [...new Set([...(line.heldIn?.split(" ") ?? []), ...fulfillmentOrders.filter((fo) => fo.locationId === locationId).map((fo) => fo.id)])].join(" ") || null;
  // An earlier wait of the same line at that location is history.
  await db.backorderLine.deleteMany({ where: { shop, lineItemId: line.lineItemId, locationId } });
  await db.backorderLine.update({
    where: { shop_lineItemId_locationId: { shop, lineItemId: line.lineItemId, locationId: line.locationId } },
    data: { locationId, waitingUnits: 0, queuePosition: null, canMoveTo: null, moveTo: null, heldIn },
  });
}
