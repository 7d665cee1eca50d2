/** Fulfillment order operations: holds, release, move, fulfil. Refusals are ShopUserErrors. */
import type { Gid } from "./contract";
import { ShopUserError } from "./errors";
import { gid, parseGid } from "./ids";
import type { FulfillmentOrderRecord, FulfillmentRecord, HoldRecord } from "./model";
import type { SandboxShop } from "./shop";
import { heldReleasedPayload, holdReleasedPayload, movedPayload, placedOnHoldPayload } from "./webhook-payloads";

const MAX_HOLDS = 10;

/**
 * `FulfillmentOrder.supportedActions` per status ("The actions that can be performed on this
 * fulfillment order", 2026-10 schema); the mutations here accept what it lists. Shopify's docs do not
 * list the statuses a hold accepts: the harsher reading is taken. An open fulfillment order, or one
 * already held ("can be successfully executed on fulfillment orders that are already on hold",
 * fulfillmentOrderHold, 2025-01 on), takes a hold; one in progress (partly fulfilled) does not, nor
 * one scheduled, which is "deferred and will be ready for fulfillment after the date and time
 * specified in fulfill_at" (FulfillmentOrderStatus.SCHEDULED), when Shopify opens it.
 */
export const SUPPORTED_ACTIONS: Record<string, readonly string[]> = {
  OPEN: ["CREATE_FULFILLMENT", "HOLD", "MOVE", "SPLIT"],
  IN_PROGRESS: ["CREATE_FULFILLMENT"],
  SCHEDULED: ["MARK_AS_OPEN", "MOVE"],
  ON_HOLD: ["RELEASE_HOLD", "HOLD"],
};

export function fulfillmentOrderOrError(shop: SandboxShop, foGid: Gid, field: string[] = ["id"]): FulfillmentOrderRecord {
  const parsed = parseGid(foGid);
  const fo = parsed?.type === "FulfillmentOrder" ? shop.fulfillmentOrders.get(parsed.id) : undefined;
  if (!fo) throw new ShopUserError("Fulfillment order does not exist.", field, "FULFILLMENT_ORDER_NOT_FOUND");
  return fo;
}

export interface LineQuantity {
  id: Gid; // FulfillmentOrderLineItem GID
  quantity: number;
}

/** Resolves requested quantities against a fulfillment order; throws on unknown lines or bad quantities. */
export function requestedQuantities(fo: FulfillmentOrderRecord, lines: LineQuantity[], field: string): Map<number, number> {
  const wanted = new Map<number, number>();
  lines.forEach((entry, index) => {
    const parsed = parseGid(entry.id);
    const line = parsed?.type === "FulfillmentOrderLineItem" ? fo.lineItems.find((l) => l.id === parsed.id) : undefined;
    if (!line) throw new ShopUserError(`Fulfillment order line item does not exist: ${entry.id}`, [field, String(index), "id"], "INVALID_LINE_ITEM_QUANTITY");
    if (wanted.has(line.id)) throw new ShopUserError("Duplicated fulfillment order line items.", [field], "DUPLICATED_FULFILLMENT_ORDER_LINE_ITEMS");
    if (entry.quantity <= 0) throw new ShopUserError("Quantity must be greater than 0.", [field, String(index), "quantity"], "GREATER_THAN_ZERO");
    if (entry.quantity > line.remainingQuantity) {
      throw new ShopUserError(`Quantity ${entry.quantity} exceeds the remaining quantity ${line.remainingQuantity}.`, [field, String(index), "quantity"], "INVALID_LINE_ITEM_QUANTITY");
    }
    wanted.set(line.id, entry.quantity);
  });
  return wanted;
}

/**
 * Moves everything not in `keep` from `fo` into a new fulfillment order at `locationId`
 * (same status unless given). Returns the new one, or null when nothing was left over.
 */
export function splitOff(shop: SandboxShop, fo: FulfillmentOrderRecord, keep: Map<number, number>, locationId: number): FulfillmentOrderRecord | null {
  const now = shop.nowIso();
  const rest: FulfillmentOrderRecord = { id: shop.ids.take(), orderId: fo.orderId, locationId, status: "OPEN", holds: [], lineItems: [], createdAt: now, updatedAt: now };
  for (const line of fo.lineItems) {
    const kept = keep.get(line.id) ?? 0;
    const moving = line.remainingQuantity - kept;
    if (moving <= 0) continue;
    rest.lineItems.push({ id: shop.ids.take(), lineItemId: line.lineItemId, totalQuantity: moving, remainingQuantity: moving });
    line.remainingQuantity -= moving;
    line.totalQuantity -= moving;
  }
  if (rest.lineItems.length === 0) return null;
  fo.lineItems = fo.lineItems.filter((l) => l.totalQuantity > 0);
  shop.fulfillmentOrders.set(rest.id, rest);
  shop.orders.get(fo.orderId)?.fulfillmentOrderIds.push(rest.id);
  return rest;
}

