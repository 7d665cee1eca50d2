/**
 * Each waiting line's ship date from the stock actually on its way to its location.
 *
 * A unit at one location cannot ship an order waiting at another, so supply is handed out per
 * location: that location's batches (shipments in transit, earliest arrival first, then incoming
 * stock no shipment explains) go to that location's waiting lines in queue order. A line ships
 * when its last unit arrives, plus the handling days. Units no batch covers take the merchant's
 * restock line (its quantity, or all of them), then the default lead time. At a location a later
 * place in the queue is never promised an earlier date, and a date beyond the horizon is no
 * promise: that line and every line behind it at that location get none.
 */
import { addDays, latestShipDate } from "./restock-eta";

/** Where a line's last unit comes from: what its date stands on. */
export type PromiseSource =
  | { kind: "shipment"; shipmentId: string }
  /** Incoming at the location that no shipment the app read explains (a purchase order, another app). */
  | { kind: "incoming" }
  | { kind: "restock" }
  | { kind: "lead_time" };

export interface SupplyBatch {
  locationId: string;
  /** ISO date (or date-time) the batch is expected. */
  arrivesAt: string;
  quantity: number;
  source: PromiseSource;
}

/** The merchant's restock date as a supply line: `quantity` units, or every unit not otherwise covered (null). */
export interface ManualRestock {
  date: string;
  quantity: number | null;
}

export interface LocatedWaitingLine {
  lineItemId: string;
  locationId: string;
  waitingUnits: number;
}

export interface SupplyPromiseInput {
  /** In queue order (the variant's queue; each location keeps its own order within it). */
  waitingLines: readonly LocatedWaitingLine[];
  batches: readonly SupplyBatch[];
  restock: ManualRestock | null;
  defaultLeadTimeDays: number | null;
  handlingDays: number;
  /** ISO date in the shop's time zone. */
  today: string;
}

export interface LinePromise {
  lineItemId: string;
  locationId: string;
  shipsOn: string | null;
  /** What the last unit's date came from; null without a date. */
  source: PromiseSource | null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const dayOf = (date: string) => date.slice(0, 10);
const laterOf = (a: string, b: string) => (a > b ? a : b);

export function promiseShipDates(input: SupplyPromiseInput): LinePromise[] {
  const latest = latestShipDate(input.today);
  const pools = new Map<string, { date: string; left: number; source: PromiseSource }[]>();
  for (const batch of input.batches) {
    if (batch.quantity <= 0 || !ISO_DATE.test(dayOf(batch.arrivesAt))) continue;
    const pool = pools.get(batch.locationId) ?? [];
    pool.push({ date: dayOf(batch.arrivesAt), left: batch.quantity, source: batch.source });
    pools.set(batch.locationId, pool);
  }
  // Earliest first; on the same day a shipment goes before unexplained incoming (stable sort keeps the rest).
  for (const pool of pools.values()) pool.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  let restockLeft = input.restock ? (input.restock.quantity ?? Number.POSITIVE_INFINITY) : 0;
  const leadDate = input.defaultLeadTimeDays === null ? null : addDays(input.today, input.defaultLeadTimeDays);
  const latestAt = new Map<string, string>();
  const beyondHorizon = new Set<string>();

  return input.waitingLines.map((line) => {
    const none = { lineItemId: line.lineItemId, locationId: line.locationId, shipsOn: null, source: null };
    const pool = pools.get(line.locationId) ?? [];
    let unitsLeft = line.waitingUnits;
    let lastDate: string | null = null;
    let source: PromiseSource | null = null;
    while (unitsLeft > 0 && pool.length > 0) {
      const batch = pool[0]!;
      const taken = Math.min(batch.left, unitsLeft);
      batch.left -= taken;
      unitsLeft -= taken;
      lastDate = batch.date;
      source = batch.source;
      if (batch.left === 0) pool.shift();
    }
    if (unitsLeft > 0 && restockLeft > 0 && input.restock) {
      const taken = Math.min(restockLeft, unitsLeft);
      restockLeft -= taken;
      unitsLeft -= taken;
      lastDate = laterOf(lastDate ?? input.today, dayOf(input.restock.date));
      source = { kind: "restock" };
    }
    if (unitsLeft > 0) {
      if (leadDate === null) return none;
      lastDate = laterOf(lastDate ?? input.today, leadDate);
      source = { kind: "lead_time" };
    }
    if (lastDate === null || beyondHorizon.has(line.locationId)) return none;
    // Stock due "in the past" but not counted yet ships no earlier than today; fairness within the location.
    const arrives = laterOf(laterOf(lastDate, input.today), latestAt.get(line.locationId) ?? input.today);
    const shipsOn = addDays(arrives, input.handlingDays);
    if (shipsOn > latest) {
      beyondHorizon.add(line.locationId);
      return none;
    }
    latestAt.set(line.locationId, arrives);
    return { lineItemId: line.lineItemId, locationId: line.locationId, shipsOn, source };
  });
}

/** A stable text for a source, stored beside each recorded promise. */
export function sourceKey(source: PromiseSource | null): string | null {
  if (source === null) return null;
  return source.kind === "shipment" ? `shipment:${source.shipmentId}` : source.kind;
}
