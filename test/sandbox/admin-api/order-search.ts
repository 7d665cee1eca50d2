/** The facts order search filters and sorts on, as the search index keeps them (state/order-search-index.ts). */
import type { OrderRecord } from "../state/model";
import type { SearchFacts } from "../state/order-search-index";
import type { SandboxShop } from "../state/shop";
import { displayFulfillmentStatus } from "./orders";

export function orderSearchFacts(shop: SandboxShop, order: OrderRecord): SearchFacts {
  const status = displayFulfillmentStatus(shop, order);
  return {
    status: order.cancelledAt ? "cancelled" : order.closedAt ? "closed" : "open",
    created_at: order.createdAt,
    updated_at: order.updatedAt,
    tag: [...order.tags],
    name: order.name,
    id: order.id,
    number: order.number,
    email: order.customer.email,
    // Shopify's filter values: unshipped / shipped / partial / unfulfilled / fulfilled / on_hold
    fulfillment_status:
      status === "FULFILLED" ? ["shipped", "fulfilled"] : status === "PARTIALLY_FULFILLED" ? ["partial", "unfulfilled"] : status === "ON_HOLD" ? ["on_hold", "unshipped", "unfulfilled"] : ["unshipped", "unfulfilled"],
    sku: order.lineItems.map((l) => l.sku),
    text: `${order.name} ${order.customer.email}`,
  };
}
