import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import { STOCK_OVERVIEW_QUERY } from "../graphql/stock-overview";

export interface StockOverview {
  shopName: string;
  shopDomain: string;
  currencyCode: string;
  locations: { id: string; name: string }[];
}

/** Reads the shop's name, currency and locations from the Admin API. */
export async function loadStockOverview(graphql: AdminApiContext["graphql"]): Promise<StockOverview> {
  const response = await graphql(STOCK_OVERVIEW_QUERY);
  const { data } = await response.json();
  if (!data) throw new Error("StockOverview returned no data");
  return {
    shopName: data.shop.name,
    shopDomain: data.shop.myshopifyDomain,
    currencyCode: data.shop.currencyCode,
    locations: data.locations.nodes,
  };
}
