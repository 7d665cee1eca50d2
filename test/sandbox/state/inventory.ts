/** Inventory changes. Every quantity change goes through changeLevel, so the events stay consistent. */
import { SandboxError, type Gid, type ReceiveIncomingInput } from "./contract";
import { gid } from "./ids";
import { availableOf, type LevelRecord, type ShipmentRecord } from "./model";
import type { SandboxShop } from "./shop";
import { inventoryLevelPayload, shipmentPayload, transferPayload, variantPayload } from "./webhook-payloads";

export type LevelDelta = Partial<Record<"onHand" | "committed" | "reserved" | "incoming", number>>;

/**
 * Applies quantity deltas to one level, bumps timestamps and emits
 * inventory_levels/update plus variants/in_stock|out_of_stock on a crossing.
 */
export function changeLevel(
  shop: SandboxShop,
  itemId: number,
  locationId: number,
  delta: LevelDelta,
  options: { silent?: boolean } = {},
): LevelRecord {
  const item = shop.items.get(itemId);
  if (!item) throw new SandboxError(`Inventory item not found: ${itemId}`, 404);
  const variant = shop.variants.get(item.variantId)!;
  const totalBefore = shop.totalAvailable(variant.id);
  const level = shop.stockAt(itemId, locationId);
  const availableBefore = availableOf(level);
  level.onHand += delta.onHand ?? 0;
  level.committed += delta.committed ?? 0;
  level.reserved += delta.reserved ?? 0;
  level.incoming += delta.incoming ?? 0;
  if (options.silent) return level;
  const now = shop.nowIso();
  level.updatedAt = now;
  item.updatedAt = now;
  variant.updatedAt = now;
  const product = shop.products.get(variant.productId);
  if (product) product.updatedAt = now;
  if (availableOf(level) !== availableBefore) {
    shop.emit("inventory_levels/update", inventoryLevelPayload(itemId, locationId, item.tracked ? availableOf(level) : null, now));
  }
  const totalAfter = shop.totalAvailable(variant.id);
  if (item.tracked && totalBefore > 0 && totalAfter <= 0) shop.emit("variants/out_of_stock", variantPayload(variant, shop.lookups));
  if (item.tracked && totalBefore <= 0 && totalAfter > 0) shop.emit("variants/in_stock", variantPayload(variant, shop.lookups));
  return level;
}

export function setAvailable(shop: SandboxShop, variantId: Gid, locationId: Gid, available: number): void {
  const variant = shop.variantOrThrow(variantId);
  const location = shop.locationOrThrow(locationId);
  const level = shop.stockAt(variant.inventoryItemId, location.id);
  changeLevel(shop, variant.inventoryItemId, location.id, { onHand: available - availableOf(level) });
}

export function receiveIncoming(shop: SandboxShop, input: ReceiveIncomingInput): { shipmentId: Gid; transferId: Gid } {
  const variant = shop.variantOrThrow(input.variantId);
  const location = shop.locationOrThrow(input.locationId);
  if (!Number.isInteger(input.quantity) || input.quantity <= 0) throw new SandboxError("quantity must be a positive integer", 400);
  if (Number.isNaN(Date.parse(input.arrivesAt))) throw new SandboxError(`arrivesAt is not a date: ${input.arrivesAt}`, 400);
  const shipment: ShipmentRecord = {
    id: shop.ids.take(),
    transferId: shop.ids.take(),
    lineItemId: shop.ids.take(),
    itemId: variant.inventoryItemId,
    locationId: location.id,
    quantity: input.quantity,
    received: 0,
    arrivesAt: new Date(input.arrivesAt).toISOString(),
    createdAt: shop.nowIso(),
  };
  shop.shipments.set(shipment.id, shipment);
  changeLevel(shop, variant.inventoryItemId, location.id, { incoming: input.quantity });
  // Created in transit (inventoryShipmentCreateInTransit): both topics fire.
  shop.emit("inventory_shipments/create", shipmentPayload(shipment, shop.nowIso()));
  shop.emit("inventory_shipments/mark_in_transit", shipmentPayload(shipment, shop.nowIso()));
  return { shipmentId: gid("InventoryShipment", shipment.id), transferId: gid("InventoryTransfer", shipment.transferId) };
}

export function receiveStock(shop: SandboxShop, variantId: Gid, locationId: Gid, quantity: number): void {
  const variant = shop.variantOrThrow(variantId);
  const location = shop.locationOrThrow(locationId);
  const level = shop.stockAt(variant.inventoryItemId, location.id);
  // Stock that was announced arrives first against the oldest open shipments.
  let fromIncoming = Math.min(quantity, level.incoming);
  const incomingDelta = -fromIncoming;
  const open = [...shop.shipments.values()]
    .filter((s) => s.itemId === variant.inventoryItemId && s.locationId === location.id && s.received < s.quantity && !s.canceled)
    .sort((a, b) => a.arrivesAt.localeCompare(b.arrivesAt));
  const touched: ShipmentRecord[] = [];
  for (const shipment of open) {
    const take = Math.min(fromIncoming, shipment.quantity - shipment.received);
    if (take > 0) touched.push(shipment);
    shipment.received += take;
    fromIncoming -= take;
  }
  changeLevel(shop, variant.inventoryItemId, location.id, { incoming: incomingDelta, onHand: quantity });
  for (const shipment of touched) emitReceipt(shop, shipment);
}

/** inventory_shipments/receive_items, and inventory_transfers/complete once every unit is in. */
export function emitReceipt(shop: SandboxShop, shipment: ShipmentRecord): void {
  shop.emit("inventory_shipments/receive_items", shipmentPayload(shipment, shop.nowIso()));
  if (shipment.received >= shipment.quantity) shop.emit("inventory_transfers/complete", transferPayload(shipment, shop.nowIso()));
}
