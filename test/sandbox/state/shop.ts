/**
 * The sandbox shop: in-memory state that behaves like a Shopify shop for our app. The state, its
 * lookups and events live here; what changes it lives beside it: catalogue.ts, inventory.ts,
 * orders.ts, order-line-edits.ts, order-edits.ts, fulfillment.ts and admin-ops.ts.
 */
import {
  SandboxError,
  type Gid,
  type PlaceOrderInput,
  type PointOfSaleInput,
  type ReceiveIncomingInput,
  type SandboxShopApi,
  type ShopEvent,
  type ShopSnapshot,
  type StorefrontProduct,
} from "./contract";
import { gid, idOf, IdCounter } from "./ids";
import {
  availableOf,
  type CustomerRecord,
  type FulfillmentOrderRecord,
  type InventoryItemRecord,
  type LevelRecord,
  type LocationRecord,
  type MetafieldDefinitionRecord,
  type Metafields,
  type OrderRecord,
  type ProductRecord,
  type ShipmentRecord,
  type VariantRecord,
} from "./model";
import * as payloads from "./webhook-payloads";
import { snapshotOf, storefrontProductOf } from "./snapshot";
import * as catalogue from "./catalogue";
import type { NewProductInput } from "./catalogue";
import * as inventory from "./inventory";
import * as shipments from "./shipments";
import * as ordering from "./orders";
import * as pointOfSale from "./point-of-sale";
import { editLine } from "./order-line-edits";
import * as arrangements from "./fulfillment-arrangements";
import type { LineQuantity } from "./fulfillment";
import { OrderEditSessions } from "./order-edits";
import { fullAccess, type AppAccess } from "./app-access";
import { OrderRouting } from "./order-routing";
import { releaseShopifyHolds, ShopifyHoldTimers } from "./shopify-holds";
import { OrderSearchIndex } from "./order-search-index";
import { orderSearchFacts } from "../admin-api/order-search";

export type { NewProductInput } from "./catalogue";

export interface SandboxShopOptions {
  domain?: string;
  name?: string;
  currencyCode?: string;
  ianaTimezone?: string;
  email?: string;
  /** Shop clock in epoch ms; tests pass their own. */
  now?: () => number;
  /** How long after an order its fulfillment orders are routed (order-routing.ts). */
  routingDelayMs?: number;
  /** How long a change to an order takes to reach order search (order-search-index.ts). */
  searchLagMs?: number;
}

export class SandboxShop implements SandboxShopApi {
  readonly domain: string;
  readonly name: string;
  readonly currencyCode: string;
  readonly ianaTimezone: string;
  readonly email: string;
  readonly ids = new IdCounter();
  readonly appInstallationId: number;
  readonly now: () => number;
  /** Where the shop's images are served (Shopify's CDN; the sandbox's own address once it listens). */
  assetOrigin = "http://127.0.0.1";
  /** What the installed app may read (scopes granted, protected customer data); the sandbox server wires it to its tokens. */
  appAccess: AppAccess = fullAccess();

  readonly locations = new Map<number, LocationRecord>();
  readonly products = new Map<number, ProductRecord>();
  readonly variants = new Map<number, VariantRecord>();
  readonly items = new Map<number, InventoryItemRecord>();
  /** key `${itemId}:${locationId}` */
  readonly levels = new Map<string, LevelRecord>();
  readonly orders = new Map<number, OrderRecord>();
  readonly fulfillmentOrders = new Map<number, FulfillmentOrderRecord>();
  readonly shipments = new Map<number, ShipmentRecord>();
  readonly customers = new Map<string, CustomerRecord>();
  /** owner GID -> metafields */
  readonly metafields = new Map<string, Metafields>();
  readonly metafieldDefinitions = new Map<number, MetafieldDefinitionRecord>();
  /** Admin API order edits begun and not yet committed (and committed ones, to refuse a second commit). */
  readonly orderEdits = new OrderEditSessions();
  /** Order numbers (#1001, #1002, …), counted apart from ids. */
  readonly orderNumbers = new IdCounter(1001);
  private readonly listeners = new Set<(event: ShopEvent) => void>();
  /** Shopify's background routing of new orders into fulfillment orders. */
  readonly routing: OrderRouting;
  /** When Shopify lifts the holds it placed on new orders itself (post-purchase upsells, fraud checks). */
  readonly shopifyHoldTimers = new ShopifyHoldTimers((orderId) => {
    const order = this.orders.get(orderId);
    if (order && !order.cancelledAt) releaseShopifyHolds(this, order);
  });
  /** What order search sees: every change, a while after it happened. */
  readonly orderSearch: OrderSearchIndex;

