/**
 * How far ahead a date may be. A shopper can act on a promise of weeks or months, not of years, and
 * a restock date years out is almost always a typo (9999-12-31, 2062 for 2026); a date past year
 * 9999 does not even fit the YYYY-MM-DD of Shopify's `date` metafield. Two years covers the longest
 * real restocks (made to order, seasonal, overseas production runs) with room to spare.
 */

/** The latest restock date a merchant can enter: this many years from the shop's today. */
export const MAX_RESTOCK_YEARS_AHEAD = 2;
/** Days between stock arriving and the order shipping, at most (settings). */
export const MAX_HANDLING_DAYS = 60;
