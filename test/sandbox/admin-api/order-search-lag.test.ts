/** Order search lags writes while a read by id is current (state/order-search-index.ts). */
import { describe, expect, it } from "vitest";
import { SandboxShop } from "../state/shop";
import { createAdminApi } from "./execute";

type Body = { data?: any; errors?: any[] }; // eslint-disable-line @typescript-eslint/no-explicit-any

function shopWithOneVariant() {
  // Far longer than the test: nothing reaches search unless the lag is lowered.
  const shop = new SandboxShop({ searchLagMs: 60_000 });
  const warehouse = shop.addLocation("Warehouse");
  const variantId = shop.addProduct({ title: "Lamp", vendor: "V", productType: "Gear", variants: [{ title: "Default Title", sku: "LAMP", price: "5.00", inventoryPolicy: "CONTINUE", stock: { [warehouse]: 0 } }] }).variantIds[0]!;
  const api = createAdminApi(shop);
  const run = async (query: string) => (await api.execute({ query })).body as Body;
  return { shop, variantId, run };
}

const SEARCH = `{ orders(first: 10, query: "status:open sku:LAMP") { nodes { id tags } } }`;

describe("order search", () => {
  it("does not show a new order until the lag has passed; order(id:) shows it at once", async () => {
    const { shop, variantId, run } = shopWithOneVariant();
    const { orderId } = shop.placeOrder({ customer: { email: "a@example.com" }, lines: [{ variantId, quantity: 1 }] });
    expect((await run(SEARCH)).data.orders.nodes).toEqual([]);
    expect((await run(`{ order(id: "${orderId}") { id } }`)).data.order).toEqual({ id: orderId });
    shop.orderSearch.lagMs = 0;
    expect((await run(SEARCH)).data.orders.nodes).toEqual([{ id: orderId, tags: [] }]);
  });

  it("matches on what the index saw, and answers with the order as it is now", { timeout: 10_000 }, async () => {
    const { shop, variantId, run } = shopWithOneVariant();
    shop.orderSearch.lagMs = 1_000;
    const { orderId } = shop.placeOrder({ customer: { email: "a@example.com" }, lines: [{ variantId, quantity: 1 }] });
    while ((await run(SEARCH)).data.orders.nodes.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    shop.cancelOrder(orderId);
    // Cancelled, but search still has it as open: its node says it is cancelled.
    const [node] = (await run(`{ orders(first: 10, query: "status:open sku:LAMP") { nodes { id cancelledAt } } }`)).data.orders.nodes;
    expect(node.id).toBe(orderId);
    expect(node.cancelledAt).not.toBeNull();
  });
});