export interface HoldInput {
  reason: string;
  reasonNotes?: string | null;
  handle?: string | null;
  fulfillmentOrderLineItems?: LineQuantity[] | null;
}

export function holdFulfillmentOrder(shop: SandboxShop, foGid: Gid, input: HoldInput) {
  const fo = fulfillmentOrderOrError(shop, foGid);
  if (!SUPPORTED_ACTIONS[fo.status]?.includes("HOLD")) {
    throw new ShopUserError(`The fulfillment order's status (${fo.status.toLowerCase()}) does not allow a hold.`, ["id"], null);
  }
  if (input.handle && fo.holds.some((h) => h.heldByApp && h.handle === input.handle)) {
    throw new ShopUserError("The handle provided for the fulfillment hold is already in use by this app for another hold on this fulfillment order.", ["fulfillmentHold", "handle"], "DUPLICATE_FULFILLMENT_HOLD_HANDLE");
  }
  if (fo.holds.filter((h) => h.heldByApp).length >= MAX_HOLDS) {
    throw new ShopUserError("The maximum number of fulfillment holds for this fulfillment order has been reached for this app.", ["id"], "FULFILLMENT_ORDER_HOLD_LIMIT_REACHED");
  }
  let remaining: FulfillmentOrderRecord | null = null;
  if (input.fulfillmentOrderLineItems && input.fulfillmentOrderLineItems.length > 0) {
    // FulfillmentOrderHoldInput.fulfillmentOrderLineItems: "Not supported when placing a hold on a fulfillment order that is
    // already held. If supplied when a fulfillment order is already on hold, a user error will be returned indicating that
    // the fulfillment order is not able to be split" (2026-10 schema, FULFILLMENT_ORDER_NOT_SPLITTABLE).
    if (fo.status === "ON_HOLD") throw new ShopUserError("A fulfillment order on hold cannot be split.", ["fulfillmentHold", "fulfillmentOrderLineItems"], "FULFILLMENT_ORDER_NOT_SPLITTABLE");
    const keep = requestedQuantities(fo, input.fulfillmentOrderLineItems, "fulfillmentOrderLineItems");
    remaining = splitOff(shop, fo, keep, fo.locationId);
  }
  const hold: HoldRecord = { id: shop.ids.take(), handle: input.handle ?? null, reason: input.reason, reasonNotes: input.reasonNotes ?? null, heldByApp: true };
  const wasHeld = fo.status === "ON_HOLD";
  fo.holds.push(hold);
  fo.status = "ON_HOLD";
  fo.updatedAt = shop.nowIso();
  // "Occurs when a fulfillment order transitions to the ON_HOLD status ... will only trigger once when the first hold
  // is applied" (WebhookSubscriptionTopic FULFILLMENT_ORDERS_PLACED_ON_HOLD, 2026-10 schema).
  if (!wasHeld) shop.emit("fulfillment_orders/placed_on_hold", placedOnHoldPayload(fo, hold, remaining));
  return { fulfillmentHold: hold, fulfillmentOrder: fo, remainingFulfillmentOrder: remaining };
}

/**
 * `fulfillmentOrderReleaseHold`. `by: "app"` is the installed app through the Admin API: it may release
 * only holds it placed itself. Shopify's docs say a release without `holdIds` releases every hold, yet
 * list `INVALID_ACCESS`, "The app doesn't have access to release the fulfillment hold"
 * (FulfillmentOrderReleaseHoldUserErrorCode, 2026-10 schema): the harsher reading is modelled, so a
 * hold Shopify or another app placed (`heldByRequestingApp: false`) is refused, named or not.
 * `by: "owner"` is whoever placed the other holds (Shopify, the merchant, another app): anything goes.
 */
