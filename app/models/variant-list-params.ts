/**
 * The URL parameters of the variants list's vendor, type and location filters,
 * read by the server and written by the page (so no `.server` module). Each is
 * repeated once per value: vendors and types may hold commas.
 */
export const FILTER_PARAMS = { vendors: "vendor", productTypes: "productType", locations: "location" } as const;

/**
 * The status filter (`status`, repeated): without it the list shows what the
 * app is acting on, the variants back-ordered or sold out; `status=all` shows
 * every variant the app tracks, in stock ones included.
 */
export const STATUS_PARAM = "status";
export const ALL_STATUSES = "all";
export const DEFAULT_STATUSES = ["backorder", "sold_out"] as const;
