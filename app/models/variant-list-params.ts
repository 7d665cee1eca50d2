/**
 * The URL parameters of the variants list's vendor, type and location filters,
 * read by the server and written by the page (so no `.server` module). Each is
 * repeated once per value: vendors and types may hold commas.
 */
export const FILTER_PARAMS = { vendors: "vendor", productTypes: "productType", locations: "location" } as const;
