/**
 * A hold the app placed that is gone while its line still waits: the app releases a hold only
 * once the line's units arrived (or the merchant said so in the app), so someone else released it,
 * in Shopify admin. That is the merchant's decision to ship, and the app does not hold it again.
 */
import { ourHold, type FulfillmentOrderState, type TrackedLineState } from "./hold-plan";

export interface LineWithChoice extends TrackedLineState {
  merchantAction: string | null;
}

/** The waiting lines whose every fulfillment order the app held (and that still has the line's units) lost the app's hold. */
export function linesReleasedInShopify<T extends LineWithChoice>(fulfillmentOrders: readonly FulfillmentOrderState[], lines: readonly T[]): T[] {
  return lines.filter((line) => {
    if (line.state !== "waiting" || line.merchantAction !== null || line.waitingUnits === 0 || !line.heldIn) return false;
    const heldIn = new Set(line.heldIn.split(" "));
    const stillOwed = fulfillmentOrders.filter(
      (fo) => heldIn.has(fo.id) && fo.locationId === line.locationId && fo.lines.some((foLine) => foLine.lineItemId === line.lineItemId && foLine.remainingQuantity > 0),
    );
    return stillOwed.length > 0 && stillOwed.every((fo) => !ourHold(fo));
  });
}
