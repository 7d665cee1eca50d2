/**
 * Shopify REST-shaped webhook payloads (snake_case, numeric ids as JSON numbers,
 * `admin_graphql_api_id` GIDs). Fulfillment order topics carry GIDs, as Shopify's do.
 */
import { gid, inventoryLevelGid } from "./ids";
import type {
  FulfillmentOrderRecord,
  HoldRecord,
  InventoryItemRecord,
  OrderEditRecord,
  OrderRecord,
  ProductRecord,
  ShipmentRecord,
  VariantRecord,
} from "./model";

export interface PayloadLookups {
  variant(id: number): VariantRecord | undefined;
  item(id: number): InventoryItemRecord | undefined;
  totalAvailable(variantId: number): number;
  currency: string;
}

export function inventoryLevelPayload(itemId: number, locationId: number, available: number | null, updatedAt: string) {
  return {
    inventory_item_id: itemId,
    location_id: locationId,
    available,
    updated_at: updatedAt,
    admin_graphql_api_id: inventoryLevelGid(locationId, itemId),
  };
}

export function variantPayload(variant: VariantRecord, lookups: PayloadLookups) {
  return {
    id: variant.id,
    admin_graphql_api_id: gid("ProductVariant", variant.id),
    product_id: variant.productId,
    title: variant.title,
    sku: variant.sku,
    price: variant.price,
    inventory_policy: variant.inventoryPolicy.toLowerCase(),
    inventory_management: lookups.item(variant.inventoryItemId)?.tracked ? "shopify" : null,
    inventory_item_id: variant.inventoryItemId,
    inventory_quantity: lookups.totalAvailable(variant.id),
    position: variant.position,
    created_at: variant.createdAt,
    updated_at: variant.updatedAt,
  };
}

export function productPayload(product: ProductRecord, lookups: PayloadLookups) {
  return {
    id: product.id,
    admin_graphql_api_id: gid("Product", product.id),
    title: product.title,
    handle: product.handle,
    body_html: product.description,
    vendor: product.vendor,
    product_type: product.productType,
    status: product.status.toLowerCase(),
    tags: product.tags.join(", "),
    created_at: product.createdAt,
    updated_at: product.updatedAt,
    variants: product.variantIds.flatMap((id) => {
      const variant = lookups.variant(id);
      return variant ? [variantPayload(variant, lookups)] : [];
    }),
  };
}

function fulfillmentStatus(order: OrderRecord): string | null {
  const ordered = order.lineItems.reduce((sum, line) => sum + line.currentQuantity, 0);
  const fulfilled = order.fulfillments.reduce(
    (sum, f) => sum + f.lineItems.reduce((s, l) => s + l.quantity, 0),
    0,
  );
  if (fulfilled === 0) return null;
  return fulfilled >= ordered ? "fulfilled" : "partial";
}

export function orderPayload(order: OrderRecord, lookups: PayloadLookups, fulfillableByLine: Map<number, number>) {
  const total = order.lineItems.reduce((sum, l) => sum + Number(l.price) * l.currentQuantity, 0).toFixed(2);
  return {
    id: order.id,
    admin_graphql_api_id: gid("Order", order.id),
    name: order.name,
    order_number: order.number,
    email: order.customer.email,
    created_at: order.createdAt,
    updated_at: order.updatedAt,
    cancelled_at: order.cancelledAt,
    closed_at: order.closedAt,
    currency: lookups.currency,
    financial_status: order.cancelledAt ? "refunded" : "paid",
    fulfillment_status: fulfillmentStatus(order),
    total_price: total,
    subtotal_price: total,
    tags: order.tags.join(", "),
    customer: {
      id: order.customer.id,
      admin_graphql_api_id: gid("Customer", order.customer.id),
      email: order.customer.email,
      first_name: order.customer.firstName,
      last_name: order.customer.lastName,
    },
    line_items: order.lineItems.map((line) => ({
      id: line.id,
      admin_graphql_api_id: gid("LineItem", line.id),
      variant_id: line.variantId,
      product_id: line.productId,
      title: line.title,
      variant_title: line.variantTitle,
      name: line.variantTitle ? `${line.title} - ${line.variantTitle}` : line.title,
      sku: line.sku,
      price: line.price,
      quantity: line.quantity,
      current_quantity: line.currentQuantity,
      fulfillable_quantity: fulfillableByLine.get(line.id) ?? 0,
      properties: Object.entries(line.properties).map(([name, value]) => ({ name, value })),
    })),
  };
}

/**
 * An order payload for an app without protected customer data approval: names and emails are
 * level-2 protected customer data (https://shopify.dev/docs/apps/launch/protected-customer-data),
 * which such an app is not given. Modelled as those fields blanked, ids kept (the harsher reading
 * for an app that reads them; how Shopify blanks them is unconfirmed).
 */
export function withoutCustomerData<T extends { email?: unknown; customer?: unknown }>(payload: T): T {
  const customer = payload.customer as { id?: unknown; admin_graphql_api_id?: unknown } | null | undefined;
  return {
    ...payload,
    email: null,
    customer: customer ? { id: customer.id, admin_graphql_api_id: customer.admin_graphql_api_id, email: null, first_name: null, last_name: null } : null,
  };
}

