/**
 * What to do to one order's fulfillment orders, from their current state in
 * Shopify and the units the app knows are waiting. Planned from a fresh read
 * every time, so running it again after a crash repeats nothing that landed.
 */

import { formatUnits } from "../i18n/format";

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
  /**
   * Whether Shopify lists HOLD among the fulfillment order's `supportedActions` (absent: judged by
   * status). A scheduled one, or one in progress, may not take a hold: its lines wait unheld.
   */
  canHold?: boolean;
  lines: readonly { id: string; lineItemId: string; remainingQuantity: number }[];
}

export interface TrackedLineState {
  lineItemId: string;
  locationId: string;
  waitingUnits: number;
  /** "waiting" until the app has released or fulfilled it in Shopify. */
  state: string;
  shipsOn: string | null;
  /**
   * The fulfillment orders the app held for this line (space-separated ids), so
   * a fulfil interrupted by a crash can be finished.
   */
  heldIn: string | null;
}

export const lineKey = (line: { lineItemId: string; locationId: string }): string => `${line.lineItemId}@${line.locationId}`;

export type HoldAction =
  | { kind: "hold"; fulfillmentOrderId: string; lines: { id: string; quantity: number }[] | null; notes: string }
  | { kind: "release"; fulfillmentOrderId: string; holdId: string }
  | { kind: "fulfil"; fulfillmentOrderId: string; lines: { id: string; quantity: number }[] };

export interface OrderPlan {
  actions: HoldAction[];
  /** Lines (`lineKey`) whose wait is over once the actions land. */
  finished: string[];
  /** For lines still waiting (`lineKey`): the fulfillment orders (space-separated) that hold them once the actions land. */
  heldIn: Map<string, string>;
  tagged: boolean;
  /** Latest date any waiting line can ship (stored on the order), null when nothing waits. */
  shipsOn: string | null;
}

const HOLDABLE = new Set(["OPEN", "ON_HOLD"]);
const holdable = (fo: FulfillmentOrderState) => fo.canHold ?? HOLDABLE.has(fo.status);
const FULFILLABLE = new Set(["OPEN", "IN_PROGRESS"]);

/** Our hold, while it still holds anything: a fulfillment order closed under it (emptied by an edit) has nothing to release. */
export const ourHold = (fo: FulfillmentOrderState) =>
  fo.status === "ON_HOLD" ? fo.holds.find((hold) => hold.heldByRequestingApp && hold.handle === HOLD_HANDLE) : undefined;
const holdAge = (fo: FulfillmentOrderState) => Number(/(\d+)$/.exec(ourHold(fo)?.id ?? "")?.[1] ?? Number.MAX_SAFE_INTEGER);

/**
 * Where waiting units are counted: on what we already hold (oldest hold first),
 * then on what we could hold, then the rest. The order depends only on our own
 * holds, so the plan after our actions land is the same plan: nothing flips.
 */
function placementOrder(fulfillmentOrders: readonly FulfillmentOrderState[]): FulfillmentOrderState[] {
  const rank = (fo: FulfillmentOrderState) => (ourHold(fo) ? 0 : holdable(fo) ? 1 : 2);
  return [...fulfillmentOrders].sort((a, b) => rank(a) - rank(b) || holdAge(a) - holdAge(b));
}

