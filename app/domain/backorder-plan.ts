/**
 * Everything the app concludes about one variant from a fresh read of Shopify:
 * its status and policy, which open lines wait (per location, the newest
 * orders), their places in the queue and when each can ship.
 */
import { addDays, latestRestockDate } from "./restock-eta";
import { onlineLevels, unexplainedUnits } from "./online-stock";
import { promisableRestockDate } from "./restock-episode";
import { decideVariantPolicy, type BackorderRules, type InventoryPolicy, type VariantDecision, type VariantOverride } from "./variant-policy";
import { promiseShipDates, type PromiseSource, type SupplyBatch } from "./supply-promises";
import { compareQueueOrder, splitCoverage, waitingUnitsFromAvailable, type DemandLine, type LineCoverage } from "./waiting-queue";

export interface LocationStock {
  locationId: string;
  available: number;
  incoming: number;
  /** False for a location that does not fulfil online orders: its stock is not the online store's. */
  fulfillsOnlineOrders?: boolean;
}

/** Open demand for the variant on one fulfillment order line at one location. */
export interface LocatedDemand extends DemandLine {
  locationId: string;
}

export interface VariantPlanInput {
  rules: BackorderRules;
  productId: string;
  productTags: readonly string[];
  tracked: boolean;
  override: VariantOverride;
  merchantPolicy: InventoryPolicy;
  /** Every location's level; only those that fulfil online orders count (see online-stock.ts). */
  levels: readonly LocationStock[];
  /** Open lines read newest first until they hold every waiting unit (see `demandWindowIsEnough`). */
  demand: readonly LocatedDemand[];
  /** Lines the app already holds, with the units it last stored as waiting (see `keepHeldLines`). */
  held?: readonly HeldLine[];
  /** Shopify's levels when the held lines were stored (the last decided sync), where known. */
  previousLevels?: readonly LocationStock[];
  /** When those levels were read (ISO): orders placed before were counted in them. */
  previousReadAt?: string;
  /** The merchant's expected restock date for incoming stock, if any; one that has gone by is not used. */
  restockDate: string | null;
  /** Units the restock date is for; null or absent: every unit no shipment covers. */
  restockQuantity?: number | null;
  /** Shipments on their way, per destination location (see supply.server.ts). */
  supply?: readonly SupplyBatch[];
  defaultLeadTimeDays: number | null;
  handlingDays: number;
  today: string;
}

/** A line the app holds, as it last stored it. */
export interface HeldLine extends LocatedDemand {
  waitingUnits: number;
}

export interface PlannedLine extends LocatedDemand {
  waitingUnits: number;
  queuePosition: number;
  shipsOn: string | null;
}

export interface VariantPlan {
  decision: VariantDecision;
  sellable: number;
  waitingUnits: number;
  /** Lines with units waiting, in queue order. Lines not listed wait for nothing. */
  waitingLines: PlannedLine[];
  /** What each waiting line's date stands on, by `lineItemId@locationId` (see supply-promises.ts). */
  promiseSources: Map<string, PromiseSource | null>;
  /** When one more unit sold now would ship: what the storefront promises. */
  nextShipsOn: string | null;
  /** Units sold below zero that no waiting line accounts for (see `unexplainedUnits`). */
  unexplainedUnits: number;
}

export const waitingAt = (levels: readonly LocationStock[], locationId: string): number =>
  waitingUnitsFromAvailable(levels.find((level) => level.locationId === locationId)?.available ?? 0);

/**
 * Waiting units the lines read so far cannot yet account for. Everything older
 * than the window is ahead in the queue, so the window is complete once, at each
 * location, the lines without merchant priority (which could be overtaken)
 * cover the waiting units.
 */
export function missingDemand(levels: readonly LocationStock[], demand: readonly LocatedDemand[]): number {
  return onlineLevels(levels).reduce((missing, level) => {
    const waiting = waitingUnitsFromAvailable(level.available);
    if (waiting === 0) return missing;
    const overtakeable = demand
      .filter((line) => line.locationId === level.locationId && !(line.priority && line.priority > 0))
      .reduce((sum, line) => sum + line.openQuantity, 0);
    return missing + Math.max(0, waiting - overtakeable);
  }, 0);
}

export const demandWindowIsEnough = (levels: readonly LocationStock[], demand: readonly LocatedDemand[]): boolean => missingDemand(levels, demand) === 0;

