/** InventoryItem, InventoryLevel and incoming stock (InventoryTransfer / InventoryShipment) views. */
import { gid, inventoryLevelGid } from "../state/ids";
import { availableOf, type InventoryItemRecord, type LevelRecord, type ShipmentRecord } from "../state/model";
import type { SandboxShop } from "../state/shop";
import { shipmentStatus, transferStatus } from "../state/webhook-payloads";
import { connection, matches, parseSearch, type ConnectionArgs } from "./connection";
import { variantView } from "./products";
import { locationView } from "./shop-locations";

export function inventoryItemView(shop: SandboxShop, item: InventoryItemRecord) {
  const variant = () => variantView(shop, shop.variants.get(item.variantId)!);
  return {
    __typename: "InventoryItem",
    id: gid("InventoryItem", item.id),
    legacyResourceId: String(item.id),
    tracked: item.tracked,
    sku: () => shop.variants.get(item.variantId)?.sku ?? null,
    requiresShipping: true,
    unitCost: item.unitCost === null ? null : { amount: item.unitCost, currencyCode: shop.currencyCode },
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    variant,
    variants: (args: ConnectionArgs) => connection([variant()], args, (v) => v.id),
    inventoryLevel: (args: { locationId: string }) => {
      const locationId = Number(/(\d+)$/.exec(args.locationId)?.[1]);
      const level = shop.level(item.id, locationId);
      return level ? inventoryLevelView(shop, level) : null;
    },
    inventoryLevels: (args: ConnectionArgs) => connection(shop.levelsOfItem(item.id).map((l) => inventoryLevelView(shop, l)), args, (l) => l.id),
    locationsCount: () => ({ count: shop.levelsOfItem(item.id).length, precision: "EXACT" }),
  };
}

const QUANTITY_NAMES = ["available", "on_hand", "committed", "incoming", "reserved", "damaged", "quality_control", "safety_stock"] as const;

export function inventoryLevelView(shop: SandboxShop, level: LevelRecord) {
  const id = inventoryLevelGid(level.locationId, level.itemId);
  const quantity = (name: string): number => {
    switch (name) {
      case "available": return availableOf(level);
      case "on_hand": return level.onHand;
      case "committed": return level.committed;
      case "incoming": return level.incoming;
      case "reserved": return level.reserved;
      default: return 0;
    }
  };
  return {
    __typename: "InventoryLevel",
    id,
    isActive: true,
    canDeactivate: level.committed === 0,
    createdAt: level.createdAt,
    updatedAt: level.updatedAt,
    item: () => inventoryItemView(shop, shop.items.get(level.itemId)!),
    location: () => locationView(shop, shop.locations.get(level.locationId)!),
    quantities: (args: { names: string[] }) =>
      args.names.map((name) => {
        if (!(QUANTITY_NAMES as readonly string[]).includes(name)) throw new Error(`Invalid quantity name: ${name}`);
        return { __typename: "InventoryQuantity", id: `gid://shopify/InventoryQuantity/${level.locationId}?inventory_item_id=${level.itemId}&name=${name}`, name, quantity: quantity(name), updatedAt: level.updatedAt };
      }),
  };
}

export function shipmentView(shop: SandboxShop, shipment: ShipmentRecord) {
  const lineItem = {
    __typename: "InventoryShipmentLineItem",
    id: gid("InventoryShipmentLineItem", shipment.lineItemId),
    quantity: shipment.quantity,
    acceptedQuantity: shipment.received,
    rejectedQuantity: 0,
    unreceivedQuantity: shipment.quantity - shipment.received,
    inventoryItem: () => inventoryItemView(shop, shop.items.get(shipment.itemId)!),
  };
  const status = shipmentStatus(shipment);
  return {
    __typename: "InventoryShipment",
    id: gid("InventoryShipment", shipment.id),
    name: `#S${shipment.id % 100000}`,
    status,
    dateCreated: shipment.createdAt,
    dateShipped: shipment.createdAt,
    dateReceived: shipment.received >= shipment.quantity ? shipment.arrivesAt : null,
    lineItemTotalQuantity: shipment.quantity,
    totalAcceptedQuantity: shipment.received,
    totalReceivedQuantity: shipment.received,
    totalRejectedQuantity: 0,
    tracking: { arrivesAt: shipment.arrivesAt, company: null, trackingNumber: null, trackingUrl: null },
    lineItems: (args: ConnectionArgs) => connection([lineItem], args, (l) => l.id),
    lineItemsCount: () => ({ count: 1, precision: "EXACT" }),
  };
}

export function transferView(shop: SandboxShop, shipment: ShipmentRecord) {
  const location = shop.locations.get(shipment.locationId)!;
  const snapshot = { name: location.name, location: () => locationView(shop, location), snapshottedAt: shipment.createdAt, address: () => { throw new Error("Sandbox does not implement LocationSnapshot.address"); } };
  return {
    __typename: "InventoryTransfer",
    id: gid("InventoryTransfer", shipment.transferId),
    name: `#T${shipment.transferId % 100000}`,
    status: transferStatus(shipment),
    dateCreated: shipment.createdAt,
    destination: snapshot,
    origin: null,
    note: null,
    tags: [],
    totalQuantity: shipment.quantity,
    receivedQuantity: shipment.received,
    hasTimelineComment: false,
    lineItems: (args: ConnectionArgs) => connection([{
      __typename: "InventoryTransferLineItem",
      id: gid("InventoryTransferLineItem", shipment.lineItemId),
      totalQuantity: shipment.quantity,
      shippedQuantity: shipment.quantity,
      pickedForShipmentQuantity: 0,
      processableQuantity: shipment.canceled ? 0 : shipment.quantity - shipment.received,
      shippableQuantity: 0,
      title: shop.variants.get(shop.items.get(shipment.itemId)!.variantId)?.sku ?? null,
      inventoryItem: () => inventoryItemView(shop, shop.items.get(shipment.itemId)!),
    }], args, (l) => l.id),
    shipments: (args: ConnectionArgs) => connection([shipmentView(shop, shipment)], args, (s) => s.id),
  };
}

/** Shipments, filtered by `status:` and `arrives_at:` (a sandbox convenience; Shopify ignores unknown filters). */
export function shipmentsList(shop: SandboxShop, query: string | null | undefined): ShipmentRecord[] {
  const terms = parseSearch(query);
  return [...shop.shipments.values()].filter((s) =>
    matches(s, terms, {
      status: shipmentStatus,
      arrives_at: (x) => x.arrivesAt,
      id: (x) => x.id,
    }, (x) => String(x.id)),
  );
}

/** Transfers, filtered by `status:` (InventoryTransferStatus) and `destination_id:`. */
export function transfersList(shop: SandboxShop, query: string | null | undefined): ShipmentRecord[] {
  const terms = parseSearch(query);
  return [...shop.shipments.values()].filter((s) => matches(s, terms, { status: transferStatus, destination_id: (x) => x.locationId, id: (x) => x.transferId }, (x) => String(x.transferId)));
}
