/**
 * "Suggest" mode on the variant page: the waiting orders that could ship now from another
 * location, and the merchant's click that asks the engine to move them. The move itself happens
 * in each order's sync (app/engine/location-moves.server.ts), which checks it is still possible.
 */
import type { PrismaClient } from "@prisma/client";
import { logMerchantChanges } from "../engine/activity.server";
import { enqueueJob } from "../jobs/job-queue.server";
import { strings } from "../i18n/strings";

export interface MoveSuggestion {
  locationId: string;
  locationName: string;
  orders: number;
}

const movable = (shop: string, variantId: string) => ({ shop, variantId, state: "waiting", merchantAction: null, canMoveTo: { not: null }, moveTo: null });

/** Per location with free units, how many of the variant's waiting orders could ship from there now. */
export async function loadMoveSuggestions(db: PrismaClient, shop: string, variantId: string): Promise<MoveSuggestion[]> {
  return (await suggestionsWhere(db, shop, { variantId })).map(({ locationId, locationName, orders }) => ({ locationId, locationName, orders }));
}

/** The same, for every variant of the shop (Orders waiting), with the variant's title. */
export async function loadShopMoveSuggestions(db: PrismaClient, shop: string): Promise<(MoveSuggestion & { variantId: string; variantTitle: string })[]> {
  const suggestions = await suggestionsWhere(db, shop, {});
  const variantIds = [...new Set(suggestions.map((suggestion) => suggestion.variantId))];
  const variants = variantIds.length === 0 ? [] : await db.trackedVariant.findMany({ where: { shop, variantId: { in: variantIds } }, select: { variantId: true, title: true } });
  return suggestions.map((suggestion) => ({ ...suggestion, variantTitle: variants.find((variant) => variant.variantId === suggestion.variantId)?.title ?? strings.locationMoves.aVariant }));
}

async function suggestionsWhere(db: PrismaClient, shop: string, where: { variantId?: string }) {
  const { variantId: _any, ...waiting } = movable(shop, "");
  const lines = await db.backorderLine.findMany({ where: { ...waiting, ...where }, select: { variantId: true, orderId: true, canMoveTo: true } });
  const byPlace = new Map<string, { variantId: string; locationId: string; orders: Set<string> }>();
  for (const line of lines) {
    const key = `${line.variantId}|${line.canMoveTo}`;
    const place = byPlace.get(key) ?? { variantId: line.variantId, locationId: line.canMoveTo!, orders: new Set<string>() };
    byPlace.set(key, place.orders.add(line.orderId) && place);
  }
  const places = [...byPlace.values()];
  const levels = places.length === 0 ? [] : await db.variantLevel.findMany({ where: { shop, variantId: { in: [...new Set(places.map((place) => place.variantId))] } }, select: { variantId: true, locationId: true, locationName: true } });
  return places.map(({ variantId, locationId, orders }) => ({
    variantId,
    locationId,
    locationName: levels.find((level) => level.variantId === variantId && level.locationId === locationId)?.locationName || strings.locationMoves.anotherLocation,
    orders: orders.size,
  }));
}

/** The merchant's "Move": asks each order's sync to move its lines there; returns how many orders. */
export async function requestMoves(db: PrismaClient, shop: string, variantId: string, locationId: string): Promise<number> {
  const lines = await db.backorderLine.findMany({ where: { ...movable(shop, variantId), canMoveTo: locationId } });
  if (lines.length === 0) return 0;
  await db.backorderLine.updateMany({ where: { ...movable(shop, variantId), canMoveTo: locationId }, data: { moveTo: locationId } });
  const orders = [...new Set(lines.map((line) => line.orderId))];
  const locationName = (await db.variantLevel.findFirst({ where: { shop, variantId, locationId } }))?.locationName || strings.locationMoves.anotherLocation;
  await logMerchantChanges(db, shop, [
    { kind: "order.move_requested", subject: variantId, message: strings.locationMoves.requested(orders.length, locationName), details: { lineItemIds: lines.map((line) => line.lineItemId) } },
  ]);
  for (const orderId of orders) await enqueueJob(db, { shop, kind: "sync-order", subject: orderId }, { source: "merchant" });
  return orders.length;
}
