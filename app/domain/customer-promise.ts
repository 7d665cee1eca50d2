/**
 * The date a customer was promised for a waiting line, and when that promise is broken.
 * A promise is kept as it was made: later syncs move the expected date (`shipsOn`), never the
 * promise (`promisedOn`).
 */
import { addDays } from "./restock-eta";

/**
 * The hidden line item property the storefront badge adds beside the visible `Back-order`
 * wording: the ISO date the shopper was shown. The leading underscore keeps it out of checkout
 * (https://shopify.dev/docs/api/liquid/objects/line_item#line_item-properties).
 */
export const SHIPS_ON_PROPERTY = "_backorder_ships_on";

/** How far from today a checkout date may be before it is taken for garbage. */
const PLAUSIBLE_DAYS = 2 * 366;

/** A real calendar date written YYYY-MM-DD, or null. */
function isoDateOf(value: string): string | null {
  const text = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text ? text : null;
}

/**
 * The date the shopper saw at checkout, from the order line's properties; null when there is
 * none, or when it is malformed or absurd (more than two years from today either way).
 */
export function checkoutPromiseOf(attributes: readonly { key: string; value?: string | null }[], today: string): string | null {
  const raw = attributes.find((attribute) => attribute.key === SHIPS_ON_PROPERTY)?.value;
  const date = raw ? isoDateOf(raw) : null;
  if (date === null) return null;
  return date >= addDays(today, -PLAUSIBLE_DAYS) && date <= addDays(today, PLAUSIBLE_DAYS) ? date : null;
}

/**
 * The promise to record for a waiting line. One already made stands; a line starting to wait
 * is promised what checkout showed (only on its first wait: a line waiting anew after a release
 * was not shown that date for this wait), else the date the app gives it now.
 */
export function promiseFor(input: { kept: string | null; checkout: string | null; shipsOn: string | null }): string | null {
  return input.kept ?? input.checkout ?? input.shipsOn;
}

export interface PromiseState {
  state: string;
  waitingUnits: number;
  promisedOn: string | null;
  shipsOn: string | null;
}

/** Still waiting, and the date promised (or, with no promise recorded, the expected one) is before today. */
export function isOverdue(line: PromiseState, today: string): boolean {
  if (line.state !== "waiting" || line.waitingUnits <= 0) return false;
  const date = line.promisedOn ?? line.shipsOn;
  return date !== null && date < today;
}

/** The expected date moved later than what the customer was promised. */
export function promiseSlipped(line: Pick<PromiseState, "promisedOn" | "shipsOn">): boolean {
  return line.promisedOn !== null && line.shipsOn !== null && line.shipsOn > line.promisedOn;
}
