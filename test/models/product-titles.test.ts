import { describe, expect, it } from "vitest";
import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import { loadProductTitles } from "../../app/models/product-titles.server";

/** A stand-in for the library's `admin.graphql` that answers `nodes` as Shopify does: null for unknown ids. */
function fakeGraphql(products: Record<string, string>) {
  const calls: { ids: string[] }[] = [];
  const graphql = (async (_query: string, options?: { variables?: { ids: string[] } }) => {
    const ids = options?.variables?.ids ?? [];
    calls.push({ ids });
    const nodes = ids.map((id) => (id in products ? { id, title: products[id] } : id.includes("/Product/") ? null : {}));
    return new Response(JSON.stringify({ data: { nodes } }));
  }) as unknown as AdminApiContext["graphql"];
  return { graphql, calls };
}

describe("loadProductTitles", () => {
  it("reads every title in one request, in the order given", async () => {
    const { graphql, calls } = fakeGraphql({ "gid://shopify/Product/2": "Tent", "gid://shopify/Product/1": "Lamp" });
    await expect(loadProductTitles(graphql, ["gid://shopify/Product/1", "gid://shopify/Product/2"])).resolves.toEqual([
      { id: "gid://shopify/Product/1", title: "Lamp" },
      { id: "gid://shopify/Product/2", title: "Tent" },
    ]);
    expect(calls).toEqual([{ ids: ["gid://shopify/Product/1", "gid://shopify/Product/2"] }]);
  });

  it("gives no title for a product no longer in the shop, or an id of another type", async () => {
    const { graphql } = fakeGraphql({ "gid://shopify/Product/1": "Lamp" });
    await expect(loadProductTitles(graphql, ["gid://shopify/Product/9", "gid://shopify/Collection/1", "gid://shopify/Product/1"])).resolves.toEqual([
      { id: "gid://shopify/Product/9", title: null },
      { id: "gid://shopify/Collection/1", title: null },
      { id: "gid://shopify/Product/1", title: "Lamp" },
    ]);
  });

  it("asks Shopify nothing when no product is chosen", async () => {
    const { graphql, calls } = fakeGraphql({});
    await expect(loadProductTitles(graphql, [])).resolves.toEqual([]);
    expect(calls).toEqual([]);
  });
});
