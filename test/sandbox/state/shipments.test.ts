import { describe, expect, it } from "vitest";
import type { ShopEvent } from "./contract";
import { ShopUserError } from "./errors";
import { SandboxShop } from "./shop";

function shopWithShipment() {
  const shop = new SandboxShop({ now: () => Date.parse("2026-11-20T12:00:00Z") });
  const main = shop.addLocation("Main warehouse");
  const { variantIds } = shop.addProduct({ title: "Wool Beanie", vendor: "Northwind", productType: "Accessories", variants: [{ title: "Black", sku: "BEANIE-BLK", price: "29.00", inventoryPolicy: "CONTINUE", stock: { [main]: 0 } }] });
  const variantId = variantIds[0]!;
  const events: ShopEvent[] = [];
  shop.onEvent((event) => events.push(event));
  const { shipmentId, transferId } = shop.receiveIncoming({ variantId, locationId: main, quantity: 10, arrivesAt: "2026-12-01" });
  const level = () => shop.snapshot().variants[0]!.levels.find((l) => l.locationId === main)!;
  const topics = () => events.map((event) => event.topic).filter((topic) => topic.startsWith("inventory_"));
  return { shop, shipmentId, transferId, level, events, topics };
}

describe("inventory transfers and shipments", () => {
  it("sends a shipment created in transit with its transfer's id, and moves its arrival on a tracking change", () => {
    const s = shopWithShipment();
    expect(s.topics()).toEqual(["inventory_shipments/create", "inventory_shipments/mark_in_transit"]);
    expect(s.events.at(-1)!.payload).toMatchObject({ admin_graphql_api_id: s.shipmentId, status: "IN_TRANSIT", inventory_transfer_id: Number(s.transferId.split("/").pop()) });
    s.shop.setShipmentArrival(s.shipmentId, "2026-12-08");
    expect(s.topics().at(-1)).toBe("inventory_shipments/update_tracking");
    expect(s.shop.shipments.get(Number(s.shipmentId.split("/").pop()))!.arrivesAt).toBe("2026-12-08T00:00:00.000Z");
  });

  it("receives partly, then the rest: available up and incoming down by what was accepted, the transfer complete at the end", () => {
    const s = shopWithShipment();
    s.shop.receiveShipment(s.shipmentId, 4);
    expect(s.level()).toMatchObject({ incoming: 6, available: 4 });
    expect(s.events.at(-1)).toMatchObject({ topic: "inventory_shipments/receive_items", payload: { status: "PARTIALLY_RECEIVED" } });
    s.shop.receiveShipment(s.shipmentId);
    expect(s.level()).toMatchObject({ incoming: 0, available: 10 });
    expect(s.topics().slice(-2)).toEqual(["inventory_shipments/receive_items", "inventory_transfers/complete"]);
    expect(() => s.shop.receiveShipment(s.shipmentId, 1)).toThrow(ShopUserError);
  });

  it("cancels a transfer in transit: its unreceived units stop being incoming, once", () => {
    const s = shopWithShipment();
    s.shop.receiveShipment(s.shipmentId, 3);
    s.shop.cancelTransfer(s.transferId);
    expect(s.level()).toMatchObject({ incoming: 0, available: 3 });
    expect(s.events.at(-1)).toMatchObject({ topic: "inventory_transfers/cancel", payload: { status: "CANCELED" } });
    const count = s.events.length;
    s.shop.cancelTransfer(s.transferId);
    expect(s.events).toHaveLength(count);
    expect(() => s.shop.setShipmentArrival(s.shipmentId, "2026-12-09")).toThrow(ShopUserError);
  });
});
