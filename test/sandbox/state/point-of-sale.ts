/**
 * Sales at a Shopify POS register. The customer leaves with the goods, so the order is fulfilled
 * at once at the register's location and its units leave `on_hand` there, below zero if need be,
 * whatever the variant's inventory policy: "Continue selling when out of stock doesn't apply to
 * orders placed from Shopify POS. Staff can continue selling products when available inventory
 * reaches zero and below."
 * (help.shopify.com/en/manual/products/inventory/getting-started-with-inventory/selling-when-out-of-stock)
 * The order stays open (archiving is the merchant's setting), fulfilled, so searches for open
 * orders meet it like any other.
 */
import { SandboxError, type Gid, type PointOfSaleInput } from "./contract";
import { gid } from "./ids";
import { commitLines, customerFor, newOrder, openFulfillmentOrders } from "./orders";
import type { SandboxShop } from "./shop";

/** POS sales without a named customer are the shop's walk-in sales. */
const WALK_IN = { email: "walk-in@pos.invalid", firstName: "Walk-in", lastName: "customer" };

export function sellAtPointOfSale(shop: SandboxShop, input: PointOfSaleInput): { orderId: Gid; name: string } {
  if (!Number.isInteger(input.quantity) || input.quantity <= 0) throw new SandboxError("quantity must be a positive integer", 400);
  const variant = shop.variantOrThrow(input.variantId);
  const location = shop.locationOrThrow(input.locationId);
  const createdAt = shop.nowIso();
  const order = newOrder(shop, customerFor(shop, WALK_IN), createdAt, { closedAt: null, historical: false });
  // Already fulfilled (closed fulfillment order, one fulfillment), as history is; stock is taken below.
  const placements = commitLines(shop, order, [{ input: { variantId: input.variantId, quantity: input.quantity }, variant, locationId: location.id }], true);
  openFulfillmentOrders(shop, order, placements, createdAt, true);
  if (shop.items.get(variant.inventoryItemId)?.tracked) shop.changeLevel(variant.inventoryItemId, location.id, { onHand: -input.quantity });
  shop.emit("orders/create", shop.orderPayload(order));
  return { orderId: gid("Order", order.id), name: order.name };
}
