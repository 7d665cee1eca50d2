/** Order placement and editing rules (Shopify's checkout allocation, simplified). */
import { SandboxError, type Gid, type OrderLineInput } from "./contract";
import { gid, idOf } from "./ids";
import { availableOf, type FulfillmentOrderRecord, type OrderRecord, type VariantRecord } from "./model";
import type { SandboxShop } from "./shop";
import { orderEditPayload } from "./webhook-payloads";

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
  const locations = [...shop.locations.values()];
  if (locations.length === 0) throw new SandboxError("The shop has no locations", 422);
  const reserved = new Map<string, number>(); // units taken by earlier lines of this order
  const wantedByVariant = new Map<number, number>();
  const result: LineAssignment[] = [];
  for (const input of lines) {
    if (!Number.isInteger(input.quantity) || input.quantity <= 0) throw new SandboxError("Line quantity must be a positive integer", 400);
    const variant = shop.variantOrThrow(input.variantId);
    const item = shop.items.get(variant.inventoryItemId)!;
    const wanted = (wantedByVariant.get(variant.id) ?? 0) + input.quantity;
    wantedByVariant.set(variant.id, wanted);
    if (checkStock && item.tracked && variant.inventoryPolicy === "DENY" && wanted > shop.totalAvailable(variant.id)) {
      throw new SandboxError(`Not enough stock for ${variant.sku}: ${wanted} wanted, ${shop.totalAvailable(variant.id)} available`, 422);
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

/** Creates line items, commits stock and opens one fulfillment order per location. */
export function commitLines(
  shop: SandboxShop,
  order: OrderRecord,
  assignments: LineAssignment[],
  createdAt: string,
  historical: boolean,
): FulfillmentOrderRecord[] {
  const byLocation = new Map<number, FulfillmentOrderRecord>();
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
    fo.lineItems.push({
      id: shop.ids.take(),
      lineItemId: lineItem.id,
      totalQuantity: input.quantity,
      remainingQuantity: historical ? 0 : input.quantity,
    });
    const tracked = shop.items.get(variant.inventoryItemId)?.tracked ?? false;
    if (!historical && tracked) shop.changeLevel(variant.inventoryItemId, locationId, { committed: input.quantity });
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

/** Sets a line's current quantity; freed units go back to `available`, added ones are committed. */
export function editLine(shop: SandboxShop, orderGid: Gid, lineItemGid: Gid, quantity: number): void {
  const order = shop.orderOrThrow(orderGid);
  const lineId = idOf(lineItemGid, "LineItem");
  const line = order.lineItems.find((l) => l.id === lineId);
  if (!line) throw new SandboxError(`Line item not found on ${order.name}: ${lineItemGid}`, 404);
  if (order.cancelledAt) throw new SandboxError(`Order ${order.name} is cancelled`, 422);
  if (!Number.isInteger(quantity) || quantity < 0) throw new SandboxError("quantity must be a non-negative integer", 400);
  const delta = quantity - line.currentQuantity;
  if (delta === 0) return;
  const variant = line.variantId === null ? undefined : shop.variants.get(line.variantId);
  const tracked = variant ? (shop.items.get(variant.inventoryItemId)?.tracked ?? false) : false;
  const foLines = shop
    .fulfillmentOrdersOf(order)
    .filter((fo) => fo.status !== "CLOSED" && fo.status !== "CANCELLED")
    .flatMap((fo) => fo.lineItems.filter((l) => l.lineItemId === lineId).map((foLine) => ({ fo, foLine })));
  if (delta < 0) {
    const unfulfilled = foLines.reduce((sum, { foLine }) => sum + foLine.remainingQuantity, 0);
    if (-delta > unfulfilled) throw new SandboxError(`Cannot remove ${-delta} units: only ${unfulfilled} are unfulfilled`, 422);
    let toFree = -delta;
    for (const { fo, foLine } of [...foLines].reverse()) {
      const take = Math.min(toFree, foLine.remainingQuantity);
      if (take === 0) continue;
      foLine.remainingQuantity -= take;
      foLine.totalQuantity -= take;
      toFree -= take;
      fo.updatedAt = shop.nowIso();
      if (variant && tracked) shop.changeLevel(variant.inventoryItemId, fo.locationId, { committed: -take });
      if (fo.lineItems.every((l) => l.totalQuantity === 0)) fo.status = "CLOSED";
    }
  } else {
    if (variant && tracked && variant.inventoryPolicy === "DENY" && delta > shop.totalAvailable(variant.id)) {
      throw new SandboxError(`Not enough stock for ${variant.sku}`, 422);
    }
    const target = foLines[0];
    if (!target) throw new SandboxError("The line has no open fulfillment order to add units to", 422);
    target.foLine.remainingQuantity += delta;
    target.foLine.totalQuantity += delta;
    target.fo.updatedAt = shop.nowIso();
    if (variant && tracked) shop.changeLevel(variant.inventoryItemId, target.fo.locationId, { committed: delta });
  }
  line.currentQuantity = quantity;
  order.edited = true;
  order.updatedAt = shop.nowIso();
  shop.emit("orders/edited", orderEditPayload(order, shop.ids.take(), { lineItemId: line.id, delta }, order.updatedAt));
  shop.emit("orders/updated", shop.orderPayload(order));
}

export function orderGid(order: OrderRecord): Gid {
  return gid("Order", order.id);
}
