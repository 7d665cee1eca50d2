/** Shipments on their way for the variant page, from what the supply sync stored (no Shopify read). */
import type { PrismaClient } from "@prisma/client";

export interface IncomingShipment {
  shipmentId: string;
  quantity: number;
  locationName: string | null;
  arrivesAt: string | null;
  status: "in_transit" | "partly_received";
}

export async function loadIncomingShipments(db: PrismaClient, shop: string, variantId: string): Promise<IncomingShipment[]> {
  const [lines, levels] = await Promise.all([
    db.supplyLine.findMany({ where: { shop, variantId, quantity: { gt: 0 }, status: { in: ["in_transit", "partly_received"] } }, orderBy: [{ arrivesAt: { sort: "asc", nulls: "last" } }, { shipmentId: "asc" }] }),
    db.variantLevel.findMany({ where: { shop, variantId }, select: { locationId: true, locationName: true } }),
  ]);
  const names = new Map(levels.map((level) => [level.locationId, level.locationName]));
  return lines.map((line) => ({
    shipmentId: line.shipmentId,
    quantity: line.quantity,
    locationName: names.get(line.locationId) ?? null,
    arrivesAt: line.arrivesAt?.slice(0, 10) ?? null,
    status: line.status as IncomingShipment["status"],
  }));
}
