/**
 * A merchant's restock date belongs to one back-order episode: from the variant
 * selling out (or units starting to wait) until stock is back and nothing waits.
 * When that episode ends the units the date was for have arrived, so the date
 * is cleared; a date set while the variant is in stock is kept for the next
 * sell-out. A date that has gone by is never promised, ended episode or not.
 */
import type { BackorderStatus } from "./variant-policy";

/** What one sync knows of a variant: its status and the units waiting for it. */
export interface EpisodeState {
  status: BackorderStatus;
  waitingUnits: number;
}

/** Back-ordered, sold out at its cap, or still owing units to orders (another location may have stock). */
export function inBackorderEpisode(state: EpisodeState): boolean {
  return state.status === "backorder" || state.status === "sold_out" || state.waitingUnits > 0;
}

/**
 * True when the sync that saw `before` and now sees `after` is the one where the
 * episode ended: the stock arrived and no unit waits. Seeing the same state again
 * is not an end, so a duplicate or late sync never ends it twice. A variant the
 * app stops managing has not been restocked: its date stays for when it is back.
 */
export function restockEpisodeEnded(before: EpisodeState | null, after: EpisodeState): boolean {
  return before !== null && inBackorderEpisode(before) && after.status === "in_stock" && after.waitingUnits === 0;
}

/** The stored restock date this sync clears, or null when it keeps it. */
export function restockDateToClear(restockDate: string | null, before: EpisodeState | null, after: EpisodeState): string | null {
  return restockDate !== null && restockEpisodeEnded(before, after) ? restockDate : null;
}

/** True when the date is before the shop's today: the stock did not come when expected. */
export function restockDateHasPassed(restockDate: string, today: string): boolean {
  return restockDate.slice(0, 10) < today;
}

/** The restock date the app may promise: the merchant's, unless it has gone by. */
export function promisableRestockDate(restockDate: string | null, today: string): string | null {
  return restockDate !== null && !restockDateHasPassed(restockDate, today) ? restockDate : null;
}
