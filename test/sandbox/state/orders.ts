/** Placing orders (Shopify's checkout allocation, simplified) and cancelling them. Edits: order-line-edits.ts. */
import { SandboxError, type Gid, type OrderLineInput, type PlaceOrderInput } from "./contract";
import { gid } from "./ids";
import { availableOf, type CustomerRecord, type FulfillmentOrderRecord, type OrderRecord, type VariantRecord } from "./model";
import type { SandboxShop } from "./shop";
import type { Placement } from "./order-routing";
import { routingCompletePayload } from "./webhook-payloads";
import { announceShopifyHolds, placeShopifyHolds } from "./shopify-holds";

export interface LineAssignment {
  input: OrderLineInput;
  variant: VariantRecord;
  locationId: number;
}

/**
 * Picks a location per line and refuses the whole order when a DENY variant
 * asks for more than is available in total. Changes nothing.
 */
export function planAssignments(shop: SandboxShop, lines: OrderLineInput[], checkStock = true): LineAssignment[] {
  // Checkout sells and routes only from locations that fulfil online orders (`Location.fulfillsOnlineOrders`,
  // 2026-10 schema: "Whether this location can fulfill online orders"); see `SandboxShop.onlineAvailable`.
  const locations = [...shop.locations.values()].filter((l) => l.fulfillsOnlineOrders);
  if (locations.length === 0) throw new SandboxError("The shop has no location that fulfils online orders", 422);
  const reserved = new Map<string, number>(); // units taken by earlier lines of this order
  const wantedByVariant = new Map<number, number>();
  const result: LineAssignment[] = [];
  for (const input of lines) {
    if (!Number.isInteger(input.quantity) || input.quantity <= 0) throw new SandboxError("Line quantity must be a positive integer", 400);
    const variant = shop.variantOrThrow(input.variantId);
    const item = shop.items.get(variant.inventoryItemId)!;
    const wanted = (wantedByVariant.get(variant.id) ?? 0) + input.quantity;
    wantedByVariant.set(variant.id, wanted);
    if (checkStock && item.tracked && variant.inventoryPolicy === "DENY" && wanted > shop.onlineAvailable(variant.id)) {
      throw new SandboxError(`Not enough stock for ${variant.sku}: ${wanted} wanted, ${shop.onlineAvailable(variant.id)} available online`, 422);
    }
    const stocked = locations.filter((l) => shop.level(item.id, l.id));
    const free = (locationId: number) => {
      const level = shop.level(item.id, locationId);
      return (level ? availableOf(level) : 0) - (reserved.get(`${item.id}:${locationId}`) ?? 0);
    };
    const chosen = stocked.find((l) => free(l.id) >= input.quantity) ?? stocked[0] ?? locations[0]!;
    const key = `${item.id}:${chosen.id}`;
    reserved.set(key, (reserved.get(key) ?? 0) + input.quantity);
    result.push({ input, variant, locationId: chosen.id });
  }
  return result;
}

/**
 * Creates line items and commits their stock where checkout placed them (Shopify commits at order
 * creation; see order-routing.ts). Returns where each line's units went, for routing.
 */
export function commitLines(shop: SandboxShop, order: OrderRecord, assignments: LineAssignment[], historical: boolean): Placement[] {
  const placements: Placement[] = [];
  for (const { input, variant, locationId } of assignments) {
    const product = shop.products.get(variant.productId);
    const lineItem = {
      id: shop.ids.take(),
      variantId: variant.id,
      productId: variant.productId,
      title: product?.title ?? variant.title,
      variantTitle: variant.title,
      sku: variant.sku,
      price: variant.price,
      quantity: input.quantity,
      currentQuantity: input.quantity,
      properties: { ...(input.properties ?? {}) },
    };
    order.lineItems.push(lineItem);
    placements.push({ lineItemId: lineItem.id, locationId, quantity: input.quantity });
    const tracked = shop.items.get(variant.inventoryItemId)?.tracked ?? false;
    if (!historical && tracked) shop.changeLevel(variant.inventoryItemId, locationId, { committed: input.quantity });
  }
  return placements;
}

/** Opens one fulfillment order per location for the placed lines (history: already shipped). */
export function openFulfillmentOrders(shop: SandboxShop, order: OrderRecord, placements: Placement[], createdAt: string, historical: boolean): FulfillmentOrderRecord[] {
  const byLocation = new Map<number, FulfillmentOrderRecord>();
  for (const { lineItemId, locationId, quantity } of placements) {
    let fo = byLocation.get(locationId);
    if (!fo) {
      fo = {
        id: shop.ids.take(),
        orderId: order.id,
        locationId,
        status: historical ? "CLOSED" : "OPEN",
        holds: [],
        lineItems: [],
        createdAt,
        updatedAt: createdAt,
      };
      byLocation.set(locationId, fo);
      shop.fulfillmentOrders.set(fo.id, fo);
      order.fulfillmentOrderIds.push(fo.id);
    }
    fo.lineItems.push({ id: shop.ids.take(), lineItemId, totalQuantity: quantity, remainingQuantity: historical ? 0 : quantity });
  }
  if (historical) {
    // History is already shipped: one fulfillment per fulfillment order, stock untouched.
    for (const fo of byLocation.values()) {
      order.fulfillments.push({
        id: shop.ids.take(),
        orderId: order.id,
        locationId: fo.locationId,
        status: "SUCCESS",
        fulfillmentOrderIds: [fo.id],
        lineItems: fo.lineItems.map((l) => ({ id: shop.ids.take(), lineItemId: l.lineItemId, quantity: l.totalQuantity })),
        createdAt,
        updatedAt: createdAt,
      });
    }
  }
  return [...byLocation.values()];
}