/** `orders/edited`: what one committed edit changed, as Shopify's `order_edit` object. */
export function orderEditPayload(order: OrderRecord, edit: OrderEditRecord) {
  const entries = (sign: 1 | -1) =>
    edit.lineChanges.filter((c) => Math.sign(c.delta) === sign).map((c) => ({ id: c.lineItemId, delta: Math.abs(c.delta) }));
  return {
    order_edit: {
      id: edit.id,
      app_id: null,
      created_at: edit.committedAt,
      committed_at: edit.committedAt,
      notify_customer: edit.notifyCustomer,
      order_id: order.id,
      staff_note: edit.staffNote ?? "",
      user_id: null,
      line_items: { additions: entries(1), removals: entries(-1) },
    },
  };
}

function holdPayload(hold: HoldRecord) {
  return {
    id: gid("FulfillmentHold", hold.id),
    handle: hold.handle,
    reason: hold.reason.toLowerCase(),
    reason_notes: hold.reasonNotes,
    held_by_requesting_app: hold.heldByApp,
  };
}

export function fulfillmentOrderPayload(fo: FulfillmentOrderRecord) {
  return {
    id: gid("FulfillmentOrder", fo.id),
    status: fo.status.toLowerCase(),
    order_id: gid("Order", fo.orderId),
    assigned_location_id: gid("Location", fo.locationId),
    fulfillment_holds: fo.holds.map(holdPayload),
  };
}

export function placedOnHoldPayload(fo: FulfillmentOrderRecord, hold: HoldRecord, remaining: FulfillmentOrderRecord | null) {
  return {
    fulfillment_order: fulfillmentOrderPayload(fo),
    remaining_fulfillment_order: remaining ? fulfillmentOrderPayload(remaining) : null,
    fulfillment_hold: holdPayload(hold),
    created_at: fo.updatedAt,
  };
}

/**
 * `fulfillment_holds/released`, sent "each time that a hold is released from a fulfillment order"
 * (WebhookSubscriptionTopic FULFILLMENT_HOLDS_RELEASED, 2026-10 schema). Its payload is not documented:
 * the released hold and its fulfillment order, as `placed_on_hold` names them.
 */
export function heldReleasedPayload(fo: FulfillmentOrderRecord, hold: HoldRecord) {
  return { fulfillment_hold: holdPayload(hold), fulfillment_order: fulfillmentOrderPayload(fo), released_at: fo.updatedAt };
}

export function holdReleasedPayload(fo: FulfillmentOrderRecord) {
  return { fulfillment_order: fulfillmentOrderPayload(fo), released_at: fo.updatedAt };
}

/** Shopify's routing-complete payload names only the fulfillment order and its status. */
/**
 * `fulfillment_orders/moved` (WebhookSubscriptionTopic FULFILLMENT_ORDERS_MOVED, 2026-10 schema):
 * "original_fulfillment_order", "moved_fulfillment_order", "source_location" and "destination_location_id".
 */
export function movedPayload(original: FulfillmentOrderRecord, moved: FulfillmentOrderRecord, sourceLocationId: number) {
  return {
    original_fulfillment_order: fulfillmentOrderPayload(original),
    moved_fulfillment_order: fulfillmentOrderPayload(moved),
    source_location: { id: gid("Location", sourceLocationId) },
    destination_location_id: gid("Location", moved.locationId),
  };
}

export function routingCompletePayload(fo: FulfillmentOrderRecord) {
  return { fulfillment_order: { id: gid("FulfillmentOrder", fo.id), status: fo.status.toLowerCase() } };
}

/** Shipment and transfer statuses, as the Admin API names them (InventoryShipmentStatus, InventoryTransferStatus). */
export function shipmentStatus(shipment: ShipmentRecord): string {
  return shipment.received === 0 ? "IN_TRANSIT" : shipment.received < shipment.quantity ? "PARTIALLY_RECEIVED" : "RECEIVED";
}

export function transferStatus(shipment: ShipmentRecord): string {
  return shipment.canceled ? "CANCELED" : shipment.received >= shipment.quantity ? "TRANSFERRED" : "IN_PROGRESS";
}

/**
 * inventory_shipments/* payloads. Shopify documents no payload body for these topics; from 2026-10
 * they carry `inventory_transfer_id` (https://shopify.dev/changelog/inventory-shipment-webhooks-include-inventory-transfer-ids).
 * The rest is modelled on the Admin API object; a client should use the ids and read the shipment.
 */
export function shipmentPayload(shipment: ShipmentRecord, updatedAt: string) {
  return {
    id: shipment.id,
    admin_graphql_api_id: gid("InventoryShipment", shipment.id),
    inventory_transfer_id: shipment.transferId,
    name: `#S${shipment.id % 100000}`,
    status: shipmentStatus(shipment),
    updated_at: updatedAt,
    line_items: [{ id: shipment.lineItemId, inventory_item_id: shipment.itemId, quantity: shipment.quantity, unreceived_quantity: shipment.quantity - shipment.received }],
  };
}

/** inventory_transfers/* payloads: the transfer's ids and status (no body documented either). */
export function transferPayload(shipment: ShipmentRecord, updatedAt: string) {
  return {
    id: shipment.transferId,
    admin_graphql_api_id: gid("InventoryTransfer", shipment.transferId),
    name: `#T${shipment.transferId % 100000}`,
    status: transferStatus(shipment),
    updated_at: updatedAt,
  };
}
