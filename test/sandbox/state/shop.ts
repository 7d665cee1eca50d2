/** The sandbox shop: in-memory state that behaves like a Shopify shop for our app. */
import {
  SandboxError,
  type Gid,
  type PlaceOrderInput,
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
import { commitLines, planAssignments } from "./orders";
import { editLine } from "./order-line-edits";
import { OrderEditSessions } from "./order-edits";

export interface SandboxShopOptions {
  domain?: string;
  name?: string;
  currencyCode?: string;
  ianaTimezone?: string;
  email?: string;
  /** Shop clock in epoch ms; tests pass their own. */
  now?: () => number;
}

export interface NewProductInput {
  title: string;
  handle?: string;
  description?: string;
  vendor: string;
  productType: string;
  tags?: string[];
  variants: {
    title: string;
    sku: string;
    price: string;
    inventoryPolicy?: "CONTINUE" | "DENY";
    tracked?: boolean;
    unitCost?: string | null;
    /** Available per location GID; a location missing here does not stock the item. */
    stock?: Record<Gid, number>;
  }[];
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
  private nextOrderNumber = 1001;
  private readonly listeners = new Set<(event: ShopEvent) => void>();

  constructor(options: SandboxShopOptions = {}) {
    this.domain = options.domain ?? "sandbox-backorders.myshopify.com";
    this.name = options.name ?? "Sandbox Backorders";
    this.currencyCode = options.currencyCode ?? "EUR";
    this.ianaTimezone = options.ianaTimezone ?? "Europe/Amsterdam";
    this.email = options.email ?? "owner@sandbox-backorders.example";
    this.now = options.now ?? Date.now;
    this.appInstallationId = this.ids.take();
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
    for (const listener of this.listeners) listener(event);
  }

  readonly lookups: payloads.PayloadLookups = {
    variant: (id) => this.variants.get(id),
    item: (id) => this.items.get(id),
    totalAvailable: (id) => this.totalAvailable(id),
    currency: "EUR",
  };

  // ---- catalogue ----
  addLocation(name: string, options: { fulfillsOnlineOrders?: boolean } = {}): Gid {
    const id = this.ids.take();
    this.locations.set(id, {
      id,
      name,
      isActive: true,
      fulfillsOnlineOrders: options.fulfillsOnlineOrders ?? true,
      createdAt: this.nowIso(),
    });
    return gid("Location", id);
  }

  addProduct(input: NewProductInput): { productId: Gid; variantIds: Gid[] } {
    const now = this.nowIso();
    const productId = this.ids.take();
    const handle = input.handle ?? input.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    const product: ProductRecord = {
      id: productId,
      title: input.title,
      handle,
      description: input.description ?? "",
      vendor: input.vendor,
      productType: input.productType,
      tags: [...(input.tags ?? [])],
      status: "ACTIVE",
      variantIds: [],
      createdAt: now,
      updatedAt: now,
    };
    this.products.set(productId, product);
    input.variants.forEach((v, index) => {
      const variantId = this.ids.take();
      const itemId = this.ids.take();
      this.variants.set(variantId, {
        id: variantId,
        productId,
        title: v.title,
        sku: v.sku,
        price: v.price,
        inventoryPolicy: v.inventoryPolicy ?? "DENY",
        inventoryItemId: itemId,
        position: index + 1,
        createdAt: now,
        updatedAt: now,
      });
      this.items.set(itemId, {
        id: itemId,
        variantId,
        tracked: v.tracked ?? true,
        unitCost: v.unitCost ?? null,
        createdAt: now,
        updatedAt: now,
      });
      for (const [locationGid, available] of Object.entries(v.stock ?? {})) {
        const level = this.stockAt(itemId, idOf(locationGid, "Location"));
        level.onHand = available;
      }
      product.variantIds.push(variantId);
    });
    this.emit("products/create", payloads.productPayload(product, this.lookups));
    return { productId: gid("Product", productId), variantIds: product.variantIds.map((id) => gid("ProductVariant", id)) };
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

  // ---- inventory changes (all go through here so events stay consistent) ----
  /**
   * Applies quantity deltas to one level, bumps timestamps and emits
   * inventory_levels/update plus variants/in_stock|out_of_stock on a crossing.
   */
  changeLevel(
    itemId: number,
    locationId: number,
    delta: Partial<Record<"onHand" | "committed" | "reserved" | "incoming", number>>,
    options: { silent?: boolean } = {},
  ): LevelRecord {
    const item = this.items.get(itemId);
    if (!item) throw new SandboxError(`Inventory item not found: ${itemId}`, 404);
    const variant = this.variants.get(item.variantId)!;
    const totalBefore = this.totalAvailable(variant.id);
    const level = this.stockAt(itemId, locationId);
    const availableBefore = availableOf(level);
    level.onHand += delta.onHand ?? 0;
    level.committed += delta.committed ?? 0;
    level.reserved += delta.reserved ?? 0;
    level.incoming += delta.incoming ?? 0;
    if (options.silent) return level;
    const now = this.nowIso();
    level.updatedAt = now;
    item.updatedAt = now;
    variant.updatedAt = now;
    const product = this.products.get(variant.productId);
    if (product) product.updatedAt = now;
    if (availableOf(level) !== availableBefore) {
      this.emit("inventory_levels/update", payloads.inventoryLevelPayload(itemId, locationId, item.tracked ? availableOf(level) : null, now));
    }
    const totalAfter = this.totalAvailable(variant.id);
    if (item.tracked && totalBefore > 0 && totalAfter <= 0) this.emit("variants/out_of_stock", payloads.variantPayload(variant, this.lookups));
    if (item.tracked && totalBefore <= 0 && totalAfter > 0) this.emit("variants/in_stock", payloads.variantPayload(variant, this.lookups));
    return level;
  }

  setAvailable(variantId: Gid, locationId: Gid, available: number): void {
    const variant = this.variantOrThrow(variantId);
    const location = this.locationOrThrow(locationId);
    const level = this.stockAt(variant.inventoryItemId, location.id);
    this.changeLevel(variant.inventoryItemId, location.id, { onHand: available - availableOf(level) });
  }

  receiveIncoming(input: ReceiveIncomingInput): { shipmentId: Gid } {
    const variant = this.variantOrThrow(input.variantId);
    const location = this.locationOrThrow(input.locationId);
    if (!Number.isInteger(input.quantity) || input.quantity <= 0) throw new SandboxError("quantity must be a positive integer", 400);
    if (Number.isNaN(Date.parse(input.arrivesAt))) throw new SandboxError(`arrivesAt is not a date: ${input.arrivesAt}`, 400);
    const shipment: ShipmentRecord = {
      id: this.ids.take(),
      transferId: this.ids.take(),
      lineItemId: this.ids.take(),
      itemId: variant.inventoryItemId,
      locationId: location.id,
      quantity: input.quantity,
      received: 0,
      arrivesAt: new Date(input.arrivesAt).toISOString(),
      createdAt: this.nowIso(),
    };
    this.shipments.set(shipment.id, shipment);
    this.changeLevel(variant.inventoryItemId, location.id, { incoming: input.quantity });
    return { shipmentId: gid("InventoryShipment", shipment.id) };
  }

  receiveStock(variantId: Gid, locationId: Gid, quantity: number): void {
    const variant = this.variantOrThrow(variantId);
    const location = this.locationOrThrow(locationId);
    const level = this.stockAt(variant.inventoryItemId, location.id);
    // Stock that was announced arrives first against the oldest open shipments.
    let fromIncoming = Math.min(quantity, level.incoming);
    const incomingDelta = -fromIncoming;
    const open = [...this.shipments.values()]
      .filter((s) => s.itemId === variant.inventoryItemId && s.locationId === location.id && s.received < s.quantity)
      .sort((a, b) => a.arrivesAt.localeCompare(b.arrivesAt));
    for (const shipment of open) {
      const take = Math.min(fromIncoming, shipment.quantity - shipment.received);
      shipment.received += take;
      fromIncoming -= take;
    }
    this.changeLevel(variant.inventoryItemId, location.id, { incoming: incomingDelta, onHand: quantity });
  }

  // ---- orders ----
  placeOrder(input: PlaceOrderInput): { orderId: Gid; name: string } {
    if (input.lines.length === 0) throw new SandboxError("An order needs at least one line", 400);
    const assignments = planAssignments(this, input.lines, !input.historical);
    const createdAt = input.createdAt ? new Date(input.createdAt).toISOString() : this.nowIso();
    const order: OrderRecord = {
      id: this.ids.take(),
      number: this.nextOrderNumber,
      name: `#${this.nextOrderNumber}`,
      customer: this.customerFor(input.customer),
      tags: [],
      lineItems: [],
      fulfillmentOrderIds: [],
      fulfillments: [],
      createdAt,
      updatedAt: createdAt,
      cancelledAt: null,
      closedAt: input.historical ? createdAt : null,
      edited: false,
      edits: [],
      historical: input.historical ?? false,
    };
    this.nextOrderNumber += 1;
    this.orders.set(order.id, order);
    const createdFos = commitLines(this, order, assignments, createdAt, input.historical ?? false);
    if (input.historical) return { orderId: gid("Order", order.id), name: order.name };
    this.emit("orders/create", this.orderPayload(order));
    for (const fo of createdFos) this.emit("fulfillment_orders/order_routing_complete", payloads.routingCompletePayload(fo));
    return { orderId: gid("Order", order.id), name: order.name };
  }

  private customerFor(input: PlaceOrderInput["customer"]): CustomerRecord {
    const key = input.email.toLowerCase();
    const existing = this.customers.get(key);
    if (existing) return existing;
    const customer = { id: this.ids.take(), email: input.email, firstName: input.firstName ?? null, lastName: input.lastName ?? null };
    this.customers.set(key, customer);
    return customer;
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
    return result;
  }

  orderPayload(order: OrderRecord): Record<string, unknown> {
    return payloads.orderPayload(order, this.lookups, this.fulfillableQuantities(order));
  }

  touchOrder(order: OrderRecord, emitUpdated = true): void {
    order.updatedAt = this.nowIso();
    if (emitUpdated && !order.historical) this.emit("orders/updated", this.orderPayload(order));
  }

  cancelOrder(orderId: Gid): void {
    const order = this.orderOrThrow(orderId);
    if (order.cancelledAt) throw new SandboxError(`Order ${order.name} is already cancelled`, 422);
    const now = this.nowIso();
    for (const fo of this.fulfillmentOrdersOf(order)) {
      if (fo.status === "CLOSED" || fo.status === "CANCELLED") continue;
      let hadFulfilled = false;
      for (const line of fo.lineItems) {
        if (line.remainingQuantity < line.totalQuantity) hadFulfilled = true;
        const restock = line.remainingQuantity;
        const lineItem = order.lineItems.find((l) => l.id === line.lineItemId)!;
        lineItem.currentQuantity -= restock;
        line.remainingQuantity = 0;
        const variant = lineItem.variantId === null ? undefined : this.variants.get(lineItem.variantId);
        if (variant && restock > 0) this.changeLevel(variant.inventoryItemId, fo.locationId, { committed: -restock });
      }
      fo.status = hadFulfilled ? "CLOSED" : "CANCELLED";
      fo.holds = [];
      fo.updatedAt = now;
    }
    order.cancelledAt = now;
    order.closedAt = now;
    order.updatedAt = now;
    this.emit("orders/cancelled", this.orderPayload(order));
    this.emit("orders/updated", this.orderPayload(order));
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

