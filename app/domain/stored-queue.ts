/**
 * Between events the app's stored queue is what it knows about who waits, and Shopify's counts
 * say whether that still holds. An event reads the variant's levels and the orders it was told
 * about (by id); the stored lines of every other order stand in for a re-read of them. That is
 * sound only while the counts agree with it, at each location that fulfils online orders:
 *
 * - every unit Shopify counts as waiting is held by a line in the window (stored lines plus the
 *   orders just read), apart from units the last decision already found no order for;
 * - every unit that started waiting since is an order placed since (an order placed before, still
 *   announced, took stock then; an edit that added units is read afresh after a look again);
 * - every unit that stopped waiting arrived (the location's on-hand count rose by as much), or
 *   belonged to an order just read that no longer owes it (cancelled, edited, fulfilled).
 *
 * A cancellation Shopify restocked looks, in the levels alone, like units that arrived: crediting
 * it to the queue would release (or fulfil) the oldest order for stock that never came. Until the
 * order's own webhook says who left, the drop is not explained and the app does not decide.
 */
import { missingDemand, type LocatedDemand, type LocationStock } from "./backorder-plan";
import { onlineLevels } from "./online-stock";
import { waitingUnitsFromAvailable } from "./waiting-queue";

/** Shopify's count at one location when the app last decided, and what it could not explain then. */
export interface DecidedLevel extends LocationStock {
  /** On-hand units then; null when not recorded (the app decided before it kept them). */
  onHand: number | null;
  /** Units then waiting that no open order accounted for (see online-stock's `unexplainedUnits`). */
  unexplained: number;
}

export interface StoredQueueCheck {
  /** Shopify's levels now, each with its on-hand count. */
  levels: readonly (LocationStock & { onHand: number })[];
  /** The levels of the last decision. */
  decided: readonly DecidedLevel[];
  /** When the app last decided (ISO): orders placed after it are the new ones. */
  decidedAt: string;
  /** Stored lines of orders not read again, and the lines of the orders just read. */
  window: readonly LocatedDemand[];
  /** Per location: units the stored lines of the orders just read owed that those orders owe no longer. */
  leftByOrdersRead: ReadonlyMap<string, number>;
}

/** Whether the window accounts for Shopify's counts at every online location (see the module comment). */
export function storedQueueHolds(check: StoredQueueCheck): boolean {
  if (check.decided.length === 0) return false;
  return onlineLevels(check.levels).every((level) => {
    const decided = check.decided.find((previous) => previous.locationId === level.locationId);
    if (!decided) return waitingUnitsFromAvailable(level.available) === 0;
    const unheld = missingDemand([level], check.window);
    if (unheld > decided.unexplained) return false;
    const stoppedWaiting = waitingUnitsFromAvailable(decided.available) - waitingUnitsFromAvailable(level.available);
    if (stoppedWaiting < 0) return -stoppedWaiting <= unitsOrderedSince(check.window, level.locationId, check.decidedAt);
    if (stoppedWaiting === 0) return true;
    const arrived = decided.onHand === null ? 0 : Math.max(0, level.onHand - decided.onHand);
    return stoppedWaiting <= arrived + (check.leftByOrdersRead.get(level.locationId) ?? 0);
  });
}

/** Units a stored line owed that the fresh read of its order no longer shows, per location. */
export function unitsLeftByOrdersRead(
  stored: readonly { lineItemId: string; locationId: string; quantity: number }[],
  fresh: readonly LocatedDemand[],
): Map<string, number> {
  const left = new Map<string, number>();
  for (const line of stored) {
    const now = fresh.filter((demand) => demand.lineItemId === line.lineItemId && demand.locationId === line.locationId).reduce((sum, demand) => sum + demand.openQuantity, 0);
    const gone = line.quantity - now;
    if (gone > 0) left.set(line.locationId, (left.get(line.locationId) ?? 0) + gone);
  }
  return left;
}

const unitsOrderedSince = (window: readonly LocatedDemand[], locationId: string, since: string): number =>
  window.filter((line) => line.locationId === locationId && Date.parse(line.orderedAt) > Date.parse(since)).reduce((sum, line) => sum + line.openQuantity, 0);
