/**
 * What a webhook asks the engine to look at again. Deliveries are triggers,
 * not facts: the work they cause re-reads Shopify, so a stale, repeated or
 * out-of-order delivery costs a read and changes nothing.
 */
import { gidFrom, type ShopifyIdType } from "../shopify/ids";

export interface DeliveryRoute {
  /** Variants to sync. */
  variants: string[];
  /** Variants to sync only if the app is already managing them (routine order updates). */
  variantsIfManaged: string[];
  /** Inventory items whose variant must be looked up, then synced. */
  inventoryItems: string[];
  /** When Shopify made the change (the payload's `updated_at`), to recognise a stale delivery. */
  changedAt: Date | null;
  /** The order an orders/updated delivery is about, to recognise the echo of our own write. */
  updatedOrder: string | null;
  /** The order an orders/create delivery announces: read by id until order search shows it. */
  createdOrder: string | null;
  /** The order an orders/updated or orders/cancelled delivery is about: the syncs it causes read it by id. */
  changedOrder: string | null;
  /** orders/updated: units Shopify can still fulfil per line item (GID), to tell a routine update from one that matters. */
  fulfillableByLine: Map<string, number> | null;
  /** Orders whose variants must be looked up (the payload does not list them). */
  orders: string[];
  /** Fulfillment orders whose variants must be looked up. */
  fulfillmentOrders: string[];
  /** Fulfillment orders that lost a hold (someone else's, or ours): the orders the app holds there are synced. */
  releasedHoldsOn: string[];
  /** Product deleted in Shopify. */
  deletedProduct: string | null;
  /** Inventory transfers whose shipments changed: each is read again (supply.server.ts). */
  transfers: string[];
}

const gid = (type: ShopifyIdType, id: unknown): string | null => gidFrom(id, type);

const present = (values: (string | null)[]): string[] => [...new Set(values.filter((value): value is string => value !== null))];

type Payload = Record<string, unknown>;
const timestamp = (value: unknown): Date | null => (typeof value === "string" && !Number.isNaN(Date.parse(value)) ? new Date(value) : null);
const lineVariants = (payload: Payload) => present(((payload.line_items as Payload[] | undefined) ?? []).map((line) => gid("ProductVariant", line.variant_id)));

function fulfillableByLine(payload: Payload): Map<string, number> | null {
  const items = (payload.line_items as Payload[] | undefined) ?? [];
  if (items.length === 0) return null;
  const lines = new Map<string, number>();
  for (const line of items) {
    const id = gid("LineItem", line.admin_graphql_api_id ?? line.id);
    if (id === null || typeof line.fulfillable_quantity !== "number") return null;
    lines.set(id, line.fulfillable_quantity);
  }
  return lines;
}

export function routeDelivery(topic: string, payload: Payload): DeliveryRoute {
  const route: DeliveryRoute = { variants: [], variantsIfManaged: [], inventoryItems: [], changedAt: null, updatedOrder: null, createdOrder: null, changedOrder: null, fulfillableByLine: null, orders: [], fulfillmentOrders: [], releasedHoldsOn: [], deletedProduct: null, transfers: [] };
  switch (topic) {
    case "inventory_levels/update":
      route.inventoryItems = present([gid("InventoryItem", payload.inventory_item_id)]);
      route.changedAt = timestamp(payload.updated_at);
      break;
    case "orders/create":
      route.variants = lineVariants(payload);
      route.createdOrder = gid("Order", payload.admin_graphql_api_id ?? payload.id);
      break;
    case "orders/updated":
      route.variantsIfManaged = lineVariants(payload);
      route.updatedOrder = gid("Order", payload.id);
      route.changedOrder = route.updatedOrder;
      route.changedAt = timestamp(payload.updated_at);
      route.fulfillableByLine = payload.cancelled_at ? null : fulfillableByLine(payload);
      break;
    case "orders/cancelled":
      route.variantsIfManaged = lineVariants(payload);
      route.changedOrder = gid("Order", payload.id);
      break;
    case "orders/edited": {
      const edit = (payload.order_edit ?? {}) as Payload;
      route.orders = present([gid("Order", edit.order_id)]);
      break;
    }
    case "fulfillment_orders/order_routing_complete": {
      // Shopify sends only the fulfillment order's id and status.
      const fo = (payload.fulfillment_order ?? {}) as Payload;
      route.fulfillmentOrders = present([gid("FulfillmentOrder", fo.id)]);
      break;
    }
    case "fulfillment_holds/released": {
      // Sent for each hold released: Shopify lifting its own (a post-purchase upsell answered) included.
      // Shopify does not document this payload: the fulfillment order is taken from wherever it is named.
      const fo = (payload.fulfillment_order ?? {}) as Payload;
      const hold = (payload.fulfillment_hold ?? {}) as Payload;
      route.releasedHoldsOn = present([gid("FulfillmentOrder", fo.id ?? payload.fulfillment_order_id ?? hold.fulfillment_order_id)]);
      break;
    }
    case "products/create":
    case "products/update":
      route.variants = present(((payload.variants as Payload[] | undefined) ?? []).map((variant) => gid("ProductVariant", variant.admin_graphql_api_id ?? variant.id)));
      break;
    case "products/delete":
      route.deletedProduct = gid("Product", payload.id);
      break;
    default:
      // Shipment payloads name their transfer from 2026-10 (the shipment object does not):
      // https://shopify.dev/changelog/inventory-shipment-webhooks-include-inventory-transfer-ids
      if (topic.startsWith("inventory_shipments/")) route.transfers = present([gid("InventoryTransfer", payload.inventory_transfer_id)]);
      if (topic.startsWith("inventory_transfers/")) route.transfers = present([gid("InventoryTransfer", payload.admin_graphql_api_id ?? payload.id)]);
  }
  return route;
}

/**
 * A delivery is stale when the last sync already read a newer level change
 * than the one it reports: both times are Shopify's, so no clock skew.
 */
export function isStale(changedAt: Date | null, levelsReadAt: Date | null | undefined): boolean {
  // Strictly older: two changes in the same millisecond are not told apart, so the second is synced.
  return changedAt !== null && levelsReadAt !== null && levelsReadAt !== undefined && changedAt.getTime() < levelsReadAt.getTime();
}

/** An orders/updated delivery no newer than our own last write to the order: the echo of that write. */
export function isOwnEcho(changedAt: Date | null, lastWriteAt: Date | null | undefined): boolean {
  return changedAt !== null && lastWriteAt !== null && lastWriteAt !== undefined && changedAt.getTime() <= lastWriteAt.getTime();
}

/**
 * An orders/updated that changes nothing the queue holds: a tag, a note, an address, or any
 * change to an order with no line waiting. What the app stores of the order still owes what
 * Shopify says it can fulfil, so no Admin request is spent on it (a change to the counts comes
 * with its own inventory webhook).
 */
export function isRoutineUpdate(route: Pick<DeliveryRoute, "fulfillableByLine">, waitingLines: readonly { lineItemId: string; quantity: number }[]): boolean {
  const fulfillable = route.fulfillableByLine;
  if (fulfillable === null) return false;
  const storedByLine = new Map<string, number>();
  for (const line of waitingLines) storedByLine.set(line.lineItemId, (storedByLine.get(line.lineItemId) ?? 0) + line.quantity);
  return [...storedByLine].every(([lineItemId, quantity]) => fulfillable.get(lineItemId) === quantity);
}
