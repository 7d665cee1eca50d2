/**
 * What Shopify lets the installed app see of the shop's orders and customers, beyond its scopes
 * for each object: the 60-day order window and protected customer data.
 */
import type { OrderRecord } from "./model";

/** "You can only retrieve the last 60 days worth of orders from a store by default." */
export const ORDER_WINDOW_DAYS = 60;
export const READ_ALL_ORDERS = "read_all_orders";

/**
 * Protected customer data (https://shopify.dev/docs/apps/launch/protected-customer-data): level 2
 * (name, email, phone, address) needs Shopify's approval in the Partner Dashboard. `approved` is
 * level 2; `refused` is an app without it.
 */
export type CustomerDataAccess = "approved" | "refused";

export interface AppAccess {
  /** The scopes Shopify granted the app on this shop. */
  grantedScopes(): readonly string[];
  customerData: CustomerDataAccess;
}

/** A shop used without the app installed through the sandbox server (unit tests): everything readable. */
export const fullAccess = (): AppAccess => ({ grantedScopes: () => [READ_ALL_ORDERS], customerData: "approved" });

/**
 * Whether the app may read this order. The 2026-10 schema's `QueryRoot.order`: "You can only
 * retrieve the last 60 days worth of orders from a store by default. If you want to access older
 * orders, then you need to request access to all orders" (the `read_all_orders` scope,
 * https://shopify.dev/docs/api/usage/access-scopes#orders-permissions). Measured from the order's
 * `createdAt` against the shop's clock; an order past it is hidden from `order`, `orders` and
 * `nodes` alike (Shopify's docs do not say `nodes` differs, so the harsher reading).
 */
export function orderVisible(access: AppAccess, order: Pick<OrderRecord, "createdAt">, now: number): boolean {
  if (access.grantedScopes().includes(READ_ALL_ORDERS)) return true;
  return now - Date.parse(order.createdAt) <= ORDER_WINDOW_DAYS * 86_400_000;
}

/**
 * The message of the error a customer field answers when the app lacks approval. Shopify's REST
 * answer is documented in its forums ("This app is not approved to access REST endpoints with
 * protected customer data", Shopify/shopify-app-template-node#1190); the GraphQL field error is
 * modelled on it, as an error per refused field with `null` data (unconfirmed wording).
 */
export const CUSTOMER_DATA_REFUSED = "This app is not approved to access the Customer object. See https://shopify.dev/docs/apps/launch/protected-customer-data for more details.";

/**
 * A fulfillment order belongs to its order: the harsher reading of the 60-day window is that the
 * app can neither read nor act on (hold, release, move, fulfil) one whose order it may not read.
 */
export function fulfillmentOrderVisible(shop: { appAccess: AppAccess; orders: ReadonlyMap<number, Pick<OrderRecord, "createdAt">>; now(): number }, fo: { orderId: number }): boolean {
  const order = shop.orders.get(fo.orderId);
  return order !== undefined && orderVisible(shop.appAccess, order, shop.now());
}
