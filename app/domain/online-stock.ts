/**
 * Which stock counts for the online store. Shopify sells a variant online only from locations
 * that fulfil online orders; stock elsewhere (a shop's own till) neither makes it sellable online
 * nor, when Shopify POS sells it below zero, makes an online order wait.
 */
import type { LocationStock } from "./backorder-plan";
import { waitingUnitsFromAvailable } from "./waiting-queue";

/** A level whose location fulfils online orders (absent means it does). */
export const servesOnlineOrders = (level: LocationStock): boolean => level.fulfillsOnlineOrders !== false;

export const onlineLevels = <Level extends LocationStock>(levels: readonly Level[]): Level[] => levels.filter(servesOnlineOrders);

/**
 * Units sold below zero that no waiting line accounts for, per location: point-of-sale sales at a
 * location that does not fulfil online orders (no online line waits there), and elsewhere what the
 * waiting lines found do not cover (a fulfilment service's location the app cannot read, archived
 * orders never fulfilled, or orders past the bounded search).
 */
export function unexplainedUnits(levels: readonly LocationStock[], waitingLines: readonly { locationId: string; waitingUnits: number }[]): number {
  return levels.reduce((sum, level) => sum + unexplainedUnitsAt(level, waitingLines), 0);
}

/** `unexplainedUnits` at one location. */
export function unexplainedUnitsAt(level: LocationStock, waitingLines: readonly { locationId: string; waitingUnits: number }[]): number {
  const soldBelowZero = waitingUnitsFromAvailable(level.available);
  const accounted = waitingLines.filter((line) => line.locationId === level.locationId).reduce((units, line) => units + line.waitingUnits, 0);
  return Math.max(0, soldBelowZero - accounted);
}

/**
 * Pages of open orders in a row that may bring none of the variant's open lines before the search
 * for who waits gives up: negative stock no open order explains must not page through every open
 * order of the shop on every sync.
 */
export const FRUITLESS_DEMAND_PAGES = 5;

export const demandSearchGivesUp = (fruitlessPages: number): boolean => fruitlessPages >= FRUITLESS_DEMAND_PAGES;
