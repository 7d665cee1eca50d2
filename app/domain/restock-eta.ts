/**
 * When each waiting unit can ship: incoming stock is handed out in queue order,
 * earliest arrival first; units beyond what is incoming get the default lead time.
 */
import { MAX_HANDLING_DAYS, MAX_RESTOCK_YEARS_AHEAD } from "./date-horizon";

export interface IncomingSupply {
  /** ISO date the stock is expected. */
  arrivesAt: string;
  quantity: number;
}

export interface EtaInput {
  /** Waiting units per line, in queue order. */
  waitingLines: readonly { lineItemId: string; waitingUnits: number }[];
  incoming: readonly IncomingSupply[];
  /** Days from `today` for units no incoming stock covers; null when unknown. */
  defaultLeadTimeDays: number | null;
  /** Days between stock arriving and the order shipping. */
  handlingDays: number;
  /** ISO date (YYYY-MM-DD) in the shop's time zone. */
  today: string;
}

export interface LineEta {
  lineItemId: string;
  /** ISO date (YYYY-MM-DD) the whole line can ship, or null when no date is known. */
  shipsOn: string | null;
  /** True when the date comes from incoming stock rather than the default lead time. */
  fromIncomingStock: boolean;
}

const DAY_MS = 86_400_000;

export function addDays(isoDate: string, days: number): string {
  const start = Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`);
  return new Date(start + days * DAY_MS).toISOString().slice(0, 10);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The same day MAX_RESTOCK_YEARS_AHEAD years on (February 29 becomes March 1). */
export function latestRestockDate(today: string): string {
  const date = new Date(`${today.slice(0, 10)}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() + MAX_RESTOCK_YEARS_AHEAD);
  return date.toISOString().slice(0, 10);
}

/** The latest ship date the app computes: the latest restock date plus the longest handling. */
export const latestShipDate = (today: string): string => addDays(latestRestockDate(today), MAX_HANDLING_DAYS);

/** A four-digit-year date no later than the latest ship date (for those, string order is date order). */
export function isWithinShipHorizon(date: string, today: string): boolean {
  return ISO_DATE.test(date) && date <= latestShipDate(today);
}

function laterOf(a: string, b: string): string {
  return a > b ? a : b;
}

/**
 * A line ships when its last unit arrives, so its ETA is that unit's batch date. A date beyond the
 * horizon is no promise a shopper can use: that line, and every line behind it, gets no date.
 */
export function estimateShipDates(input: EtaInput): LineEta[] {
  const latest = latestShipDate(input.today);
  let beyondHorizon = false;
  return estimateUnboundedShipDates(input).map((eta) => {
    if (eta.shipsOn !== null && !(ISO_DATE.test(eta.shipsOn) && eta.shipsOn <= latest)) beyondHorizon = true;
    return beyondHorizon ? { lineItemId: eta.lineItemId, shipsOn: null, fromIncomingStock: false } : eta;
  });
}

function estimateUnboundedShipDates(input: EtaInput): LineEta[] {
  // A date that is not YYYY-MM-DD (a five-digit year) sorts last, whatever its text.
  const sortKey = (date: string) => (ISO_DATE.test(date) ? date : "~");
  const batches = input.incoming
    .filter((batch) => batch.quantity > 0)
    .map((batch) => ({ date: ISO_DATE.test(batch.arrivesAt.slice(0, 10)) ? batch.arrivesAt.slice(0, 10) : batch.arrivesAt, left: batch.quantity }))
    .sort((a, b) => (sortKey(a.date) < sortKey(b.date) ? -1 : sortKey(a.date) > sortKey(b.date) ? 1 : 0));
  // Stock that arrived "in the past" but is not counted yet still ships no earlier than today.
  const notBefore = (date: string) => (date < input.today ? input.today : date);
  let batchIndex = 0;
  // Fairness: a later place in the queue is never promised an earlier date.
  let latestPromised = input.today;

  return input.waitingLines.map((line) => {
    let lastDate: string | null = null;
    let unitsLeft = line.waitingUnits;
    while (unitsLeft > 0 && batchIndex < batches.length) {
      const batch = batches[batchIndex]!;
      const taken = Math.min(batch.left, unitsLeft);
      batch.left -= taken;
      unitsLeft -= taken;
      lastDate = batch.date;
      if (batch.left === 0) batchIndex++;
    }
    if (unitsLeft === 0 && lastDate !== null) {
      latestPromised = laterOf(latestPromised, notBefore(lastDate));
      return { lineItemId: line.lineItemId, shipsOn: addDays(latestPromised, input.handlingDays), fromIncomingStock: true };
    }
    if (input.defaultLeadTimeDays === null) return { lineItemId: line.lineItemId, shipsOn: null, fromIncomingStock: false };
    latestPromised = laterOf(latestPromised, addDays(input.today, input.defaultLeadTimeDays));
    return { lineItemId: line.lineItemId, shipsOn: addDays(latestPromised, input.handlingDays), fromIncomingStock: false };
  });
}
