/** The sandbox charges what Shopify charges (rate-limits#cost-calculation); figures worked out by hand. */
import { beforeEach, describe, expect, it } from "vitest";
import { seedDemoShop } from "../state/seed";
import { SandboxShop } from "../state/shop";
import { createAdminApi } from "./execute";
import { planBucket } from "./plans";

type Body = { data?: any; errors?: any[]; extensions?: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
let shop: SandboxShop;
let api: ReturnType<typeof createAdminApi>;
const clock = Date.parse("2026-11-20T12:00:00Z");
const run = async (query: string, variables?: Record<string, unknown>) => (await api.execute({ query, variables })).body as Body;

function placeOrders(count: number): string[] {
  const variant = shop.snapshot().variants.find((v) => v.levels.some((l) => l.available > count))!;
  return Array.from({ length: count }, (_, i) => shop.placeOrder({ customer: { email: `c${i}@example.com` }, lines: [{ variantId: variant.id, quantity: 1 }] }).orderId);
}

beforeEach(() => {
  shop = new SandboxShop({ now: () => clock });
  seedDemoShop(shop);
  api = createAdminApi(shop);
});

describe("requested cost", () => {
  it("charges nodes(ids:) one object per id", async () => {
    const ids = placeOrders(3);
    const body = await run("query($ids: [ID!]!) { nodes(ids: $ids) { ... on Order { id name } } }", { ids });
    expect(body.extensions.cost.requestedQueryCost).toBe(3);
  });

  it("charges a connection inside nodes(ids:) per id, and an interface the largest of its branches", async () => {
    const ids = placeOrders(2);
    // Order branch: 1 + (2 + 5 × 1) = 8; ProductVariant branch: 1 + 1 (product) = 2; per id the larger.
    const query = "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Order { fulfillmentOrders(first: 5) { nodes { id } } } ... on ProductVariant { product { id } } } }";
    const body = await run(query, { ids });
    expect(body.extensions.cost.requestedQueryCost).toBe(16);
    // Two fulfillment orders were returned in all: actual 2 × 1 + 2 × 2 + 2 = 8 at most, refunded down.
    expect(body.extensions.cost.actualQueryCost).toBeLessThan(16);
  });

  it("charges other list arguments per element", async () => {
    const item = shop.snapshot().variants[0]!;
    const query = `{ productVariant(id: "${item.id}") { inventoryItem { inventoryLevels(first: 2) { nodes { quantities(names: ["available", "committed", "incoming"]) { quantity } } } } } }`;
    // 1 variant + 1 item + (2 + 2 × (1 level + 3 quantities)) = 12
    expect((await run(query)).extensions.cost.requestedQueryCost).toBe(12);
  });

  it("charges a mutation 10 plus the fields selected in its payload", async () => {
    const [orderId] = placeOrders(1);
    const bare = await run(`mutation { tagsAdd(id: "${orderId}", tags: ["a"]) { userErrors { message } } }`);
    // 10 + userErrors (an object list without a list argument: 1)
    expect(bare.extensions.cost.requestedQueryCost).toBe(11);
    const withNode = await run(`mutation { tagsAdd(id: "${orderId}", tags: ["b"]) { node { id } userErrors { message } } }`);
    expect(withNode.extensions.cost.requestedQueryCost).toBe(12);
    const two = await run(`mutation { a: tagsAdd(id: "${orderId}", tags: ["c"]) { userErrors { message } } b: tagsRemove(id: "${orderId}", tags: ["a"]) { userErrors { message } } }`);
    expect(two.extensions.cost.requestedQueryCost).toBe(22);
  });
});

describe("the bucket", () => {
  it("takes the requested cost and gives back the difference to the actual cost", async () => {
    const body = await run("{ locations(first: 100) { nodes { id } } }");
    const { requestedQueryCost, actualQueryCost, throttleStatus } = body.extensions.cost;
    expect(requestedQueryCost).toBe(102);
    expect(actualQueryCost).toBe(2 + shop.snapshot().locations.length);
    expect(throttleStatus.currentlyAvailable).toBe(2000 - actualQueryCost);
  });

  it("has each plan's restore rate and bucket", async () => {
    expect(planBucket("standard")).toEqual({ maximumAvailable: 2000, restoreRate: 100 });
    expect(planBucket("advanced")).toEqual({ maximumAvailable: 4000, restoreRate: 200 });
    expect(planBucket("plus")).toEqual({ maximumAvailable: 20000, restoreRate: 1000 });
    expect(planBucket("enterprise")).toEqual({ maximumAvailable: 40000, restoreRate: 2000 });
    api = createAdminApi(shop, { plan: "plus" });
    expect((await run("{ shop { id } }")).extensions.cost.throttleStatus).toMatchObject({ maximumAvailable: 20000, restoreRate: 1000 });
    api.setThrottle({ plan: "advanced" });
    expect((await run("{ shop { id } }")).extensions.cost.throttleStatus).toMatchObject({ maximumAvailable: 4000, restoreRate: 200 });
  });

  it("refuses an input array over 250 items, in a variable or written in the query", async () => {
    const ids = Array.from({ length: 251 }, (_, i) => `gid://shopify/Order/${i + 1}`);
    const fromVariable = await run("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", { ids });
    expect(fromVariable.data).toBeUndefined();
    expect(fromVariable.errors?.[0].extensions.code).toBe("MAX_INPUT_SIZE_EXCEEDED");
    const literal = await run(`{ nodes(ids: ${JSON.stringify(ids)}) { id } }`);
    expect(literal.errors?.[0].extensions.code).toBe("MAX_INPUT_SIZE_EXCEEDED");
    expect((await run("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", { ids: ids.slice(0, 250) })).errors).toBeUndefined();
  });

  it("refuses a query over 1,000 requested points however cheap its answer", async () => {
    const ids = Array.from({ length: 250 }, (_, i) => `gid://shopify/Order/${i + 1}`);
    const body = await run("query($ids: [ID!]!) { nodes(ids: $ids) { ... on Order { lineItems(first: 2) { nodes { id } } } } }", { ids });
    // 250 × (1 + 2 + 2) = 1,250
    expect(body.errors?.[0].extensions).toMatchObject({ code: "MAX_COST_EXCEEDED", cost: 1250 });
  });
});
