/** Titles for product ids the shop settings keep, read from Shopify so they are never stale. */
import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import { PRODUCT_TITLES_QUERY } from "../graphql/products";

export interface ChosenProduct {
  id: string;
  /** Null when the product is no longer in the shop. */
  title: string | null;
}

/** One request for up to 250 ids (Shopify's limit for `nodes`, and the Settings page's); in the order given. */
export async function loadProductTitles(graphql: AdminApiContext["graphql"], ids: readonly string[]): Promise<ChosenProduct[]> {
  if (ids.length === 0) return [];
  const response = await graphql(PRODUCT_TITLES_QUERY, { variables: { ids: [...ids] } });
  const { data } = await response.json();
  if (!data) throw new Error("ProductTitles returned no data");
  const titles = new Map(data.nodes.flatMap((node) => (node && "title" in node ? [[node.id, node.title] as const] : [])));
  return ids.map((id) => ({ id, title: titles.get(id) ?? null }));
}
