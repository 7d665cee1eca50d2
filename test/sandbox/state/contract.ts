/**
 * The surface of the sandbox shop that the sandbox's HTTP parts (Admin API,
 * control API, webhooks, storefront) are written against. `SandboxShop`
 * (shop.ts) implements it; the other parts depend only on this file.
 *
 * Ids are Shopify GID strings everywhere ("gid://shopify/ProductVariant/123").
 * Money is a decimal string in the shop currency, as Shopify returns it.
 */

export type Gid = string;

export type InventoryPolicy = "CONTINUE" | "DENY";

export type InventoryQuantityName = "available" | "on_hand" | "committed" | "incoming" | "reserved";

export interface MetafieldValue {
  id: Gid;
  namespace: string;
  key: string;
  type: string;
  value: string;
  updatedAt: string;
}

export interface CustomerInput {
  email: string;
  firstName?: string;
  lastName?: string;
}

export interface OrderLineInput {
  variantId: Gid;
  quantity: number;
  /** Line item properties from the storefront's cart form (Shopify's `properties`). */
  properties?: Record<string, string>;
}

export interface PlaceOrderInput {
  customer: CustomerInput;
  lines: OrderLineInput[];
  /** Backdated orders for history seeding; defaults to the shop clock. */
  createdAt?: string;
  /** When true (history), the order is created already fulfilled and emits no webhooks. */
  historical?: boolean;
  /** The app that created the order through the Admin API (absent: checkout or another Shopify channel). */
  createdByApp?: string;
  /** Shopify holds the new fulfillment orders itself (a post-purchase upsell, a fraud check) and lifts the hold later (shopify-holds.ts). */
  shopifyHold?: ShopifyHoldInput;
}

/** A hold Shopify places on a new order's fulfillment orders and lifts by itself after `releaseAfterMs`. */
export interface ShopifyHoldInput {
  reason?: "ONLINE_STORE_POST_PURCHASE_CROSS_SELL" | "HIGH_RISK_OF_FRAUD" | "AWAITING_PAYMENT";
  releaseAfterMs: number;
}

/** A sale at a Shopify POS register: the goods leave the shop's location with the customer. */
export interface PointOfSaleInput {
  variantId: Gid;
  locationId: Gid;
  quantity: number;
}

export interface ReceiveIncomingInput {
  variantId: Gid;
  locationId: Gid;
  quantity: number;
  /** ISO date the shipment is expected to arrive. */
  arrivesAt: string;
}

/** A state change, as the webhook topic and Shopify REST-shaped payload it produces. */
export interface ShopEvent {
  topic: string;
  payload: Record<string, unknown>;
  /** ISO timestamp of the change (X-Shopify-Triggered-At). */
  triggeredAt: string;
}

export class SandboxError extends Error {
  constructor(
    message: string,
    /** HTTP status the control API answers with. */
    readonly status: 400 | 404 | 409 | 422 = 422,
  ) {
    super(message);
  }
}

/** Read-back of the shop for tests and people (the control API returns it as JSON). */
export interface ShopSnapshot {
  shop: { domain: string; name: string; currencyCode: string };
  locations: { id: Gid; name: string; fulfillsOnlineOrders: boolean }[];
  variants: {
    id: Gid;
    productId: Gid;
    productTitle: string;
    title: string;
    sku: string;
    price: string;
    inventoryPolicy: InventoryPolicy;
    tracked: boolean;
    metafields: MetafieldValue[];
    levels: { locationId: Gid; available: number; onHand: number; committed: number; incoming: number }[];
  }[];
  orders: {
    id: Gid;
    name: string;
    createdAt: string;
    cancelledAt: string | null;
    tags: string[];
    metafields: MetafieldValue[];
    lineItems: { id: Gid; variantId: Gid | null; quantity: number; currentQuantity: number; properties: Record<string, string> }[];
    fulfillmentOrders: {
      id: Gid;
      status: "OPEN" | "ON_HOLD" | "IN_PROGRESS" | "CLOSED" | "CANCELLED" | "SCHEDULED" | "INCOMPLETE";
      locationId: Gid;
      holds: { id: Gid; handle: string | null; reason: string; reasonNotes: string | null }[];
      lineItems: { id: Gid; lineItemId: Gid; totalQuantity: number; remainingQuantity: number }[];
    }[];
    fulfillments: { id: Gid; status: string; lineItems: { lineItemId: Gid; quantity: number }[] }[];
    /** Committed edits, oldest first; `id` is the `order_edit.id` of the edit's orders/edited webhook. */
    edits: {
      id: number;
      committedAt: string;
      notifyCustomer: boolean;
      staffNote: string | null;
      lineChanges: { lineItemId: Gid; delta: number; restock: boolean }[];
    }[];
  }[];
}

