/**
 * Which waiting lines could ship now from another location: a back-ordered line waits at one
 * location while another that fulfils online orders has free units (`available` > 0, so the units
 * newer orders already hold there are never taken). The free units go to the waiting lines in
 * queue order (merchant priority, then oldest first). A line moves whole (its fulfillment order
 * line goes with all its units), so it needs as many free units as it has open; a line too big
 * for what is free does not block younger lines behind it, because those units would otherwise
 * go to brand-new orders, not to it.
 */
import { compareQueueOrder, type DemandLine } from "./waiting-queue";

/** off: never; suggest: shown to the merchant, who moves them with a click; automatic: the engine moves them. */
export type LocationMovesSetting = "off" | "suggest" | "automatic";

export const locationMovesOf = (value: string | null | undefined): LocationMovesSetting =>
  value === "suggest" || value === "automatic" ? value : "off";

export interface MoveLevel {
  locationId: string;
  available: number;
  /** Only locations that fulfil online orders take an online order's units (absent means it does). */
  fulfillsOnlineOrders?: boolean;
}

export interface MovableLine extends DemandLine {
  locationId: string;
  waitingUnits: number;
}

export interface PlannedMove {
  lineItemId: string;
  orderId: string;
  from: string;
  to: string;
  /** Units of the line that move (all its open units). */
  units: number;
}

/** Units at a location a new online order (or a moved line) can take now. */
export const freeUnitsAt = (level: MoveLevel): number => (level.fulfillsOnlineOrders !== false ? Math.max(0, level.available) : 0);

export function planMoves(lines: readonly MovableLine[], levels: readonly MoveLevel[]): PlannedMove[] {
  const free = new Map(levels.map((level) => [level.locationId, freeUnitsAt(level)]));
  const moves: PlannedMove[] = [];
  for (const line of [...lines].filter((candidate) => candidate.waitingUnits > 0).sort(compareQueueOrder)) {
    const target = [...free.entries()]
      .filter(([locationId, units]) => locationId !== line.locationId && units >= line.openQuantity)
      // The location with the most free units, so one sale there does not undo the move; ties by id, for stable plans.
      .sort(([idA, a], [idB, b]) => b - a || (idA < idB ? -1 : idA > idB ? 1 : 0))[0];
    if (!target) continue;
    free.set(target[0], target[1] - line.openQuantity);
    moves.push({ lineItemId: line.lineItemId, orderId: line.orderId, from: line.locationId, to: target[0], units: line.openQuantity });
  }
  return moves;
}