export function releaseHold(shop: SandboxShop, foGid: Gid, holdIds?: Gid[] | null, by: "app" | "owner" = "app") {
  const fo = fulfillmentOrderOrError(shop, foGid);
  if (fo.status !== "ON_HOLD") throw new ShopUserError("The fulfillment order is not on hold.", ["id"], null);
  const ids = holdIds?.map((h) => parseGid(h)?.id);
  for (const [index, id] of (ids ?? []).entries()) {
    if (id === undefined || !fo.holds.some((h) => h.id === id)) throw new ShopUserError(`Fulfillment hold does not exist: ${holdIds?.[index]}`, ["holdIds", String(index)], null);
  }
  const releasing = ids ? fo.holds.filter((h) => ids.includes(h.id)) : fo.holds;
  if (by === "app" && releasing.some((h) => !h.heldByApp)) {
    throw new ShopUserError("The app doesn't have access to release the fulfillment hold.", ["holdIds"], "INVALID_ACCESS");
  }
  fo.holds = ids ? fo.holds.filter((h) => !ids.includes(h.id)) : [];
  fo.updatedAt = shop.nowIso();
  for (const hold of releasing) shop.emit("fulfillment_holds/released", heldReleasedPayload(fo, hold));
  if (fo.holds.length === 0) {
    const started = fo.lineItems.some((l) => l.remainingQuantity < l.totalQuantity);
    fo.status = started ? "IN_PROGRESS" : "OPEN";
    shop.emit("fulfillment_orders/hold_released", holdReleasedPayload(fo));
  }
  return fo;
}

/**
 * `fulfillmentOrderMove` as Shopify documents it (Mutation.fulfillmentOrderMove, 2026-10 schema; shopify.dev
 * /docs/api/admin-graphql/latest/mutations/fulfillmentOrderMove): it fails when the fulfillment order is closed
 * or "the destination location doesn't stock the requested inventory item"; moving every line moves the original
 * in place ("the assignedLocation of the original fulfillment order will be updated"), unless "the new location is
 * already assigned to another active fulfillment order, on the same order": then the lines are recreated in a new
 * fulfillment order and the original is closed; a subset (`fulfillmentOrderLineItems`) goes to a new one. The
 * committed units follow the lines. Held fulfillment orders: FulfillmentOrderSupportedAction lists MOVE only for
 * what can be moved, and Shopify admin asks to release a hold before changing the location, so the harsher reading
 * is modelled: a held (ON_HOLD) fulfillment order is refused until its holds are released.
 * Emits `fulfillment_orders/moved` (WebhookSubscriptionTopic FULFILLMENT_ORDERS_MOVED).
 */
export function moveFulfillmentOrder(shop: SandboxShop, foGid: Gid, newLocationGid: Gid, lines?: LineQuantity[] | null) {
  const fo = fulfillmentOrderOrError(shop, foGid);
  const parsedLocation = parseGid(newLocationGid);
  const location = parsedLocation?.type === "Location" ? shop.locations.get(parsedLocation.id) : undefined;
  if (!location) throw new ShopUserError("Location does not exist.", ["newLocationId"], null);
  if (fo.status !== "OPEN" && fo.status !== "SCHEDULED") {
    throw new ShopUserError(`Cannot move a fulfillment order with status ${fo.status.toLowerCase()}.`, ["id"], null);
  }
  if (location.id === fo.locationId) throw new ShopUserError("Cannot move to the location the fulfillment order is already assigned to.", ["newLocationId"], null);
  const order = shop.orders.get(fo.orderId)!;
  const wanted = lines && lines.length > 0 ? requestedQuantities(fo, lines, "fulfillmentOrderLineItems") : new Map(fo.lineItems.map((l) => [l.id, l.remainingQuantity]));
  for (const line of fo.lineItems) {
    if (!wanted.get(line.id)) continue;
    const variantId = order.lineItems.find((l) => l.id === line.lineItemId)?.variantId;
    const itemId = variantId === null || variantId === undefined ? undefined : shop.variants.get(variantId)?.inventoryItemId;
    if (itemId !== undefined && !shop.level(itemId, location.id)) {
      throw new ShopUserError(`Cannot move the fulfillment order: ${location.name} does not stock the item.`, ["newLocationId"], null);
    }
  }
  const sourceLocation = fo.locationId;
  const movingAll = fo.lineItems.every((l) => (wanted.get(l.id) ?? 0) === l.remainingQuantity && l.remainingQuantity === l.totalQuantity);
  const activeThere = shop.fulfillmentOrdersOf(order).some((other) => other.id !== fo.id && other.locationId === location.id && other.status !== "CLOSED" && other.status !== "CANCELLED");
  let moved: FulfillmentOrderRecord;
  let remaining: FulfillmentOrderRecord | null = null;
  if (movingAll && !activeThere) {
    moved = fo; // nothing fulfilled yet: Shopify moves the original in place
    fo.locationId = location.id;
    shiftCommitted(shop, fo, order, sourceLocation, location.id, wanted);
  } else {
    const keep = new Map(fo.lineItems.map((l) => [l.id, l.remainingQuantity - (wanted.get(l.id) ?? 0)]));
    moved = splitOff(shop, fo, keep, location.id)!;
    const movedQuantities = new Map(moved.lineItems.map((l) => [l.id, l.remainingQuantity]));
    shiftCommitted(shop, moved, order, sourceLocation, location.id, movedQuantities);
    remaining = fo.lineItems.some((l) => l.remainingQuantity > 0) ? fo : null;
    if (!remaining) fo.status = "CLOSED";
  }
  fo.updatedAt = shop.nowIso();
  shop.touchOrder(order);
  shop.emit("fulfillment_orders/moved", movedPayload(fo, moved, sourceLocation));
  return { movedFulfillmentOrder: moved, originalFulfillmentOrder: fo, remainingFulfillmentOrder: remaining };
}