/** What a storefront template needs of a product (Liquid's `product` object is built from it). */
export interface StorefrontProduct {
  id: Gid;
  handle: string;
  title: string;
  description: string;
  vendor: string;
  productType: string;
  tags: string[];
  metafields: MetafieldValue[];
  variants: {
    id: Gid;
    title: string;
    sku: string;
    price: string;
    inventoryPolicy: InventoryPolicy;
    tracked: boolean;
    /** Sum of `available` over the locations that fulfil online orders. */
    inventoryQuantity: number;
    metafields: MetafieldValue[];
  }[];
}

export interface SandboxShopApi {
  readonly domain: string;
  /** Subscribe to state changes; returns an unsubscribe function. */
  onEvent(listener: (event: ShopEvent) => void): () => void;

  /** Sets `available` at a location (on_hand moves by the same amount), like an inventory count. */
  setAvailable(variantId: Gid, locationId: Gid, available: number): void;
  /** Stock on its way: raises `incoming` now; `arrivesAt` is readable through the Admin API. */
  receiveIncoming(input: ReceiveIncomingInput): { shipmentId: Gid; transferId: Gid };
  /** Stock arrives: `incoming` down, `on_hand` and `available` up by `quantity`. */
  receiveStock(variantId: Gid, locationId: Gid, quantity: number): void;
  /** A shipment's tracking: its expected arrival moves (inventoryShipmentSetTracking). */
  setShipmentArrival(shipmentId: Gid, arrivesAt: string): void;
  /** Units of one shipment accepted at its destination, all its unreceived units when no quantity is given. */
  receiveShipment(shipmentId: Gid, quantity?: number): void;
  /** The merchant cancels the shipment's transfer: its unreceived units stop being incoming. */
  cancelTransfer(transferId: Gid): void;

  /**
   * Shopify's checkout: CONTINUE variants may go below zero, DENY variants refuse
   * (SandboxError 422) when a line exceeds what is available. Commits stock and
   * creates one fulfillment order per assigned location.
   */
  placeOrder(input: PlaceOrderInput): { orderId: Gid; name: string };
  /** A Shopify POS sale at a location: fulfilled at once, below zero whatever the inventory policy. */
  sellAtPointOfSale(input: PointOfSaleInput): { orderId: Gid; name: string };
  cancelOrder(orderId: Gid): void;
  /** Sets a line's quantity (0 removes it), returning freed units to stock. */
  editOrderLine(orderId: Gid, lineItemId: Gid, quantity: number): void;
  /** The merchant releases every hold on a fulfillment order from the order page in Shopify admin. */
  releaseHoldsInAdmin(fulfillmentOrderId: Gid): void;
  /** Shopify lifts the hold it placed on a new order (`PlaceOrderInput.shopifyHold`) now. */
  releaseShopifyHolds(orderId: Gid): void;

  snapshot(): ShopSnapshot;
  storefrontProducts(): StorefrontProduct[];
  storefrontProduct(handle: string): StorefrontProduct | undefined;
}
