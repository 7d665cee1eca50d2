/**
 * Whether the orders the app can see account for the units that started waiting since its last
 * decided sync. Shopify counts a new order in the levels at once, but the app may not see it yet
 * (its `orders/create` late or reordered, order search behind). Deciding then would hand that
 * order's waiting units to an older order that took stock, and hold it. Units that newly wait and
 * that no order placed since the last decision explains are "not decided yet": the app looks
 * again once search caught up, and only then reads them as a stock correction (older orders wait).
 */
import type { LocatedDemand, LocationStock } from "./backorder-plan";
import { onlineLevels } from "./online-stock";
import { waitingUnitsFromAvailable } from "./waiting-queue";

export interface LastDecision {
  /** Shopify's levels the app last decided on. */
  levels: readonly LocationStock[];
  /** When it decided (ISO). Orders placed after it are the new ones. */
  decidedAt: string;
}

/** Units newly waiting since the last decision that no order placed after it accounts for, over online locations. */
export function unaccountedNewWaiting(levels: readonly LocationStock[], demand: readonly LocatedDemand[], last: LastDecision | null): number {
  if (!last || last.levels.length === 0) return 0;
  return onlineLevels(levels).reduce((sum, level) => {
    const before = last.levels.find((previous) => previous.locationId === level.locationId);
    const newlyWaiting = waitingUnitsFromAvailable(level.available) - waitingUnitsFromAvailable(before?.available ?? 0);
    if (newlyWaiting <= 0) return sum;
    const newOrderUnits = demand
      .filter((line) => line.locationId === level.locationId && line.orderedAt > last.decidedAt)
      .reduce((units, line) => units + line.openQuantity, 0);
    return sum + Math.max(0, newlyWaiting - newOrderUnits);
  }, 0);
}
