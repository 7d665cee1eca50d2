/**
 * inventoryShipmentSetTracking, inventoryShipmentReceive and inventoryTransferCancel at the
 * 2026-10 schema's shapes; the behaviour is test/sandbox/state/shipments.ts's.
 */
import { gid, idOf } from "../state/ids";
import { ShopUserError } from "../state/errors";
import { cancelTransfer, receiveShipment, setShipmentArrival } from "../state/shipments";
import type { SandboxShop } from "../state/shop";
import { shipmentView, transferView } from "./inventory";
import { guarded } from "./user-errors";

type Args = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- validated by the schema

export function shipmentMutations(shop: SandboxShop) {
  const shipment = (id: string) => shop.shipments.get(idOf(id, "InventoryShipment"))!;
  return {
    inventoryShipmentSetTracking: (args: Args) => guarded({ inventoryShipment: null }, () => {
      if (args.tracking?.arrivesAt) setShipmentArrival(shop, args.id, args.tracking.arrivesAt);
      return { inventoryShipment: shipmentView(shop, shipment(args.id)) };
    }),
    inventoryShipmentReceive: (args: Args) => guarded({ inventoryShipment: null }, () => {
      const lines = (args.lineItems ?? []) as Args[];
      const record = shop.shipments.get(idOf(args.id, "InventoryShipment"));
      if (!record) throw new ShopUserError("The shipment was not found.", ["id"], "SHIPMENT_NOT_FOUND");
      for (const line of lines) {
        if (line.shipmentLineItemId !== gid("InventoryShipmentLineItem", record.lineItemId)) throw new ShopUserError("The item was not found.", ["lineItems"], "ITEM_NOT_FOUND");
        // Rejected units count as received but add nothing to stock; the sandbox accepts every unit it is told of.
        receiveShipment(shop, args.id, line.quantity);
      }
      if (lines.length === 0) receiveShipment(shop, args.id);
      return { inventoryShipment: shipmentView(shop, record) };
    }),
    inventoryTransferCancel: (args: Args) => guarded({ inventoryTransfer: null }, () => {
      cancelTransfer(shop, args.id);
      const record = [...shop.shipments.values()].find((candidate) => candidate.transferId === idOf(args.id, "InventoryTransfer"))!;
      return { inventoryTransfer: transferView(shop, record) };
    }),
  };
}