  constructor(options: SandboxShopOptions = {}) {
    this.domain = options.domain ?? "sandbox-backorders.myshopify.com";
    this.name = options.name ?? "Sandbox Backorders";
    this.currencyCode = options.currencyCode ?? "EUR";
    this.ianaTimezone = options.ianaTimezone ?? "Europe/Amsterdam";
    this.email = options.email ?? "owner@sandbox-backorders.example";
    this.now = options.now ?? Date.now;
    this.appInstallationId = this.ids.take();
    this.routing = new OrderRouting((order, placements) => ordering.routeOrder(this, order, placements), (id) => this.orders.get(id), options.routingDelayMs);
    this.orderSearch = new OrderSearchIndex((order) => orderSearchFacts(this, order), options.searchLagMs);
  }

  nowIso(): string {
    return new Date(this.now()).toISOString();
  }

  // ---- events ----
  onEvent(listener: (event: ShopEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(topic: string, payload: Record<string, unknown>): void {
    const event: ShopEvent = { topic, payload, triggeredAt: this.nowIso() };
    // Every change to an order sends a webhook: the search index takes it in from here.
    for (const order of this.ordersNamedBy(topic, payload)) this.orderSearch.observe(order);
    for (const listener of this.listeners) listener(event);
  }

  /** The orders an event is about (order topics, and fulfillment order topics through their order). */
  private ordersNamedBy(topic: string, payload: Record<string, unknown>): OrderRecord[] {
    const ids = new Set<number>();
    const numeric = (value: unknown) => (typeof value === "number" ? value : typeof value === "string" ? Number(value.split("/").pop()) : NaN);
    if (topic.startsWith("orders/")) ids.add(numeric(payload.id));
    for (const key of ["fulfillment_order", "remaining_fulfillment_order"]) {
      const fo = payload[key] as { id?: unknown } | null | undefined;
      const record = fo ? this.fulfillmentOrders.get(numeric(fo.id)) : undefined;
      if (record) ids.add(record.orderId);
    }
    const edit = payload.order_edit as { order_id?: unknown } | undefined;
    if (edit) ids.add(numeric(edit.order_id));
    return [...ids].flatMap((id) => this.orders.get(id) ?? []);
  }

  readonly lookups: payloads.PayloadLookups = {
    variant: (id) => this.variants.get(id),
    item: (id) => this.items.get(id),
    totalAvailable: (id) => this.totalAvailable(id),
    currency: "EUR",
  };

  // ---- catalogue ----
  addLocation(name: string, options: { fulfillsOnlineOrders?: boolean } = {}): Gid {
    return catalogue.addLocation(this, name, options);
  }

  addProduct(input: NewProductInput): { productId: Gid; variantIds: Gid[] } {
    return catalogue.addProduct(this, input);
  }

  // ---- lookups ----
  variantOrThrow(variantGid: Gid): VariantRecord {
    const variant = this.variants.get(idOf(variantGid, "ProductVariant"));
    if (!variant) throw new SandboxError(`Variant not found: ${variantGid}`, 404);
    return variant;
  }

  locationOrThrow(locationGid: Gid): LocationRecord {
    const location = this.locations.get(idOf(locationGid, "Location"));
    if (!location) throw new SandboxError(`Location not found: ${locationGid}`, 404);
    return location;
  }

  orderOrThrow(orderGid: Gid): OrderRecord {
    const order = this.orders.get(idOf(orderGid, "Order"));
    if (!order) throw new SandboxError(`Order not found: ${orderGid}`, 404);
    return order;
  }

  level(itemId: number, locationId: number): LevelRecord | undefined {
    return this.levels.get(`${itemId}:${locationId}`);
  }

  /** The level, activating (stocking) the item at the location if needed. */
  stockAt(itemId: number, locationId: number): LevelRecord {
    const existing = this.level(itemId, locationId);
    if (existing) return existing;
    const now = this.nowIso();
    const level: LevelRecord = { itemId, locationId, onHand: 0, committed: 0, reserved: 0, incoming: 0, createdAt: now, updatedAt: now };
    this.levels.set(`${itemId}:${locationId}`, level);
    return level;
  }

  levelsOfItem(itemId: number): LevelRecord[] {
    const result: LevelRecord[] = [];
    for (const location of this.locations.values()) {
      const level = this.level(itemId, location.id);
      if (level) result.push(level);
    }
    return result;
  }

  totalAvailable(variantId: number): number {
    const variant = this.variants.get(variantId);
    if (!variant) return 0;
    return this.levelsOfItem(variant.inventoryItemId).reduce((sum, l) => sum + availableOf(l), 0);
  }

  /**
   * What the online store can sell: `available` only at locations that fulfil online orders.
   * "If you have an item at a location that fulfills online orders with an inventory level of zero
   * or below, and a location with available inventory that doesn't fulfill online orders, then that
   * item is still displayed as out of stock to customers on your online store."
   * (help.shopify.com/en/manual/products/inventory/getting-started-with-inventory/selling-when-out-of-stock)
   */
  onlineAvailable(variantId: number): number {
    const variant = this.variants.get(variantId);
    if (!variant) return 0;
    return this.levelsOfItem(variant.inventoryItemId)
      .filter((l) => this.locations.get(l.locationId)?.fulfillsOnlineOrders)
      .reduce((sum, l) => sum + availableOf(l), 0);
  }

  // ---- inventory changes (all go through here so events stay consistent) ----
  /** Applies quantity deltas to one level and emits what changed (inventory.ts). */
  changeLevel(itemId: number, locationId: number, delta: inventory.LevelDelta, options: { silent?: boolean } = {}): LevelRecord {
    return inventory.changeLevel(this, itemId, locationId, delta, options);
  }

  setAvailable(variantId: Gid, locationId: Gid, available: number): void {
    inventory.setAvailable(this, variantId, locationId, available);
  }

  receiveIncoming(input: ReceiveIncomingInput): { shipmentId: Gid; transferId: Gid } {
    return inventory.receiveIncoming(this, input);
  }

  receiveStock(variantId: Gid, locationId: Gid, quantity: number): void {
    inventory.receiveStock(this, variantId, locationId, quantity);
  }

  setShipmentArrival(shipmentId: Gid, arrivesAt: string): void {
    shipments.setShipmentArrival(this, shipmentId, arrivesAt);
  }

  receiveShipment(shipmentId: Gid, quantity?: number): void {
    shipments.receiveShipment(this, shipmentId, quantity);
  }

  cancelTransfer(transferId: Gid): void {
    shipments.cancelTransfer(this, transferId);
  }

  // ---- orders ----
  placeOrder(input: PlaceOrderInput): { orderId: Gid; name: string } {
    return ordering.placeOrder(this, input);
  }

  fulfillmentOrdersOf(order: OrderRecord): FulfillmentOrderRecord[] {
    return order.fulfillmentOrderIds.flatMap((id) => {
      const fo = this.fulfillmentOrders.get(id);
      return fo ? [fo] : [];
    });
  }

  /** Units of a line still to fulfil, over its open fulfillment orders. */
  fulfillableQuantities(order: OrderRecord): Map<number, number> {
    const result = new Map<number, number>();
    for (const fo of this.fulfillmentOrdersOf(order)) {
      if (fo.status === "CLOSED" || fo.status === "CANCELLED") continue;
      for (const line of fo.lineItems) result.set(line.lineItemId, (result.get(line.lineItemId) ?? 0) + line.remainingQuantity);
    }
    // Not routed yet: the units are still the customer's to receive.
    for (const placed of this.routing.pendingQuantities(order.id)) result.set(placed.lineItemId, (result.get(placed.lineItemId) ?? 0) + placed.quantity);
    return result;
  }

  orderPayload(order: OrderRecord): Record<string, unknown> {
    const payload = payloads.orderPayload(order, this.lookups, this.fulfillableQuantities(order));
    return this.appAccess.customerData === "approved" ? payload : payloads.withoutCustomerData(payload);
  }

  touchOrder(order: OrderRecord, emitUpdated = true): void {
    order.updatedAt = this.nowIso();
    if (emitUpdated && !order.historical) this.emit("orders/updated", this.orderPayload(order));
  }

  sellAtPointOfSale(input: PointOfSaleInput): { orderId: Gid; name: string } {
    return pointOfSale.sellAtPointOfSale(this, input);
  }

  cancelOrder(orderId: Gid): void {
    ordering.cancelOrder(this, orderId);
  }

  /**
   * The merchant renames a variant's SKU in Shopify admin. Orders keep the SKU their lines were sold
   * with (`LineItem.sku`, 2026-10 schema), which is what the orders search's `sku:` filter matches.
   */
  changeSku(variantId: Gid, sku: string): void {
    const variant = this.variantOrThrow(variantId);
    variant.sku = sku;
    variant.updatedAt = this.nowIso();
    const product = this.products.get(variant.productId)!;
    product.updatedAt = variant.updatedAt;
    this.emit("products/update", payloads.productPayload(product, this.lookups));
  }

  // ---- the merchant's fulfillment order actions in Shopify admin (fulfillment-arrangements.ts) ----
  splitFulfillmentOrder(fulfillmentOrderId: Gid, lines: LineQuantity[]): Gid {
    return gid("FulfillmentOrder", arrangements.splitFulfillmentOrder(this, fulfillmentOrderId, lines).id);
  }

  mergeFulfillmentOrders(fulfillmentOrderIds: Gid[]): Gid {
    return gid("FulfillmentOrder", arrangements.mergeFulfillmentOrders(this, fulfillmentOrderIds).id);
  }

  scheduleFulfillmentOrder(fulfillmentOrderId: Gid): void {
    arrangements.scheduleFulfillmentOrder(this, fulfillmentOrderId);
  }

  openFulfillmentOrder(fulfillmentOrderId: Gid): void {
    arrangements.openFulfillmentOrder(this, fulfillmentOrderId);
  }

  releaseHoldsInAdmin(fulfillmentOrderId: Gid): void {
    arrangements.releaseHoldsInAdmin(this, fulfillmentOrderId);
  }

  /** Shopify lifts the hold it placed on a new order (the buyer answered the upsell) now, not when its time runs out. */
  releaseShopifyHolds(orderId: Gid): void {
    releaseShopifyHolds(this, this.orderOrThrow(orderId));
  }

  editOrderLine(orderId: Gid, lineItemId: Gid, quantity: number): void {
    // Implemented in order-line-edits.ts to keep this file to the state and its plumbing.
    editLine(this, orderId, lineItemId, quantity);
  }

  snapshot(): ShopSnapshot {
    return snapshotOf(this);
  }

  storefrontProducts(): StorefrontProduct[] {
    return [...this.products.values()].filter((p) => p.status === "ACTIVE").map((p) => storefrontProductOf(this, p));
  }

  storefrontProduct(handle: string): StorefrontProduct | undefined {
    const product = [...this.products.values()].find((p) => p.handle === handle);
    return product ? storefrontProductOf(this, product) : undefined;
  }

  metafieldsOf(ownerGid: Gid): Metafields {
    let map = this.metafields.get(ownerGid);
    if (!map) {
      map = new Map();
      this.metafields.set(ownerGid, map);
    }
    return map;
  }
}

