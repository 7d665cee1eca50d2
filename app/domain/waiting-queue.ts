/**
 * Who is waiting for a variant at a location, derived from Shopify's own counts.
 *
 * Shopify commits stock to every order, so `available` goes below zero by exactly
 * the units sold without stock. Those units belong to the back of the queue: the
 * front of the queue (merchant priority first, then the oldest orders) took the
 * real stock. Recomputing this from the current counts is idempotent, unlike
 * counting webhook events.
 */

export interface DemandLine {
  lineItemId: string;
  orderId: string;
  /** ISO timestamp of the order; older orders come first. */
  orderedAt: string;
  /** Units of this line not yet fulfilled. */
  openQuantity: number;
  /** Set when the merchant moved the order to the front; higher comes first. */
  priority?: number;
}

export interface LineCoverage extends DemandLine {
  /** Units of this line backed by stock on hand. */
  coveredUnits: number;
  /** Units of this line waiting for stock. */
  waitingUnits: number;
  /** 1-based place in the waiting queue (only for lines with waiting units). */
  queuePosition: number | null;
}

/** Queue order: merchant priority, then order age, then a stable tie-break. */
export function compareQueueOrder(a: DemandLine, b: DemandLine): number {
  const byPriority = (b.priority ?? 0) - (a.priority ?? 0);
  if (byPriority !== 0) return byPriority;
  const byAge = Date.parse(a.orderedAt) - Date.parse(b.orderedAt);
  if (byAge !== 0) return byAge;
  return a.lineItemId < b.lineItemId ? -1 : a.lineItemId > b.lineItemId ? 1 : 0;
}

/** Units sold without stock, from Shopify's `available` (negative when oversold). */
export function waitingUnitsFromAvailable(available: number): number {
  return Math.max(0, -available);
}

/**
 * Splits open demand into covered and waiting units. The covered units form a
 * prefix of the queue, so whoever waits is always behind everyone served.
 */
export function splitCoverage(lines: readonly DemandLine[], waitingUnits: number): LineCoverage[] {
  const queue = [...lines].filter((line) => line.openQuantity > 0).sort(compareQueueOrder);
  const demand = queue.reduce((sum, line) => sum + line.openQuantity, 0);
  let coverLeft = Math.max(0, demand - Math.max(0, waitingUnits));
  let position = 0;
  return queue.map((line) => {
    const coveredUnits = Math.min(line.openQuantity, coverLeft);
    coverLeft -= coveredUnits;
    const waiting = line.openQuantity - coveredUnits;
    return {
      ...line,
      coveredUnits,
      waitingUnits: waiting,
      queuePosition: waiting > 0 ? ++position : null,
    };
  });
}

export interface ReleaseDecision {
  /** Lines that were waiting and are now fully covered: release or fulfil them. */
  release: LineCoverage[];
  /** Lines still waiting, in queue order. */
  stillWaiting: LineCoverage[];
}

/**
 * Given which lines are currently held and the coverage computed from fresh
 * counts, which holds to lift. A line is released only when all its units are
 * covered, and only if it was held: running this twice releases nothing twice.
 */
export function decideReleases(coverage: readonly LineCoverage[], heldLineIds: ReadonlySet<string>): ReleaseDecision {
  return {
    release: coverage.filter((line) => heldLineIds.has(line.lineItemId) && line.waitingUnits === 0),
    stillWaiting: coverage.filter((line) => line.waitingUnits > 0),
  };
}
