/**
 * Changing the quantities of an order's lines, as Shopify applies a committed order edit:
 * units come off (or onto) the not-yet-fulfilled part of the fulfillment order lines, the
 * stock they had committed is released (or committed), and the order records the edit and
 * sends `orders/edited` and `orders/updated`.
 */
import { SandboxError, type Gid } from "./contract";
import { gid, idOf } from "./ids";
import type { FulfillmentOrderLineRecord, FulfillmentOrderRecord, LineItemRecord, OrderEditRecord, OrderRecord, VariantRecord } from "./model";
import type { SandboxShop } from "./shop";
import { orderEditPayload } from "./webhook-payloads";

export interface LineQuantityChange {
  lineItemId: number;
  quantity: number;
  /** For removed units: back to `available` (true) or gone from `on_hand` with the commitment (false). */
  restock: boolean;
}

export interface EditNotes {
  notifyCustomer: boolean;
  staffNote: string | null;
}

interface PlannedChange {
  line: LineItemRecord;
  change: LineQuantityChange;
  delta: number;
  variant: VariantRecord | undefined;
  tracked: boolean;
  foLines: { fo: FulfillmentOrderRecord; foLine: FulfillmentOrderLineRecord }[];
}

/** Fulfillment order lines of a line item that can still change (their fulfillment order is not closed). */
export function openFulfillmentLines(shop: SandboxShop, order: OrderRecord, lineItemId: number) {
  return shop
    .fulfillmentOrdersOf(order)
    .filter((fo) => fo.status !== "CLOSED" && fo.status !== "CANCELLED")
    .flatMap((fo) => fo.lineItems.filter((l) => l.lineItemId === lineItemId).map((foLine) => ({ fo, foLine })));
}

/** Checks every change against the order as it is now; throws before anything is touched. */
function planChanges(shop: SandboxShop, order: OrderRecord, changes: LineQuantityChange[]): PlannedChange[] {
  const addedByVariant = new Map<number, number>();
  return changes.flatMap((change) => {
    const line = order.lineItems.find((l) => l.id === change.lineItemId);
    if (!line) throw new SandboxError(`Line item not found on ${order.name}: ${gid("LineItem", change.lineItemId)}`, 404);
    if (order.cancelledAt) throw new SandboxError(`Order ${order.name} is cancelled`, 422);
    if (!Number.isInteger(change.quantity) || change.quantity < 0) throw new SandboxError("quantity must be a non-negative integer", 400);
    const delta = change.quantity - line.currentQuantity;
    if (delta === 0) return [];
    const variant = line.variantId === null ? undefined : shop.variants.get(line.variantId);
    const tracked = variant ? (shop.items.get(variant.inventoryItemId)?.tracked ?? false) : false;
    const foLines = openFulfillmentLines(shop, order, line.id);
    if (delta < 0) {
      const unfulfilled = foLines.reduce((sum, { foLine }) => sum + foLine.remainingQuantity, 0);
      if (-delta > unfulfilled) throw new SandboxError(`Cannot remove ${-delta} units: only ${unfulfilled} are unfulfilled`, 422);
    } else {
      // Several lines of one variant draw on the same stock.
      const added = (addedByVariant.get(line.variantId ?? 0) ?? 0) + delta;
      addedByVariant.set(line.variantId ?? 0, added);
      if (variant && tracked && variant.inventoryPolicy === "DENY" && added > shop.totalAvailable(variant.id)) {
        throw new SandboxError(`Not enough stock for ${variant.sku}`, 422);
      }
      if (foLines.length === 0) throw new SandboxError("The line has no open fulfillment order to add units to", 422);
    }
    return [{ line, change, delta, variant, tracked, foLines }];
  });
}

/** Takes units off the unfulfilled part, latest fulfillment order first, releasing their commitment. */
function removeUnits(shop: SandboxShop, planned: PlannedChange): void {
  let toRemove = -planned.delta;
  for (const { fo, foLine } of [...planned.foLines].reverse()) {
    const take = Math.min(toRemove, foLine.remainingQuantity);
    if (take === 0) continue;
    foLine.remainingQuantity -= take;
    foLine.totalQuantity -= take;
    toRemove -= take;
    fo.updatedAt = shop.nowIso();
    if (planned.variant && planned.tracked) {
      // Without restock Shopify does not return the units to stock: they leave on_hand too.
      const delta = planned.change.restock ? { committed: -take } : { committed: -take, onHand: -take };
      shop.changeLevel(planned.variant.inventoryItemId, fo.locationId, delta);
    }
    // Nothing left to ship: the fulfillment order is done.
    if (fo.lineItems.every((l) => l.remainingQuantity === 0)) fo.status = "CLOSED";
  }
}

function addUnits(shop: SandboxShop, planned: PlannedChange): void {
  const target = planned.foLines[0]!;
  target.foLine.remainingQuantity += planned.delta;
  target.foLine.totalQuantity += planned.delta;
  target.fo.updatedAt = shop.nowIso();
  if (planned.variant && planned.tracked) shop.changeLevel(planned.variant.inventoryItemId, target.fo.locationId, { committed: planned.delta });
}

/**
 * Applies the changes as one edit: all or nothing (SandboxError before any change), one
 * `orders/edited` listing every line, then `orders/updated`. Returns null when no quantity changes.
 */
export function editLines(shop: SandboxShop, order: OrderRecord, changes: LineQuantityChange[], notes: EditNotes): OrderEditRecord | null {
  // The sandbox routes an order before editing it: an edit changes its fulfillment order lines.
  shop.routing.routeNow(order.id);
  const planned = planChanges(shop, order, changes);
  if (planned.length === 0) return null;
  for (const p of planned) {
    if (p.delta < 0) removeUnits(shop, p);
    else addUnits(shop, p);
    p.line.currentQuantity = p.change.quantity;
  }
  order.edited = true;
  order.updatedAt = shop.nowIso();
  const edit: OrderEditRecord = {
    id: shop.ids.take(),
    committedAt: order.updatedAt,
    notifyCustomer: notes.notifyCustomer,
    staffNote: notes.staffNote,
    lineChanges: planned.map((p) => ({ lineItemId: p.line.id, delta: p.delta, restock: p.delta < 0 && p.change.restock })),
  };
  order.edits.push(edit);
  shop.emit("orders/edited", orderEditPayload(order, edit));
  shop.emit("orders/updated", shop.orderPayload(order));
  return edit;
}

/** The control API's edit: one line, removed units restocked, no customer notification. */
export function editLine(shop: SandboxShop, orderGid: Gid, lineItemGid: Gid, quantity: number): void {
  const order = shop.orderOrThrow(orderGid);
  const lineItemId = idOf(lineItemGid, "LineItem");
  editLines(shop, order, [{ lineItemId, quantity, restock: true }], { notifyCustomer: false, staffNote: null });
}
