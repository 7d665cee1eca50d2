/**
 * What a merchant does to an order's fulfillment orders in Shopify admin: split them, merge them,
 * release a hold. They leave orders with many fulfillment orders, some closed and hidden.
 */
import type { Gid } from "./contract";
import { ShopUserError } from "./errors";
import { fulfillmentOrderOrError, releaseHold, requestedQuantities, splitOff, type LineQuantity } from "./fulfillment";
import type { FulfillmentOrderRecord } from "./model";
import type { SandboxShop } from "./shop";

/**
 * `Order.fulfillmentOrders(displayable: true)` leaves out "fulfillment orders that are normally
 * hidden from the merchant ... For example, fulfillment orders that were closed after being
 * combined or moved are hidden" (2026-10 schema, Order.fulfillmentOrders). Here: closed with every
 * line given away (a merge, or a move of all it had), which leaves it no lines at all.
 */
export function isDisplayable(fo: FulfillmentOrderRecord): boolean {
  return !(fo.status === "CLOSED" && fo.lineItems.length === 0);
}

/**
 * `fulfillmentOrderSplit`: "Splits FulfillmentOrder objects by moving the specified LineItem objects
 * and quantities into a new fulfillment order" (2026-10 schema); `supportedActions` offers SPLIT
 * only on an open fulfillment order.
 */
export function splitFulfillmentOrder(shop: SandboxShop, foGid: Gid, lines: LineQuantity[]): FulfillmentOrderRecord {
  const fo = fulfillmentOrderOrError(shop, foGid);
  if (fo.status !== "OPEN") throw new ShopUserError(`Cannot split a fulfillment order with status ${fo.status.toLowerCase()}.`, ["id"], null);
  if (lines.length === 0) throw new ShopUserError("The fulfillment order must have at least one line item input to split.", ["fulfillmentOrderLineItems"], "NO_LINE_ITEMS_PROVIDED_TO_SPLIT");
  const splitting = requestedQuantities(fo, lines, "fulfillmentOrderLineItems");
  const keep = new Map(fo.lineItems.map((line) => [line.id, line.remainingQuantity - (splitting.get(line.id) ?? 0)]));
  if ([...keep.values()].every((quantity) => quantity === 0)) throw new ShopUserError("A split must leave something in the fulfillment order.", ["fulfillmentOrderLineItems"], "INVALID_LINE_ITEM_QUANTITY");
  const split = splitOff(shop, fo, keep, fo.locationId)!;
  shop.touchOrder(shop.orders.get(fo.orderId)!);
  return split;
}

/**
 * `fulfillmentOrderMerge`: "Merges a set or multiple sets of fulfillment orders together into one"
 * (2026-10 schema). Which one survives is not documented: here the first of the set, at its
 * location; the others close with nothing left, hidden from the merchant (`isDisplayable`).
 */
export function mergeFulfillmentOrders(shop: SandboxShop, foGids: Gid[]): FulfillmentOrderRecord {
  const [into, ...others] = foGids.map((id) => fulfillmentOrderOrError(shop, id));
  if (!into || others.length === 0) throw new ShopUserError("Give at least two fulfillment orders to merge.", ["fulfillmentOrderMergeInputs"], null);
  for (const fo of [into, ...others]) {
    if (fo.status !== "OPEN" || fo.orderId !== into.orderId || fo.locationId !== into.locationId) {
      throw new ShopUserError("Only open fulfillment orders of one order at one location can be merged.", ["fulfillmentOrderMergeInputs"], null);
    }
  }
  const now = shop.nowIso();
  for (const fo of others) {
    for (const line of fo.lineItems) {
      const same = into.lineItems.find((mine) => mine.lineItemId === line.lineItemId);
      if (same) {
        same.totalQuantity += line.remainingQuantity;
        same.remainingQuantity += line.remainingQuantity;
      } else into.lineItems.push({ ...line, totalQuantity: line.remainingQuantity });
    }
    fo.lineItems = [];
    fo.status = "CLOSED";
    fo.updatedAt = now;
  }
  into.updatedAt = now;
  shop.touchOrder(shop.orders.get(into.orderId)!);
  return into;
}

/**
 * The merchant clicks "Release fulfillment hold" on the order page in Shopify admin (see
 * ../shared/notes/shopify-facts.md, "Holds"): every hold on the fulfillment order goes, the app's
 * too, as `fulfillmentOrderReleaseHold` without `holdIds` does ("If not supplied, all holds for the
 * fulfillment order will be released", shopify.dev/docs/api/admin-graphql/latest/mutations/
 * fulfillmentorderreleasehold); `fulfillment_orders/hold_released` follows.
 */
export function releaseHoldsInAdmin(shop: SandboxShop, foGid: Gid): FulfillmentOrderRecord {
  return releaseHold(shop, foGid, null, "owner");
}

/**
 * A fulfillment order deferred to a later date, as Shopify creates for subscriptions and pre-orders:
 * "the `fulfill_at` date for a subscription order might be the 1st of each month" (FulfillmentOrder.
 * fulfillAt, 2026-10 schema). Only an open one can be deferred here.
 */
export function scheduleFulfillmentOrder(shop: SandboxShop, foGid: Gid): FulfillmentOrderRecord {
  const fo = fulfillmentOrderOrError(shop, foGid);
  if (fo.status !== "OPEN") throw new ShopUserError(`Cannot schedule a fulfillment order with status ${fo.status.toLowerCase()}.`, ["id"], null);
  fo.status = "SCHEDULED";
  fo.updatedAt = shop.nowIso();
  return fo;
}

/** `fulfillmentOrderOpen`: "Marks a scheduled fulfillment order as open" (2026-10 schema), as its fulfill_at date does. */
export function openFulfillmentOrder(shop: SandboxShop, foGid: Gid): FulfillmentOrderRecord {
  const fo = fulfillmentOrderOrError(shop, foGid);
  if (fo.status !== "SCHEDULED") throw new ShopUserError(`Cannot open a fulfillment order with status ${fo.status.toLowerCase()}.`, ["id"], null);
  fo.status = "OPEN";
  fo.updatedAt = shop.nowIso();
  return fo;
}
