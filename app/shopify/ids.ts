/**
 * Shopify's global ids (`gid://shopify/<Type>/<number>`), made and read in one place: webhooks and
 * forms give bare numbers or gids, the Admin API gids, and admin links and email headers want the
 * number. https://shopify.dev/docs/api/usage/gids
 */
export type ShopifyIdType =
  | "Customer"
  | "FulfillmentOrder"
  | "InventoryItem"
  | "InventoryTransfer"
  | "LineItem"
  | "Location"
  | "Order"
  | "Product"
  | "ProductVariant";

export const shopifyGid = (type: ShopifyIdType, numericId: string | number): string => `gid://shopify/${type}/${numericId}`;

/** The number at the end of a gid (what admin URLs use). */
export const numericIdOf = (gid: string): string => gid.slice(gid.lastIndexOf("/") + 1);

/**
 * A gid of `type` from what a payload or a form gives: that type's gid as it is, a bare number made
 * one; anything else (another type's gid, text, padding, a number too long to be an id) is null.
 */
export function gidFrom(raw: unknown, type: ShopifyIdType): string | null {
  const text = typeof raw === "number" && Number.isSafeInteger(raw) && raw >= 0 ? String(raw) : typeof raw === "string" ? raw : "";
  if (/^\d{1,20}$/.test(text)) return shopifyGid(type, text);
  return new RegExp(`^gid://shopify/${type}/\\d{1,20}$`).test(text) ? text : null;
}
