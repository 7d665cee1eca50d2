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
  const lines = await db.backorderLine.findMany({ where: movable(shop, variantId), select: { orderId: true, canMoveTo: true } });
  const levels = await db.variantLevel.findMany({ where: { shop, variantId }, select: { locationId: true, locationName: true } });
  const byLocation = new Map<string, Set<string>>();
  for (const line of lines) byLocation.set(line.canMoveTo!, (byLocation.get(line.canMoveTo!) ?? new Set()).add(line.orderId));
  return [...byLocation.entries()].map(([locationId, orders]) => ({
    locationId,
    locationName: levels.find((level) => level.locationId === locationId)?.locationName || strings.locationMoves.anotherLocation,
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
