/** What Shopify lets the app read: orders within 60 days without read_all_orders, customer fields only with approval. */
import { beforeEach, describe, expect, it } from "vitest";
import { SandboxShop } from "../state/shop";
import { createAdminApi } from "./execute";

const DAY = 86_400_000;
const now = Date.parse("2026-11-20T12:00:00Z");
let shop: SandboxShop;
let api: ReturnType<typeof createAdminApi>;
let oldOrder: string;
let recentOrder: string;
type Body = { data?: any; errors?: any[] }; // eslint-disable-line @typescript-eslint/no-explicit-any
const run = async (query: string, variables?: Record<string, unknown>) => (await api.execute({ query, variables })).body as Body;

beforeEach(() => {
  shop = new SandboxShop({ now: () => now });
  const location = shop.addLocation("Warehouse");
  const variant = shop.addProduct({ title: "Chair", vendor: "V", productType: "Gear", variants: [{ title: "Default Title", sku: "CHAIR", price: "10.00", inventoryPolicy: "CONTINUE", stock: { [location]: 5 } }] }).variantIds[0]!;
  const customer = { email: "ada@example.com", firstName: "Ada", lastName: "Lovelace" };
  oldOrder = shop.placeOrder({ customer, lines: [{ variantId: variant, quantity: 1 }], createdAt: new Date(now - 61 * DAY).toISOString() }).orderId;
  recentOrder = shop.placeOrder({ customer, lines: [{ variantId: variant, quantity: 1 }], createdAt: new Date(now - 59 * DAY).toISOString() }).orderId;
  api = createAdminApi(shop);
});

describe("the 60-day order window", () => {
  it("hides older orders from order, orders and nodes without read_all_orders", async () => {
    shop.appAccess.grantedScopes = () => ["read_orders"];
    const body = await run(`query($old: ID!, $ids: [ID!]!) { order(id: $old) { id } orders(first: 10) { nodes { id } } nodes(ids: $ids) { id } }`, { old: oldOrder, ids: [oldOrder, recentOrder] });
    expect(body.errors).toBeUndefined();
    expect(body.data.order).toBeNull();
    expect(body.data.orders.nodes.map((o: { id: string }) => o.id)).toEqual([recentOrder]);
    expect(body.data.nodes).toEqual([null, { id: recentOrder }]);
  });

  it("shows them with read_all_orders, and lists granted scopes on the installation", async () => {
    shop.appAccess.grantedScopes = () => ["read_orders", "read_all_orders"];
    const body = await run(`query($old: ID!) { order(id: $old) { id } currentAppInstallation { accessScopes { handle } } }`, { old: oldOrder });
    expect(body.data.order).toEqual({ id: oldOrder });
    expect(body.data.currentAppInstallation.accessScopes).toEqual([{ handle: "read_orders" }, { handle: "read_all_orders" }]);
  });

  it("hides their fulfillment orders too, and refuses to hold them", async () => {
    shop.appAccess.grantedScopes = () => ["read_orders"];
    shop.routing.routeAll();
    const foOf = (orderId: string) => `gid://shopify/FulfillmentOrder/${[...shop.fulfillmentOrders.values()].find((fo) => `gid://shopify/Order/${fo.orderId}` === orderId)!.id}`;
    const [oldFo, recentFo] = [foOf(oldOrder), foOf(recentOrder)];
    const read = await run(`query($old: ID!, $recent: ID!) { old: fulfillmentOrder(id: $old) { id } recent: fulfillmentOrder(id: $recent) { id } }`, { old: oldFo, recent: recentFo });
    expect(read.data).toEqual({ old: null, recent: { id: recentFo } });
    const hold = `mutation($id: ID!) { fulfillmentOrderHold(id: $id, fulfillmentHold: { reason: INVENTORY_OUT_OF_STOCK, handle: "bo" }) { fulfillmentOrder { id } userErrors { code } } }`;
    expect((await run(hold, { id: oldFo })).data.fulfillmentOrderHold).toEqual({ fulfillmentOrder: null, userErrors: [{ code: "FULFILLMENT_ORDER_NOT_FOUND" }] });
    expect((await run(hold, { id: recentFo })).data.fulfillmentOrderHold.userErrors).toEqual([]);
  });

  it("refuses writes to them: metafields and tags", async () => {
    shop.appAccess.grantedScopes = () => ["read_orders"];
    const setDate = `mutation($owner: ID!) { metafieldsSet(metafields: [{ ownerId: $owner, namespace: "$app:backorder", key: "ships_on", type: "date", value: "2026-12-01" }]) { metafields { id } userErrors { field code } } }`;
    expect((await run(setDate, { owner: oldOrder })).data.metafieldsSet).toEqual({ metafields: null, userErrors: [{ field: ["metafields", "0", "ownerId"], code: "INVALID" }] });
    expect((await run(setDate, { owner: recentOrder })).data.metafieldsSet.userErrors).toEqual([]);
    const tag = `mutation($id: ID!) { tagsAdd(id: $id, tags: ["backorder"]) { node { id } userErrors { field } } }`;
    expect((await run(tag, { id: oldOrder })).data.tagsAdd).toEqual({ node: null, userErrors: [{ field: ["id"] }] });
  });
});

describe("protected customer data", () => {
  it("refuses email and customer with an error each, the rest of the order readable", async () => {
    shop.appAccess.customerData = "refused";
    const body = await run(`query($id: ID!) { order(id: $id) { name email customer { displayName } } }`, { id: recentOrder });
    expect(body.data.order).toEqual({ name: expect.any(String), email: null, customer: null });
    expect(body.errors?.map((e: { path: string[]; extensions: { code: string } }) => [e.path.join("."), e.extensions.code])).toEqual([
      ["order.email", "ACCESS_DENIED"],
      ["order.customer", "ACCESS_DENIED"],
    ]);
  });

  it("sends order webhooks without the customer's name and email", () => {
    shop.appAccess.customerData = "refused";
    const payload = shop.orderPayload(shop.orderOrThrow(recentOrder)) as { email: unknown; customer: Record<string, unknown> };
    expect(payload.email).toBeNull();
    expect(payload.customer).toMatchObject({ email: null, first_name: null, last_name: null });
    expect(JSON.stringify(payload)).not.toContain("ada@example.com");
  });
});
