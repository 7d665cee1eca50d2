/**
 * Shopify shows an app only the last 60 days of orders unless it was granted `read_all_orders`
 * (the 2026-10 schema's `QueryRoot.order`). An order that reads as missing is then either gone
 * (deleted) or only out of the app's sight: it cannot tell which, so an old order without that
 * scope is taken to be out of sight, never cancelled.
 */
export const ORDER_WINDOW_DAYS = 60;
export const READ_ALL_ORDERS = "read_all_orders";
/** Shopify's clock and ours differ a little: an order this close to the edge may already be past it. */
const EDGE_DAYS = 1;

export function outOfOrderWindow(input: { orderedAt: Date; now: Date; grantedScopes: readonly string[] }): boolean {
  if (input.grantedScopes.includes(READ_ALL_ORDERS)) return false;
  return input.now.getTime() - input.orderedAt.getTime() >= (ORDER_WINDOW_DAYS - EDGE_DAYS) * 86_400_000;
}
