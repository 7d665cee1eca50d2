/** Shared fixtures for the planOrderHolds tests: holds, fulfillment orders, tracked lines, what order-sync records, and the plan call. */
import {
  HOLD_HANDLE,
  lineKey,
  planOrderHolds,
  type FulfilmentMode,
  type FulfillmentOrderState,
  type OrderPlan,
  type TrackedLineState,
} from "../../app/domain/hold-plan";

export type Hold = FulfillmentOrderState["holds"][number];

export const MODES: FulfilmentMode[] = ["hold_release", "hold_fulfil", "ship_available_first"];

export const ourHold = (id = "hold-ours"): Hold => ({ id, handle: HOLD_HANDLE, heldByRequestingApp: true });
export const merchantHold: Hold = { id: "hold-merchant", handle: null, heldByRequestingApp: false };
/** Another app that happens to use the same handle: still not ours. */
export const otherAppHold: Hold = { id: "hold-other-app", handle: HOLD_HANDLE, heldByRequestingApp: false };
/** Our app, but a handle it does not use for back-orders. */
export const ownOtherHandleHold: Hold = { id: "hold-own-other", handle: "something-else", heldByRequestingApp: true };

/** A fulfillment order; `lines` maps line item id → remaining quantity. Line ids are `<fo>/<lineItem>`. */
export const fo = (
  id: string,
  lines: Record<string, number>,
  options: { status?: string; locationId?: string; holds?: Hold[] } = {},
): FulfillmentOrderState => {
  const holds = options.holds ?? [];
  return {
    id,
    status: options.status ?? (holds.length > 0 ? "ON_HOLD" : "OPEN"),
    locationId: options.locationId ?? "L1",
    holds,
    lines: Object.entries(lines).map(([lineItemId, remainingQuantity]) => ({ id: `${id}/${lineItemId}`, lineItemId, remainingQuantity })),
  };
};

export const tracked = (
  lineItemId: string,
  waitingUnits: number,
  options: { state?: string; shipsOn?: string | null; locationId?: string; heldIn?: string | null } = {},
): TrackedLineState => ({
  lineItemId,
  locationId: options.locationId ?? "L1",
  waitingUnits,
  state: options.state ?? "waiting",
  shipsOn: options.shipsOn === undefined ? "2026-12-01" : options.shipsOn,
  heldIn: options.heldIn ?? null,
});

/** A line's key in `finished` and `heldIn`. */
export const key = (lineItemId: string, locationId = "L1") => lineKey({ lineItemId, locationId });
export const heldInOf = (result: OrderPlan) => Object.fromEntries(result.heldIn);

/** The ids in a space-separated `heldIn`. */
export const idsOf = (heldIn: string | null | undefined) => (heldIn ? heldIn.split(" ") : []);

/**
 * What order-sync records once a plan's actions landed: finished lines are settled, the others remember
 * every fulfillment order ever held for them (what they named before, then the plan's new ones).
 */
export function record(lines: readonly TrackedLineState[], result: OrderPlan): TrackedLineState[] {
  const finished = new Set(result.finished);
  return lines.map((line) => {
    if (line.state !== "waiting") return line;
    if (finished.has(lineKey(line))) return { ...line, state: "released", waitingUnits: 0 };
    const heldIn = [...new Set([...idsOf(line.heldIn), ...idsOf(result.heldIn.get(lineKey(line)))])].join(" ");
    return heldIn && heldIn !== line.heldIn ? { ...line, heldIn } : line;
  });
}

/** planOrderHolds, by default for an order not cancelled, fulfillable everywhere, none of it shipped by the merchant. */
export const plan = (
  mode: FulfilmentMode,
  fulfillmentOrders: FulfillmentOrderState[],
  lines: TrackedLineState[],
  options: { cancelled?: boolean; canFulfilAt?: (locationId: string) => boolean; shipByMerchant?: string[] } = {},
) =>
  planOrderHolds({
    mode,
    cancelled: options.cancelled ?? false,
    fulfillmentOrders,
    lines,
    canFulfilAt: options.canFulfilAt ?? (() => true),
    shipByMerchant: new Set(options.shipByMerchant ?? []),
  });
