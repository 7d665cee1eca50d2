/**
 * What an order needs in Shopify, decided from what the app already knows (its lines, the
 * fulfillment orders it held and the ids of its holds), without reading the order. Only the plain
 * cases are decided here; everything else, and any case where Shopify says the knowledge is stale,
 * goes to the order's full sync (a fresh read and `planOrderHolds`).
 */
import { formatUnits } from "../i18n/format";
import type { FulfilmentMode } from "./hold-plan";

export interface KnownLine {
  lineItemId: string;
  locationId: string;
  state: string;
  waitingUnits: number;
  shipsOn: string | null;
  /** The fulfillment order the line was seen in when it started waiting. */
  fulfillmentOrderId: string | null;
  /** The fulfillment orders the app held for it (space-separated). */
  heldIn: string | null;
  merchantAction: string | null;
  moveTo: string | null;
}

export type KnownOrderWrite =
  | { kind: "nothing" }
  /** The full sync: read the order, plan, write. */
  | { kind: "read" }
  /** Every waiting unit is covered: release the app's holds, untag, clear the ship date. */
  | { kind: "release"; holds: { fulfillmentOrderId: string; holdId: string }[] }
  /** Units wait on fulfillment orders not held yet: hold them whole, tag, set the ship date. */
  | { kind: "hold"; holds: { fulfillmentOrderId: string; notes: string; lines: { lineItemId: string; locationId: string }[] }[]; shipsOn: string | null }
  /** Everything waiting is held already: only the ship date may have moved. */
  | { kind: "ship-date"; shipsOn: string | null };

export function knownOrderWrite(input: {
  mode: FulfilmentMode;
  lines: readonly KnownLine[];
  /** Hold id per fulfillment order the app holds. */
  holdIds: ReadonlyMap<string, string>;
}): KnownOrderWrite {
  const pending = input.lines.filter((line) => line.state === "waiting");
  if (pending.length === 0) return { kind: "nothing" };
  // The merchant's choices (release now, cancel, move) are carried out from a fresh read.
  if (pending.some((line) => line.merchantAction !== null || line.moveTo !== null)) return { kind: "read" };
  const waiting = pending.filter((line) => line.waitingUnits > 0);

  if (waiting.length === 0) {
    // Fulfilling needs the fulfillment order's lines and quantities: read.
    if (input.mode === "hold_fulfil") return { kind: "read" };
    const heldIn = pending.map((line) => line.heldIn?.split(" ").filter(Boolean) ?? []);
    // A line never held may have been fulfilled meanwhile; its final state needs a read.
    if (heldIn.some((ids) => ids.length === 0)) return { kind: "read" };
    const fulfillmentOrders = [...new Set(heldIn.flat())];
    if (fulfillmentOrders.some((id) => !input.holdIds.has(id))) return { kind: "read" };
    return { kind: "release", holds: fulfillmentOrders.map((id) => ({ fulfillmentOrderId: id, holdId: input.holdIds.get(id)! })) };
  }

  // Some lines covered while others wait: the plan decides which holds stay (shared fulfillment orders).
  if (waiting.length !== pending.length) return { kind: "read" };
  const dates = waiting.map((line) => line.shipsOn).filter((date): date is string => date !== null).sort();
  const shipsOn = dates.at(-1) ?? null;
  // Ship in-stock units first: partial holds, and the split of an order held whole while another
  // hold was on it, need the fulfillment orders' lines and holds as they are now: read.
  if (input.mode === "ship_available_first") return { kind: "read" };
  const unheld = waiting.filter((line) => !line.heldIn);
  if (unheld.length === 0) return { kind: "ship-date", shipsOn };
  if (unheld.some((line) => !line.fulfillmentOrderId)) return { kind: "read" };
  const byFulfillmentOrder = new Map<string, KnownLine[]>();
  for (const line of unheld) byFulfillmentOrder.set(line.fulfillmentOrderId!, [...(byFulfillmentOrder.get(line.fulfillmentOrderId!) ?? []), line]);
  return {
    kind: "hold",
    holds: [...byFulfillmentOrder].map(([fulfillmentOrderId, lines]) => ({
      fulfillmentOrderId,
      // Shown to the merchant on the hold in Shopify admin, as the full sync writes it.
      notes: `${formatUnits(lines.reduce((sum, line) => sum + line.waitingUnits, 0))} waiting for stock`,
      lines: lines.map(({ lineItemId, locationId }) => ({ lineItemId, locationId })),
    })),
    shipsOn,
  };
}

/**
 * The releases among these writes that go as one bulk mutation: all of them when together they
 * release at least `threshold` fulfillment orders, else none (the batches release them sooner).
 */
export function bulkReleaseOf(writes: ReadonlyMap<string, KnownOrderWrite>, threshold: number): { orderIds: string[]; fulfillmentOrderIds: string[] } | null {
  const releases = [...writes].filter((entry): entry is [string, Extract<KnownOrderWrite, { kind: "release" }>] => entry[1].kind === "release");
  const fulfillmentOrderIds = releases.flatMap(([, write]) => write.holds.map((hold) => hold.fulfillmentOrderId));
  if (fulfillmentOrderIds.length === 0 || fulfillmentOrderIds.length < threshold) return null;
  return { orderIds: releases.map(([orderId]) => orderId), fulfillmentOrderIds };
}
