/**
 * Inventory transfers and their shipments, as Shopify keeps them. One transfer carries one
 * shipment of one item here (the sandbox's simplification; Shopify allows many of each).
 *
 * - In transit, a shipment's unreceived units are the destination's `incoming`; receiving accepted
 *   units adds them to `available` there and takes them off `incoming` ("When you accept an item in
 *   your transfer, the available quantity is added on your Inventory page"; "the number of incoming
 *   items varies based on the items that you've received":
 *   https://help.shopify.com/en/manual/products/inventory/transfers/receive-inventory).
 * - A receipt may be partial: the shipment is then PARTIALLY_RECEIVED (InventoryShipmentStatus,
 *   https://shopify.dev/docs/api/admin-graphql/latest/enums/InventoryShipmentStatus).
 * - Tracking, `arrivesAt` included, may be edited at any time (inventoryShipmentSetTracking,
 *   https://shopify.dev/docs/api/admin-graphql/latest/mutations/inventoryShipmentSetTracking).
 * - A canceled transfer's reserved units return to the origin
 *   (https://help.shopify.com/en/manual/products/inventory/inventory-transfers/creating-and-managing-transfers).
 *   Whether a transfer with a shipment in transit may be canceled is not documented: the harsher
 *   reading is modelled, it may, and its unreceived units stop being incoming at the destination.
 */
import type { Gid } from "./contract";
import { ShopUserError } from "./errors";
import { idOf } from "./ids";
import { changeLevel, emitReceipt } from "./inventory";
import type { ShipmentRecord } from "./model";
import type { SandboxShop } from "./shop";
import { shipmentPayload, transferPayload } from "./webhook-payloads";

function openShipment(shop: SandboxShop, shipmentId: Gid): ShipmentRecord {
  const shipment = shop.shipments.get(idOf(shipmentId, "InventoryShipment"));
  if (!shipment) throw new ShopUserError(`Shipment not found: ${shipmentId}`, ["id"], "SHIPMENT_NOT_FOUND");
  if (shipment.canceled) throw new ShopUserError("The shipment's transfer was canceled", ["id"], "INVALID_SHIPMENT_STATUS");
  return shipment;
}

export function setShipmentArrival(shop: SandboxShop, shipmentId: Gid, arrivesAt: string): void {
  const shipment = openShipment(shop, shipmentId);
  if (Number.isNaN(Date.parse(arrivesAt))) throw new ShopUserError(`arrivesAt is not a date: ${arrivesAt}`, ["tracking", "arrivesAt"], "INVALID");
  shipment.arrivesAt = new Date(arrivesAt).toISOString();
  shop.emit("inventory_shipments/update_tracking", shipmentPayload(shipment, shop.nowIso()));
}

export function receiveShipment(shop: SandboxShop, shipmentId: Gid, quantity?: number): void {
  const shipment = openShipment(shop, shipmentId);
  const unreceived = shipment.quantity - shipment.received;
  const accepted = quantity ?? unreceived;
  // INVALID_QUANTITY / INVALID_SHIPMENT_STATUS (InventoryShipmentReceiveUserErrorCode).
  if (unreceived === 0) throw new ShopUserError("The shipment was already received", ["id"], "INVALID_SHIPMENT_STATUS");
  if (!Number.isInteger(accepted) || accepted <= 0 || accepted > unreceived) throw new ShopUserError(`quantity must be between 1 and ${unreceived}`, ["lineItems", "0", "quantity"], "INVALID_QUANTITY");
  shipment.received += accepted;
  changeLevel(shop, shipment.itemId, shipment.locationId, { incoming: -accepted, onHand: accepted });
  emitReceipt(shop, shipment);
}

export function cancelTransfer(shop: SandboxShop, transferId: Gid): void {
  const id = idOf(transferId, "InventoryTransfer");
  const shipment = [...shop.shipments.values()].find((candidate) => candidate.transferId === id);
  if (!shipment) throw new ShopUserError(`Transfer not found: ${transferId}`, ["id"], "TRANSFER_NOT_FOUND");
  if (shipment.canceled) return;
  if (shipment.received >= shipment.quantity) throw new ShopUserError("A transferred transfer cannot be canceled", ["id"], "INVALID_TRANSFER_STATUS");
  shipment.canceled = true;
  changeLevel(shop, shipment.itemId, shipment.locationId, { incoming: -(shipment.quantity - shipment.received) });
  shop.emit("inventory_transfers/cancel", transferPayload(shipment, shop.nowIso()));
}
