/**
 * The locations, among some, that do not fulfil online orders (a shop's own till): their stock is
 * not for sale online, and the variant page says so beside it. Read from Shopify when the page
 * loads; a failed read marks none, and the page still shows.
 */
import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import { LOCATIONS_SELLING_ONLINE_QUERY } from "../graphql/locations";

/** Shopify takes at most 250 ids in one `nodes` query; a variant is stocked at far fewer. */
const MAX_IDS = 250;

export async function locationsNotSellingOnline(graphql: AdminApiContext["graphql"], locationIds: readonly string[]): Promise<Set<string>> {
  if (locationIds.length === 0) return new Set();
  try {
    const response = await graphql(LOCATIONS_SELLING_ONLINE_QUERY, { variables: { ids: locationIds.slice(0, MAX_IDS) } });
    const { data } = await response.json();
    const nodes = data?.nodes ?? [];
    return new Set(nodes.flatMap((node) => (node && "fulfillsOnlineOrders" in node && node.fulfillsOnlineOrders === false ? [node.id] : [])));
  } catch {
    return new Set();
  }
}
