/**
 * Why a waiting line's date moved. Each change of a line's date is recorded with its cause, so
 * a customer can be told why (the notices) and the merchant how often promises held (accuracy).
 */

/** Every cause a recorded promise may carry, as stored. */
export const PROMISE_CAUSES = [
  /** The date the shopper saw at checkout (the line item property). */
  "checkout",
  /** The first date the app gave the line. */
  "first_date",
  /** The shipment its units come on is now expected later (or earlier: `shipment_early`). */
  "shipment_late",
  "shipment_early",
  /** A shipment was partly received: units arrived, the rest of the queue re-dated. */
  "partly_received",
  "shipment_cancelled",
  /** A shipment on its way to the line's location was added or grew. */
  "new_shipment",
  "merchant_changed_date",
  /** Lines ahead left the queue, or one moved in front. */
  "queue_moved",
  /** Anything else: the lead time or handling days changed, a date went by. */
  "recomputed",
  /** The line stopped waiting: its units arrived (or the merchant released it). */
  "released",
] as const;

export type PromiseCause = (typeof PROMISE_CAUSES)[number];

export function promiseCauseOf(value: string): PromiseCause | null {
  return (PROMISE_CAUSES as readonly string[]).includes(value) ? (value as PromiseCause) : null;
}

/** What happened to a shipment line, as the supply sync last saw it change. */
export type SupplyChangeKind = "added" | "arrival_moved" | "received" | "cancelled";

export interface SupplyChange {
  shipmentId: string;
  locationId: string;
  kind: SupplyChangeKind;
  /** ISO date-time the app saw the change. */
  at: string;
}

export interface DatedLine {
  shipsOn: string | null;
  /** `sourceKey` of what the date stood on (supply-promises.ts). */
  source: string | null;
  queuePosition: number | null;
}

export interface CauseInput {
  locationId: string;
  before: DatedLine & { recordedAt: string };
  after: DatedLine;
  /** The variant's supply changes (any age; only those after `before.recordedAt` count). */
  supplyChanges: readonly SupplyChange[];
  /** When the merchant last changed the variant's restock date, if known. */
  restockChangedAt: string | null;
}

const shipmentOf = (source: string | null) => (source?.startsWith("shipment:") ? source.slice("shipment:".length) : null);

function causeOfSupplyChange(kind: SupplyChangeKind, later: boolean): PromiseCause {
  if (kind === "cancelled") return "shipment_cancelled";
  if (kind === "received") return "partly_received";
  if (kind === "added") return "new_shipment";
  return later ? "shipment_late" : "shipment_early";
}

/**
 * The cause of a line's date moving from `before` to `after`: a change to the shipment its date
 * stood on first, then to the one it stands on now, then any supply change at its location, then
 * the merchant's restock date, then its place in the queue.
 */
export function causeOfChange(input: CauseInput): PromiseCause {
  const { before, after } = input;
  const later = before.shipsOn !== null && after.shipsOn !== null && after.shipsOn > before.shipsOn;
  const recent = input.supplyChanges
    .filter((change) => change.locationId === input.locationId && change.at > before.recordedAt)
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  for (const shipmentId of [shipmentOf(before.source), shipmentOf(after.source)]) {
    const change = shipmentId === null ? undefined : recent.find((candidate) => candidate.shipmentId === shipmentId);
    if (change) return causeOfSupplyChange(change.kind, later);
  }
  if (recent[0]) return causeOfSupplyChange(recent[0].kind, later);
  if (input.restockChangedAt !== null && input.restockChangedAt > before.recordedAt) return "merchant_changed_date";
  if (before.queuePosition !== after.queuePosition) return "queue_moved";
  return "recomputed";
}