function shiftCommitted(shop: SandboxShop, fo: FulfillmentOrderRecord, order: { lineItems: { id: number; variantId: number | null }[] }, from: number, to: number, quantities: Map<number, number>) {
  for (const line of fo.lineItems) {
    const quantity = quantities.get(line.id) ?? 0;
    const variantId = order.lineItems.find((l) => l.id === line.lineItemId)?.variantId;
    const variant = variantId === null || variantId === undefined ? undefined : shop.variants.get(variantId);
    if (!variant || quantity === 0 || !shop.items.get(variant.inventoryItemId)?.tracked) continue;
    shop.changeLevel(variant.inventoryItemId, from, { committed: -quantity });
    shop.changeLevel(variant.inventoryItemId, to, { committed: quantity });
  }
}

export interface FulfillmentInput {
  lineItemsByFulfillmentOrder: { fulfillmentOrderId: Gid; fulfillmentOrderLineItems?: LineQuantity[] | null }[];
}

/** Ships units: remaining down, committed and on_hand down; closes finished fulfillment orders. */
export function createFulfillment(shop: SandboxShop, input: FulfillmentInput): FulfillmentRecord {
  const groups = input.lineItemsByFulfillmentOrder.map((group, index) => {
    const fo = fulfillmentOrderOrError(shop, group.fulfillmentOrderId, ["fulfillment", "lineItemsByFulfillmentOrder", String(index), "fulfillmentOrderId"]);
    if (fo.status !== "OPEN" && fo.status !== "IN_PROGRESS") {
      throw new ShopUserError(`Fulfillment order ${gid("FulfillmentOrder", fo.id)} has an unfulfillable status= ${fo.status.toLowerCase()}.`, ["fulfillment"], null);
    }
    const lines = group.fulfillmentOrderLineItems;
    const quantities = lines && lines.length > 0 ? requestedQuantities(fo, lines, "fulfillmentOrderLineItems") : new Map(fo.lineItems.map((l) => [l.id, l.remainingQuantity]));
    return { fo, quantities };
  });
  const first = groups[0];
  if (!first) throw new ShopUserError("lineItemsByFulfillmentOrder must not be empty.", ["fulfillment", "lineItemsByFulfillmentOrder"], null);
  if (groups.some((g) => g.fo.orderId !== first.fo.orderId || g.fo.locationId !== first.fo.locationId)) {
    throw new ShopUserError("All fulfillment orders must belong to the same order and location.", ["fulfillment"], null);
  }
  const order = shop.orders.get(first.fo.orderId)!;
  const now = shop.nowIso();
  const fulfillment: FulfillmentRecord = {
    id: shop.ids.take(),
    orderId: order.id,
    locationId: first.fo.locationId,
    status: "SUCCESS",
    fulfillmentOrderIds: groups.map((g) => g.fo.id),
    lineItems: [],
    createdAt: now,
    updatedAt: now,
  };
  for (const { fo, quantities } of groups) {
    for (const line of fo.lineItems) {
      const quantity = quantities.get(line.id) ?? 0;
      if (quantity === 0) continue;
      line.remainingQuantity -= quantity;
      fulfillment.lineItems.push({ id: shop.ids.take(), lineItemId: line.lineItemId, quantity });
      const variantId = order.lineItems.find((l) => l.id === line.lineItemId)?.variantId;
      const variant = variantId === null || variantId === undefined ? undefined : shop.variants.get(variantId);
      if (variant && shop.items.get(variant.inventoryItemId)?.tracked) {
        shop.changeLevel(variant.inventoryItemId, fo.locationId, { committed: -quantity, onHand: -quantity });
      }
    }
    fo.status = fo.lineItems.every((l) => l.remainingQuantity === 0) ? "CLOSED" : "IN_PROGRESS";
    fo.updatedAt = now;
  }
  order.fulfillments.push(fulfillment);
  if (shop.fulfillmentOrdersOf(order).every((fo) => fo.status === "CLOSED" || fo.status === "CANCELLED")) order.closedAt = now;
  shop.touchOrder(order);
  return fulfillment;
}
