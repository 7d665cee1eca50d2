/**
 * What to do to one order's fulfillment orders, from their current state in
 * Shopify and the units the app knows are waiting. Planned from a fresh read
 * every time, so running it again after a crash repeats nothing that landed.
 */

export type FulfilmentMode = "hold_release" | "hold_fulfil" | "ship_available_first";

export const HOLD_HANDLE = "backorder-manager";
export const HOLD_REASON = "INVENTORY_OUT_OF_STOCK";
export const BACKORDER_TAG = "backorder";

export interface FulfillmentOrderState {
  id: string;
  /** Shopify's FulfillmentOrderStatus. */
  status: string;
  locationId: string;
  holds: readonly { id: string; handle: string | null; heldByRequestingApp: boolean }[];
  lines: readonly { id: string; lineItemId: string; remainingQuantity: number }[];
}

export interface TrackedLineState {
  lineItemId: string;
  locationId: string;
  waitingUnits: number;
  /** "waiting" until the app has released or fulfilled it in Shopify. */
  state: string;
  shipsOn: string | null;
}

export type HoldAction =
  | { kind: "hold"; fulfillmentOrderId: string; lines: { id: string; quantity: number }[] | null; notes: string }
  | { kind: "release"; fulfillmentOrderId: string; holdId: string }
  | { kind: "fulfil"; fulfillmentOrderId: string; lines: { id: string; quantity: number }[] };

export interface OrderPlan {
  actions: HoldAction[];
  /** Line items whose wait is over once the actions land. */
  finishedLineItemIds: string[];
  tagged: boolean;
  /** Latest date any waiting line can ship (stored on the order), null when nothing waits. */
  shipsOn: string | null;
}

const HOLDABLE = new Set(["OPEN", "SCHEDULED", "ON_HOLD"]);
const FULFILLABLE = new Set(["OPEN", "IN_PROGRESS"]);

const ourHold = (fo: FulfillmentOrderState) => fo.holds.find((hold) => hold.heldByRequestingApp && hold.handle === HOLD_HANDLE);

export function planOrderHolds(input: {
  mode: FulfilmentMode;
  cancelled: boolean;
  fulfillmentOrders: readonly FulfillmentOrderState[];
  lines: readonly TrackedLineState[];
  /** Merchant-managed locations; the app may create fulfillments only there. */
  canFulfilAt: (locationId: string) => boolean;
}): OrderPlan {
  const waitingAt = (lineItemId: string, locationId: string) =>
    input.lines.find((line) => line.lineItemId === lineItemId && line.locationId === locationId && line.state === "waiting")?.waitingUnits ?? 0;
  const pending = input.lines.filter((line) => line.state === "waiting");
  if (input.cancelled) {
    return { actions: [], finishedLineItemIds: pending.map((line) => line.lineItemId), tagged: false, shipsOn: null };
  }

  const actions: HoldAction[] = [];
  const staysHeld = new Set<string>();
  // Waiting units are placed on fulfillment orders we already hold first, so the
  // open remainder of a partially held line is never held again.
  const unplaced = new Map<string, number>();
  const takeWaiting = (lineItemId: string, locationId: string, remaining: number) => {
    const key = `${lineItemId}@${locationId}`;
    const left = unplaced.get(key) ?? waitingAt(lineItemId, locationId);
    const taken = Math.min(remaining, left);
    unplaced.set(key, left - taken);
    return taken;
  };
  const heldFirst = [...input.fulfillmentOrders].sort((a, b) => Number(Boolean(ourHold(b))) - Number(Boolean(ourHold(a))));
  for (const fo of heldFirst) {
    const waitingLines = fo.lines
      .map((line) => ({ id: line.id, remaining: line.remainingQuantity, waiting: takeWaiting(line.lineItemId, fo.locationId, line.remainingQuantity) }))
      .filter((line) => line.waiting > 0);
    const hold = ourHold(fo);
    if (waitingLines.length > 0) {
      staysHeld.add(fo.id);
      if (hold || !HOLDABLE.has(fo.status)) continue;
      const wholeOrder = input.mode !== "ship_available_first" || fo.lines.every((line) => line.remainingQuantity === 0 || waitingLines.some((w) => w.id === line.id && w.waiting === line.remainingQuantity));
      actions.push({
        kind: "hold",
        fulfillmentOrderId: fo.id,
        // Shopify cannot split a fulfillment order someone else already holds.
        lines: wholeOrder || fo.status === "ON_HOLD" ? null : waitingLines.map((line) => ({ id: line.id, quantity: line.waiting })),
        notes: `${waitingLines.reduce((sum, line) => sum + line.waiting, 0)} unit(s) waiting for stock`,
      });
      continue;
    }
    if (hold) actions.push({ kind: "release", fulfillmentOrderId: fo.id, holdId: hold.id });
    const hadBackorders = fo.lines.some((line) => pending.some((p) => p.lineItemId === line.lineItemId && p.locationId === fo.locationId));
    const otherHolds = fo.holds.some((other) => other !== hold);
    const fulfillable = hold ? !otherHolds : FULFILLABLE.has(fo.status);
    if (input.mode === "hold_fulfil" && hadBackorders && fulfillable && input.canFulfilAt(fo.locationId)) {
      const lines = fo.lines.filter((line) => line.remainingQuantity > 0).map((line) => ({ id: line.id, quantity: line.remainingQuantity }));
      if (lines.length > 0) actions.push({ kind: "fulfil", fulfillmentOrderId: fo.id, lines });
    }
  }

  const stillWaiting = pending.filter((line) => line.waitingUnits > 0);
  // A covered line still shares a held fulfillment order with a waiting one: it waits with it.
  const heldWithOthers = (line: TrackedLineState) =>
    input.fulfillmentOrders.some((fo) => staysHeld.has(fo.id) && fo.locationId === line.locationId && fo.lines.some((l) => l.lineItemId === line.lineItemId && l.remainingQuantity > 0));
  const finished = pending.filter((line) => line.waitingUnits === 0 && !heldWithOthers(line)).map((line) => line.lineItemId);
  const dates = stillWaiting.map((line) => line.shipsOn).filter((date): date is string => date !== null).sort();
  return { actions, finishedLineItemIds: finished, tagged: stillWaiting.length > 0, shipsOn: dates.at(-1) ?? null };
}