export function planVariant(input: VariantPlanInput): VariantPlan {
  // Online orders are the app's business: stock and waits elsewhere are the shop's own. Lines the
  // app already holds keep waiting wherever they are until units arrive (`keepHeldLines`).
  const levels = onlineLevels(input.levels);
  const sellable = levels.reduce((sum, level) => sum + level.available, 0);
  const located = levels.flatMap((level) => {
    const lines = input.demand.filter((line) => line.locationId === level.locationId);
    return splitCoverage(lines, waitingUnitsFromAvailable(level.available)).map((coverage) => ({ ...coverage, locationId: level.locationId }));
  });
  const waiting = keepHeldLines(located, input.held ?? [], input.levels, input.previousLevels, input.previousReadAt).filter((line) => line.waitingUnits > 0).sort(compareQueueOrder);
  const waitingUnits = waiting.reduce((sum, line) => sum + line.waitingUnits, 0);
  const decision = decideVariantPolicy(input.rules, {
    productId: input.productId,
    productTags: input.productTags,
    tracked: input.tracked,
    override: input.override,
    merchantPolicy: input.merchantPolicy,
    // Free units only: units owed at one location are not offset by units free at another.
    sellableQuantity: levels.reduce((sum, level) => sum + Math.max(0, level.available), 0),
    // Shopify's own count, so a line the window missed still counts against the cap.
    waitingUnits: levels.reduce((sum, level) => sum + waitingUnitsFromAvailable(level.available), 0),
  });

  // Stock that did not come on its date may come any day or never: promise as if no date were set.
  const restockDate = promisableRestockDate(input.restockDate, input.today);
  const etas = promiseShipDates({
    waitingLines: [...waiting.map((line) => ({ lineItemId: line.lineItemId, locationId: line.locationId, waitingUnits: line.waitingUnits })), ...nextShopperLines(levels, waiting)],
    batches: supplyBatches(levels, input.supply ?? [], restockDate ?? (input.defaultLeadTimeDays === null ? null : addDays(input.today, input.defaultLeadTimeDays)), input.today),
    restock: restockDate ? { date: restockDate, quantity: input.restockQuantity ?? null } : null,
    defaultLeadTimeDays: input.defaultLeadTimeDays,
    handlingDays: input.handlingDays,
    today: input.today,
  });
  const nextShopper = etas.slice(waiting.length);
  // No date at one of the places the next order may wait: no date; else the latest of them.
  const nextShipsOn = nextShopper.some((eta) => eta.shipsOn === null) ? null : (nextShopper.map((eta) => eta.shipsOn!).sort().at(-1) ?? null);

  // Outside the rules the app holds nothing: the merchant's own overselling is theirs to manage.
  const managed = decision.status !== "not_managed";
  return {
    decision,
    sellable,
    waitingUnits: managed ? waitingUnits : 0,
    waitingLines: (managed ? waiting : []).map((line, index) => ({
      lineItemId: line.lineItemId,
      orderId: line.orderId,
      orderedAt: line.orderedAt,
      openQuantity: line.openQuantity,
      ...(line.priority === undefined ? {} : { priority: line.priority }),
      locationId: line.locationId,
      waitingUnits: line.waitingUnits,
      queuePosition: index + 1,
      shipsOn: etas[index]?.shipsOn ?? null,
    })),
    promiseSources: new Map(managed ? waiting.map((line, index) => [`${line.lineItemId}@${line.locationId}`, etas[index]?.source ?? null]) : []),
    nextShipsOn: decision.status === "backorder" ? nextShipsOn : null,
    unexplainedUnits: input.tracked ? unexplainedUnits(input.levels, waiting) : 0,
  };
}

type LocatedCoverage = LineCoverage & { locationId: string };

/**
 * A hold is lifted only for units that arrived (or by the merchant's priority), never because
 * the view of who waits shifted: the order window is read after the levels, so it may already
 * hold orders the levels do not count yet, and those would push older held lines out of the
 * tail. At each location the held lines may give up at most the waiting units Shopify's count
 * dropped by since the app stored them, oldest first; the rest stay waiting. The drop is
 * measured from Shopify's count when the lines were stored (`previous`, the last decided sync),
 * not from the stored lines' sum: lines kept waiting beyond Shopify's count would read as units
 * that arrived, and lines a sync had not stored yet would hide units that did. Without a
 * previous count (the first sync), the stored lines' sum stands in.
 *
 * One shift of view does free held units: an order placed before those levels were read (so
 * counted in them) that the app did not see then (its webhook late, search behind) and that now
 * waits. Its waiting units were handed to older held lines for want of it; they are its own.
 */
