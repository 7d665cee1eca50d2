import { beforeEach, describe, expect, it } from "vitest";
import { TRANSFER_SUPPLY_QUERY, TRANSFERS_IN_PROGRESS_QUERY } from "../../../app/graphql/supply";
import { SandboxShop } from "../state/shop";
import { createAdminApi } from "./execute";

type Body = { data?: any; errors?: any[] }; // eslint-disable-line @typescript-eslint/no-explicit-any
let shop: SandboxShop;
let api: ReturnType<typeof createAdminApi>;
let shipmentId: string;
let transferId: string;
let variantId: string;
const run = async (query: string, variables?: Record<string, unknown>) => (await api.execute({ query, variables })).body as Body;

beforeEach(() => {
  shop = new SandboxShop({ now: () => Date.parse("2026-11-20T12:00:00Z") });
  const main = shop.addLocation("Main warehouse");
  variantId = shop.addProduct({ title: "Wool Beanie", vendor: "Northwind", productType: "Accessories", variants: [{ title: "Black", sku: "BEANIE-BLK", price: "29.00", inventoryPolicy: "CONTINUE", stock: { [main]: 0 } }] }).variantIds[0]!;
  ({ shipmentId, transferId } = shop.receiveIncoming({ variantId, locationId: main, quantity: 10, arrivesAt: "2026-12-01" }));
  api = createAdminApi(shop);
});

describe("transfers and shipments through the Admin API", () => {
  it("answers the app's supply reads: destination, status, arrival and unreceived units per variant", async () => {
    const body = await run(TRANSFER_SUPPLY_QUERY, { id: transferId });
    expect(body.errors).toBeUndefined();
    expect(body.data.inventoryTransfer).toMatchObject({ status: "IN_PROGRESS", shipments: { nodes: [{ id: shipmentId, status: "IN_TRANSIT", tracking: { arrivesAt: "2026-12-01T00:00:00.000Z" }, lineItems: { nodes: [{ unreceivedQuantity: 10, inventoryItem: { variant: { id: variantId } } }] } }] } });
    const page = await run(TRANSFERS_IN_PROGRESS_QUERY, { after: null });
    expect(page.data.inventoryTransfers.nodes.map((node: { id: string }) => node.id)).toEqual([transferId]);
  });

  it("moves the arrival, receives part, and cancels, answering userErrors as Shopify does", async () => {
    const tracking = await run(`mutation($id: ID!) { inventoryShipmentSetTracking(id: $id, tracking: { arrivesAt: "2026-12-09T00:00:00Z" }) { inventoryShipment { tracking { arrivesAt } } userErrors { code } } }`, { id: shipmentId });
    expect(tracking.data.inventoryShipmentSetTracking).toEqual({ inventoryShipment: { tracking: { arrivesAt: "2026-12-09T00:00:00.000Z" } }, userErrors: [] });
    const lineId = (await run(`query($id: ID!) { inventoryShipment(id: $id) { lineItems(first: 1) { nodes { id } } } }`, { id: shipmentId })).data.inventoryShipment.lineItems.nodes[0].id;
    const receive = `mutation($id: ID!, $line: ID!, $quantity: Int!) { inventoryShipmentReceive(id: $id, lineItems: [{ shipmentLineItemId: $line, quantity: $quantity, reason: ACCEPTED }]) { inventoryShipment { status totalReceivedQuantity } userErrors { code } } }`;
    expect((await run(receive, { id: shipmentId, line: lineId, quantity: 4 })).data.inventoryShipmentReceive).toEqual({ inventoryShipment: { status: "PARTIALLY_RECEIVED", totalReceivedQuantity: 4 }, userErrors: [] });
    expect((await run(receive, { id: shipmentId, line: lineId, quantity: 7 })).data.inventoryShipmentReceive.userErrors).toEqual([{ code: "INVALID_QUANTITY" }]);
    const cancel = await run(`mutation($id: ID!) { inventoryTransferCancel(id: $id) { inventoryTransfer { status } userErrors { code } } }`, { id: transferId });
    expect(cancel.data.inventoryTransferCancel).toEqual({ inventoryTransfer: { status: "CANCELED" }, userErrors: [] });
    expect(shop.snapshot().variants[0]!.levels[0]).toMatchObject({ incoming: 0, available: 4 });
  });
});
