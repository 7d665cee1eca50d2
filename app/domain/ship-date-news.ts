/**
 * Whether a waiting line's new ship date is news for the merchant's Shopify Flow workflows
 * ("Backorder date changed"). A date counted from today with the default lead time moves later by
 * itself as the days pass: that is the calendar, not an event, and announcing it would fire every
 * waiting line's workflow every day. Anything else is news: a first date, an earlier date, a date from
 * incoming stock or the merchant's restock date, or a lead-time date that moved further than the days
 * that passed.
 */
import { addDays } from "./restock-eta";

export interface ShipDateChange {
  before: string | null;
  after: string | null;
  /** Today plus the default lead time and handling days: the date a line no stock covers gets; null without a lead time. */
  leadTimeDate: string | null;
  /** Calendar days that may have passed since `before` was decided (rounded up). */
  daysPassed: number;
}

export function isShipDateNews(change: ShipDateChange): boolean {
  const { before, after, leadTimeDate, daysPassed } = change;
  if (after === null || before === after) return false;
  if (before === null || leadTimeDate === null || after !== leadTimeDate || after < before) return true;
  return addDays(before, daysPassed) < after;
}