/** Shopify's background routing of a new order (order-routing.ts): its fulfillment orders, then the webhook. */
export function routeOrder(shop: SandboxShop, order: OrderRecord, placements: Placement[]): void {
  if (order.cancelledAt) return;
  const now = shop.nowIso();
  const opened = openFulfillmentOrders(shop, order, placements, now, false);
  placeShopifyHolds(shop, order, opened);
  for (const fo of opened) shop.emit("fulfillment_orders/order_routing_complete", routingCompletePayload(fo));
  announceShopifyHolds(shop, opened);
}

export function orderGid(order: OrderRecord): Gid {
  return gid("Order", order.id);
}

/** A new order record with the shop's next number and no lines yet, stored in the shop. */
export function newOrder(shop: SandboxShop, customer: CustomerRecord, createdAt: string, extra: Pick<OrderRecord, "closedAt" | "historical" | "createdByApp" | "shopifyHold">): OrderRecord {
  const number = shop.orderNumbers.take();
  const order: OrderRecord = {
    id: shop.ids.take(),
    number,
    name: `#${number}`,
    customer,
    tags: [],
    lineItems: [],
    fulfillmentOrderIds: [],
    fulfillments: [],
    createdAt,
    updatedAt: createdAt,
    cancelledAt: null,
    edited: false,
    edits: [],
    ...extra,
  };
  shop.orders.set(order.id, order);
  return order;
}

export function placeOrder(shop: SandboxShop, input: PlaceOrderInput): { orderId: Gid; name: string } {
  if (input.lines.length === 0) throw new SandboxError("An order needs at least one line", 400);
  const assignments = planAssignments(shop, input.lines, !input.historical);
  const createdAt = input.createdAt ? new Date(input.createdAt).toISOString() : shop.nowIso();
  const order = newOrder(shop, customerFor(shop, input.customer), createdAt, {
    closedAt: input.historical ? createdAt : null,
    historical: input.historical ?? false,
    ...(input.createdByApp ? { createdByApp: input.createdByApp } : {}),
    ...(input.shopifyHold && !input.historical ? { shopifyHold: input.shopifyHold } : {}),
  });
  if (input.customerLocale) order.customerLocale = input.customerLocale;
  shop.orders.set(order.id, order);
  const placements = commitLines(shop, order, assignments, input.historical ?? false);
  if (input.historical) {
    openFulfillmentOrders(shop, order, placements, createdAt, true);
    return { orderId: gid("Order", order.id), name: order.name };
  }
  shop.routing.schedule(order, placements);
  shop.emit("orders/create", shop.orderPayload(order));
  return { orderId: gid("Order", order.id), name: order.name };
}

export function customerFor(shop: SandboxShop, input: PlaceOrderInput["customer"]): CustomerRecord {
  const key = input.email.toLowerCase();
  const existing = shop.customers.get(key);
  if (existing) return existing;
  const customer = { id: shop.ids.take(), email: input.email, firstName: input.firstName ?? null, lastName: input.lastName ?? null };
  shop.customers.set(key, customer);
  return customer;
}

export function cancelOrder(shop: SandboxShop, orderId: Gid): void {
  const order = shop.orderOrThrow(orderId);
  if (order.cancelledAt) throw new SandboxError(`Order ${order.name} is already cancelled`, 422);
  // The sandbox routes an order before cancelling it, so the stock it committed comes back through its fulfillment orders.
  shop.routing.routeNow(order.id);
  const now = shop.nowIso();
  for (const fo of shop.fulfillmentOrdersOf(order)) {
    if (fo.status === "CLOSED" || fo.status === "CANCELLED") continue;
    let hadFulfilled = false;
    for (const line of fo.lineItems) {
      if (line.remainingQuantity < line.totalQuantity) hadFulfilled = true;
      const restock = line.remainingQuantity;
      const lineItem = order.lineItems.find((l) => l.id === line.lineItemId)!;
      lineItem.currentQuantity -= restock;
      line.remainingQuantity = 0;
      const variant = lineItem.variantId === null ? undefined : shop.variants.get(lineItem.variantId);
      if (variant && restock > 0) shop.changeLevel(variant.inventoryItemId, fo.locationId, { committed: -restock });
    }
    fo.status = hadFulfilled ? "CLOSED" : "CANCELLED";
    fo.holds = [];
    fo.updatedAt = now;
  }
  order.cancelledAt = now;
  order.closedAt = now;
  order.updatedAt = now;
  shop.emit("orders/cancelled", shop.orderPayload(order));
  shop.emit("orders/updated", shop.orderPayload(order));
}
