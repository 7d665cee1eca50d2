/** In-memory records of the sandbox shop. Numeric ids; GIDs are built at the edges. */
import type { InventoryPolicy } from "./contract";

export interface MetafieldRecord {
  id: number;
  ownerId: string; // owner GID
  namespace: string;
  key: string;
  type: string;
  value: string;
  createdAt: string;
  updatedAt: string;
  /** Bumped on every write; feeds compareDigest. */
  version: number;
}

export type Metafields = Map<string, MetafieldRecord>; // "namespace.key" -> record

export interface LocationRecord {
  id: number;
  name: string;
  isActive: boolean;
  fulfillsOnlineOrders: boolean;
  createdAt: string;
}

export interface ProductRecord {
  id: number;
  title: string;
  handle: string;
  description: string;
  vendor: string;
  productType: string;
  tags: string[];
  status: "ACTIVE" | "ARCHIVED" | "DRAFT";
  /** The featured image (served by the sandbox at /cdn/shop/files/{handle}.svg), or none. */
  image: { altText: string } | null;
  variantIds: number[];
  createdAt: string;
  updatedAt: string;
}

export interface VariantRecord {
  id: number;
  productId: number;
  title: string;
  sku: string;
  price: string;
  inventoryPolicy: InventoryPolicy;
  inventoryItemId: number;
  position: number;
  createdAt: string;
  updatedAt: string;
}

export interface InventoryItemRecord {
  id: number;
  variantId: number;
  tracked: boolean;
  unitCost: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Stored quantities; `available` is derived: on_hand − committed − reserved. */
export interface LevelRecord {
  itemId: number;
  locationId: number;
  onHand: number;
  committed: number;
  reserved: number;
  incoming: number;
  createdAt: string;
  updatedAt: string;
}

export interface LineItemRecord {
  id: number;
  variantId: number | null;
  productId: number | null;
  title: string;
  variantTitle: string;
  sku: string;
  price: string;
  quantity: number;
  currentQuantity: number;
  properties: Record<string, string>;
}

export type FulfillmentOrderStatus = "OPEN" | "ON_HOLD" | "IN_PROGRESS" | "CLOSED" | "CANCELLED" | "SCHEDULED" | "INCOMPLETE";

export interface HoldRecord {
  id: number;
  handle: string | null;
  reason: string;
  reasonNotes: string | null;
  heldByApp: boolean;
}

export interface FulfillmentOrderLineRecord {
  id: number;
  lineItemId: number;
  totalQuantity: number;
  remainingQuantity: number;
}

export interface FulfillmentOrderRecord {
  id: number;
  orderId: number;
  locationId: number;
  status: FulfillmentOrderStatus;
  holds: HoldRecord[];
  lineItems: FulfillmentOrderLineRecord[];
  createdAt: string;
  updatedAt: string;
}

export interface FulfillmentRecord {
  id: number;
  orderId: number;
  locationId: number;
  status: "SUCCESS" | "CANCELLED";
  fulfillmentOrderIds: number[];
  lineItems: { id: number; lineItemId: number; quantity: number }[];
  createdAt: string;
  updatedAt: string;
}

export interface CustomerRecord {
  id: number;
  email: string;
  firstName: string | null;
  lastName: string | null;
}

/** One line's change in a committed order edit; `delta` is signed (negative removes units). */
export interface OrderEditLineChange {
  lineItemId: number;
  delta: number;
  /** Removed units went back to `available`; false means they left `on_hand` with the commitment. */
  restock: boolean;
}

/** A committed order edit, kept on the order like the edit entry on Shopify's order timeline. */
export interface OrderEditRecord {
  id: number;
  committedAt: string;
  notifyCustomer: boolean;
  staffNote: string | null;
  lineChanges: OrderEditLineChange[];
}

export interface OrderRecord {
  id: number;
  number: number;
  name: string;
  customer: CustomerRecord;
  tags: string[];
  lineItems: LineItemRecord[];
  fulfillmentOrderIds: number[];
  fulfillments: FulfillmentRecord[];
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  closedAt: string | null;
  edited: boolean;
  /** Committed edits, oldest first. */
  edits: OrderEditRecord[];
  historical: boolean;
  /** The app that created the order, when an app did (not checkout, POS or draft orders). */
  createdByApp?: string;
  /** The hold Shopify puts on the order's fulfillment orders when it routes them (shopify-holds.ts). */
  shopifyHold?: { reason?: string; releaseAfterMs: number };
}

/** Incoming stock: one shipment of one transfer, for one item to one location. */
export interface ShipmentRecord {
  id: number;
  transferId: number;
  lineItemId: number;
  itemId: number;
  locationId: number;
  quantity: number;
  received: number;
  arrivesAt: string;
  createdAt: string;
  /** The transfer was canceled: its unreceived units are no longer coming (test/sandbox/state/shipments.ts). */
  canceled?: boolean;
}

export interface MetafieldDefinitionRecord {
  id: number;
  namespace: string;
  key: string;
  name: string;
  type: string;
  ownerType: string;
  description: string | null;
  /** Who may read the values: Shopify admin and the storefront (Liquid, Storefront API). */
  access: { admin: string; storefront: string };
}

export function availableOf(level: LevelRecord): number {
  return level.onHand - level.committed - level.reserved;
}

export function metafieldKey(namespace: string, key: string): string {
  return `${namespace}.${key}`;
}
