import { beforeEach, describe, expect, it } from "vitest";
import { STOCK_OVERVIEW_QUERY } from "../../../app/graphql/stock-overview";
import { seedDemoShop } from "../state/seed";
import { SandboxShop } from "../state/shop";
import { createAdminApi } from "./execute";

let clock = Date.parse("2026-11-20T12:00:00Z");
let shop: SandboxShop;
let api: ReturnType<typeof createAdminApi>;
type Body = { data?: any; errors?: any[]; extensions?: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
const run = async (query: string, variables?: Record<string, unknown>) => (await api.execute({ query, variables })).body as Body;

beforeEach(() => {
  clock = Date.parse("2026-11-20T12:00:00Z");
  shop = new SandboxShop({ now: () => clock });
  seedDemoShop(shop);
  api = createAdminApi(shop);
});

describe("queries", () => {
  it("rejects an unknown field like Shopify, without data", async () => {
    const body = await run("{ shop { name bogus } }");
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]).toMatchObject({ message: "Field 'bogus' doesn't exist on type 'Shop'", extensions: { code: "undefinedField" } });
  });

  it("answers the app's stock overview from the state", async () => {
    const body = await run(STOCK_OVERVIEW_QUERY);
    expect(body.errors).toBeUndefined();
    expect(body.data.shop.myshopifyDomain).toBe(shop.domain);
    expect(body.data.locations.nodes).toHaveLength(3);
  });

  it("filters variants by a search query", async () => {
    const body = await run(`{ productVariants(first: 50, query: "inventory_quantity:<1") { nodes { id inventoryQuantity } } }`);
    expect(body.errors).toBeUndefined();
    const out = body.data.productVariants.nodes;
    expect(out.length).toBeGreaterThanOrEqual(8);
    expect(out.every((v: { inventoryQuantity: number }) => v.inventoryQuantity < 1)).toBe(true);
  });

  it("paginates with cursors", async () => {
    const q = "query($after: String) { products(first: 10, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }";
    const ids: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page += 1) {
      const body = await run(q, { after });
      ids.push(...body.data.products.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!body.data.products.pageInfo.hasNextPage) break;
      after = body.data.products.pageInfo.endCursor;
    }
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
  });

  it("exposes incoming quantities and expected arrival dates", async () => {
    const body = await run(`{ inventoryShipments(first: 5) { nodes { status tracking { arrivesAt } lineItems(first: 1) { nodes { unreceivedQuantity inventoryItem { inventoryLevels(first: 3) { nodes { quantities(names: ["incoming", "available"]) { name quantity } } } } } } } } }`);
    expect(body.errors).toBeUndefined();
    const shipment = body.data.inventoryShipments.nodes[0];
    expect(shipment.status).toBe("IN_TRANSIT");
    expect(Date.parse(shipment.tracking.arrivesAt)).toBeGreaterThan(clock);
    const quantities = shipment.lineItems.nodes[0].inventoryItem.inventoryLevels.nodes.flatMap((n: { quantities: unknown[] }) => n.quantities);
    expect(quantities).toContainEqual({ name: "incoming", quantity: shipment.lineItems.nodes[0].unreceivedQuantity });
  });
});