export function planOrderHolds(input: {
  mode: FulfilmentMode;
  cancelled: boolean;
  fulfillmentOrders: readonly FulfillmentOrderState[];
  lines: readonly TrackedLineState[];
  /** Merchant-managed locations; the app may create fulfillments only there. */
  canFulfilAt: (locationId: string) => boolean;
  /** Line items the merchant released to ship themselves: their fulfillment orders are released, never fulfilled by the app. */
  shipByMerchant?: ReadonlySet<string>;
}): OrderPlan {
  const pending = input.lines.filter((line) => line.state === "waiting");
  if (input.cancelled) return { actions: [], finished: pending.map(lineKey), heldIn: new Map(), tagged: false, shipsOn: null };

  const unplaced = new Map(pending.map((line) => [lineKey(line), line.waitingUnits]));
  const actions: HoldAction[] = [];
  const heldIn = new Map<string, string>();
  const onceHeld = new Set(pending.flatMap((line) => line.heldIn?.split(" ") ?? []));
  /** Per fulfillment order we hold once the actions land, the line items it holds. */
  const holding = new Map<string, Set<string>>();
  const holdLines = (fo: FulfillmentOrderState, lineItemIds: string[]) => holding.set(fo.id, new Set(lineItemIds));
  for (const fo of placementOrder(input.fulfillmentOrders)) {
    const waitingLines = fo.lines.flatMap((line) => {
      const key = lineKey({ lineItemId: line.lineItemId, locationId: fo.locationId });
      const waiting = Math.min(line.remainingQuantity, unplaced.get(key) ?? 0);
      if (waiting === 0) return [];
      unplaced.set(key, (unplaced.get(key) ?? 0) - waiting);
      return [{ id: line.id, key, waiting, whole: waiting === line.remainingQuantity }];
    });
    const hold = ourHold(fo);
    if (waitingLines.length > 0) {
      if (!hold && !holdable(fo)) continue;
      waitingLines.forEach((line) => heldIn.set(line.key, [heldIn.get(line.key), fo.id].filter(Boolean).join(" ")));
      const stocked = fo.lines.filter((line) => line.remainingQuantity > 0);
      const othersHold = fo.holds.some((other) => other !== hold);
      // Held whole while someone else held it too (Shopify cannot split a held fulfillment order:
      // FULFILLMENT_ORDER_NOT_SPLITTABLE): once ours is the only hold, lines with nothing waiting
      // ship; ours is released and only the waiting lines are held again.
      const splitNow = input.mode === "ship_available_first" && hold !== undefined && !othersHold &&
        stocked.some((line) => !waitingLines.some((w) => w.id === line.id));
      if (hold && !splitNow) {
        holdLines(fo, stocked.map((line) => line.lineItemId));
        continue;
      }
      if (hold) actions.push({ kind: "release", fulfillmentOrderId: fo.id, holdId: hold.id });
      const partial = input.mode === "ship_available_first" && !othersHold && (fo.status !== "ON_HOLD" || splitNow) &&
        stocked.some((line) => !waitingLines.some((w) => w.id === line.id && w.whole));
      // A partial hold splits the covered units off into an open fulfillment order: only the waiting lines stay held.
      holdLines(fo, (partial ? stocked.filter((line) => waitingLines.some((w) => w.id === line.id)) : stocked).map((line) => line.lineItemId));
      actions.push({
        kind: "hold",
        fulfillmentOrderId: fo.id,
        // Shopify cannot split a fulfillment order someone else already holds.
        lines: partial ? waitingLines.map((line) => ({ id: line.id, quantity: line.waiting })) : null,
        // Shown to the merchant on the hold in Shopify admin.
        notes: `${formatUnits(waitingLines.reduce((sum, line) => sum + line.waiting, 0))} waiting for stock`,
      });
      continue;
    }
    if (hold) actions.push({ kind: "release", fulfillmentOrderId: fo.id, holdId: hold.id });
    // Fulfil only what the app held: right after releasing it, or on a rerun after a crash in between.
    const othersHold = fo.holds.some((other) => other !== hold);
    const fulfillable = hold ? !othersHold : FULFILLABLE.has(fo.status) && !othersHold;
    const merchantShips = fo.lines.some((line) => input.shipByMerchant?.has(line.lineItemId) ?? false);
    if (input.mode === "hold_fulfil" && (hold || onceHeld.has(fo.id)) && fulfillable && !merchantShips && input.canFulfilAt(fo.locationId)) {
      const lines = fo.lines.filter((line) => line.remainingQuantity > 0).map((line) => ({ id: line.id, quantity: line.remainingQuantity }));
      if (lines.length > 0) actions.push({ kind: "fulfil", fulfillmentOrderId: fo.id, lines });
    }
  }

  const stillWaiting = pending.filter((line) => line.waitingUnits > 0);
  // A covered line that shares a held fulfillment order with a waiting one waits with it.
  const heldWithOthers = (line: TrackedLineState) =>
    input.fulfillmentOrders.some((fo) => fo.locationId === line.locationId && (holding.get(fo.id)?.has(line.lineItemId) ?? false));
  const finished = pending.filter((line) => line.waitingUnits === 0 && !heldWithOthers(line)).map(lineKey);
  const dates = stillWaiting.map((line) => line.shipsOn).filter((date): date is string => date !== null).sort();
  return { actions, finished, heldIn, tagged: stillWaiting.length > 0, shipsOn: dates.at(-1) ?? null };
}