export function keepHeldLines(
  located: readonly LocatedCoverage[],
  held: readonly HeldLine[],
  levels: readonly LocationStock[],
  previous: readonly LocationStock[] = [],
  previousReadAt?: string,
): LocatedCoverage[] {
  const result = [...located];
  const heldKeys = new Set(held.map((line) => `${line.lineItemId}@${line.locationId}`));
  for (const level of levels) {
    const heldHere = held.filter((line) => line.locationId === level.locationId && line.waitingUnits > 0);
    const before = previous.find((p) => p.locationId === level.locationId);
    const waitingBefore = before ? waitingUnitsFromAvailable(before.available) : heldHere.reduce((sum, line) => sum + line.waitingUnits, 0);
    const unseenBefore = previousReadAt === undefined
      ? 0
      : located
          .filter((line) => line.locationId === level.locationId && !heldKeys.has(`${line.lineItemId}@${line.locationId}`) && Date.parse(line.orderedAt) < Date.parse(previousReadAt))
          .reduce((sum, line) => sum + line.waitingUnits, 0);
    let arrived = Math.max(0, waitingBefore - waitingUnitsFromAvailable(level.available)) + unseenBefore;
    for (const line of heldHere.filter((line) => !(line.priority && line.priority > 0)).sort(compareQueueOrder)) {
      const index = result.findIndex((planned) => planned.lineItemId === line.lineItemId && planned.locationId === line.locationId);
      const plannedWaiting = index >= 0 ? result[index]!.waitingUnits : 0;
      const covering = Math.max(0, line.waitingUnits - plannedWaiting);
      const allowed = Math.min(covering, arrived);
      arrived -= allowed;
      const kept = covering - allowed;
      if (kept === 0) continue;
      if (index >= 0) {
        const planned = result[index]!;
        result[index] = { ...planned, waitingUnits: plannedWaiting + kept, coveredUnits: Math.max(0, planned.coveredUnits - kept) };
      } else {
        const { waitingUnits: _stored, ...demand } = line;
        result.push({ ...demand, waitingUnits: kept, coveredUnits: Math.max(0, line.openQuantity - kept), queuePosition: null });
      }
    }
  }
  return result;
}

/**
 * Where one more unit sold now would wait: beside the newest waiting line (where Shopify sent the
 * last back-order); with none waiting, at any online location, so the promise holds at each.
 */
function nextShopperLines(levels: readonly LocationStock[], waiting: readonly LocatedCoverage[]) {
  const newest = waiting.at(-1);
  const locations = newest ? [newest.locationId] : levels.map((level) => level.locationId);
  return (locations.length > 0 ? locations : [""]).map((locationId) => ({ lineItemId: "", locationId, waitingUnits: 1 }));
}

/**
 * Shipments to online locations, then each location's incoming that no shipment explains (units
 * the app cannot see the origin of), dated as before: the restock date, else the lead time. A
 * shipment dated beyond the furthest restock date the app accepts gives no usable date: its
 * units count as incoming without one.
 */
function supplyBatches(levels: readonly LocationStock[], shipments: readonly SupplyBatch[], undatedArrival: string | null, today: string): SupplyBatch[] {
  const batches: SupplyBatch[] = [];
  const latest = latestRestockDate(today);
  for (const level of levels) {
    const here = shipments.filter((batch) => batch.locationId === level.locationId && batch.quantity > 0 && batch.arrivesAt.slice(0, 10) <= latest).sort((a, b) => (a.arrivesAt < b.arrivesAt ? -1 : a.arrivesAt > b.arrivesAt ? 1 : 0));
    // Shopify's count is read fresh, the shipments may be a moment old (a receipt's webhook not
    // worked yet): units they claim beyond it are taken off the earliest, the harsher reading.
    let excess = here.reduce((sum, batch) => sum + batch.quantity, 0) - Math.max(0, level.incoming);
    for (const batch of here) {
      const trimmed = Math.min(batch.quantity, Math.max(0, excess));
      excess -= trimmed;
      if (batch.quantity - trimmed > 0) batches.push({ ...batch, quantity: batch.quantity - trimmed });
    }
    const unexplained = -excess;
    if (unexplained > 0 && undatedArrival !== null) batches.push({ locationId: level.locationId, arrivesAt: undatedArrival, quantity: unexplained, source: { kind: "incoming" } });
  }
  return batches;
}