describe("mutations", () => {
  it("holds a fulfillment order and reports a duplicate handle as a userError", async () => {
    const variant = shop.snapshot().variants.find((v) => v.levels.some((l) => l.available > 2))!;
    shop.placeOrder({ customer: { email: "x@example.com" }, lines: [{ variantId: variant.id, quantity: 1 }] });
    const orders = await run(`{ orders(first: 1, reverse: true, query: "status:open") { nodes { name fulfillmentOrders(first: 5) { nodes { id status } } } } }`);
    const foId = orders.data.orders.nodes[0].fulfillmentOrders.nodes[0].id;
    const hold = `mutation($id: ID!) { fulfillmentOrderHold(id: $id, fulfillmentHold: { reason: INVENTORY_OUT_OF_STOCK, handle: "bo" }) { fulfillmentOrder { status fulfillmentHolds { handle } } userErrors { field message code } } }`;
    const first = await run(hold, { id: foId });
    expect(first.data.fulfillmentOrderHold).toMatchObject({ fulfillmentOrder: { status: "ON_HOLD", fulfillmentHolds: [{ handle: "bo" }] }, userErrors: [] });
    const second = await run(hold, { id: foId });
    expect(second.data.fulfillmentOrderHold.userErrors[0].code).toBe("DUPLICATE_FULFILLMENT_HOLD_HANDLE");
  });

  it("metafieldsSet honours compareDigest", async () => {
    const owner = shop.snapshot().variants[0]!.id;
    const set = `mutation($m: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $m) { metafields { value compareDigest } userErrors { code } } }`;
    const first = await run(set, { m: [{ ownerId: owner, namespace: "backorder", key: "eta", type: "single_line_text_field", value: "a" }] });
    const digest = first.data.metafieldsSet.metafields[0].compareDigest;
    const ok = await run(set, { m: [{ ownerId: owner, namespace: "backorder", key: "eta", value: "b", compareDigest: digest }] });
    expect(ok.data.metafieldsSet.metafields[0].value).toBe("b");
    const stale = await run(set, { m: [{ ownerId: owner, namespace: "backorder", key: "eta", value: "c", compareDigest: digest }] });
    expect(stale.data.metafieldsSet).toMatchObject({ metafields: null, userErrors: [{ code: "STALE_OBJECT" }] });
  });

  it("inventorySetQuantities changes available and emits inventory_levels/update", async () => {
    const events: string[] = [];
    shop.onEvent((e) => events.push(e.topic));
    const v = shop.snapshot().variants[0]!;
    const itemId = `gid://shopify/InventoryItem/${shop.variantOrThrow(v.id).inventoryItemId}`;
    const body = await run(`mutation($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) { inventoryAdjustmentGroup { changes { name delta quantityAfterChange } } userErrors { code } } }`, {
      input: { name: "available", reason: "correction", quantities: [{ inventoryItemId: itemId, locationId: v.levels[0]!.locationId, quantity: 77, changeFromQuantity: null }] },
    });
    expect(body.data.inventorySetQuantities.userErrors).toEqual([]);
    expect(shop.snapshot().variants[0]!.levels[0]!.available).toBe(77);
    expect(events).toContain("inventory_levels/update");
  });
});

describe("cost and throttling", () => {
  it("computes requested and actual cost", async () => {
    const body = await run("{ products(first: 10) { nodes { id title variants(first: 5) { nodes { id sku } } } } }");
    // 2 + 10 × (1 product + (2 + 5 × 1 variant)) = 82
    expect(body.extensions.cost.requestedQueryCost).toBe(82);
    expect(body.extensions.cost.actualQueryCost).toBeLessThanOrEqual(82);
    expect(body.extensions.cost.throttleStatus).toMatchObject({ maximumAvailable: 2000, restoreRate: 100 });
  });

  it("throttles when the bucket is empty and recovers after the restore time", async () => {
    api.setThrottle({ maximumAvailable: 100, restoreRate: 10 });
    const q = "{ products(first: 30) { nodes { id } } }"; // requested 32
    for (let i = 0; i < 3; i += 1) expect((await run(q)).errors).toBeUndefined();
    const throttled = await run(q);
    expect(throttled.errors?.[0]).toMatchObject({ message: "Throttled", extensions: { code: "THROTTLED" } });
    clock += 3_000; // +30 points
    expect((await run(q)).errors).toBeUndefined();
  });

  it("refuses a single query over 1000 points", async () => {
    const body = await run("{ products(first: 250) { nodes { variants(first: 250) { nodes { id } } } } }");
    expect(body.errors?.[0].extensions.code).toBe("MAX_COST_EXCEEDED");
  });

  it("failNext answers 503", async () => {
    api.failNext(1);
    expect((await api.execute({ query: "{ shop { name } }" })).status).toBe(503);
    expect((await api.execute({ query: "{ shop { name } }" })).status).toBe(200);
  });
});
