import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import { STOCK_OVERVIEW_QUERY } from "../graphql/stock-overview";

export interface StockOverview {
  shopName: string;
  shopDomain: string;
  currencyCode: string;
  locations: { id: string; name: string }[];
  outOfStock: {
    id: string;
    productTitle: string;
    variantTitle: string;
    sku: string;
    available: number;
    inventoryPolicy: "CONTINUE" | "DENY";
  }[];
}

/** Reads the shop's stock picture from the Admin API (tracked variants only). */
export async function loadStockOverview(graphql: AdminApiContext["graphql"]): Promise<StockOverview> {
  const response = await graphql(STOCK_OVERVIEW_QUERY);
  const { data } = await response.json();
  if (!data) throw new Error("StockOverview returned no data");
  return {
    shopName: data.shop.name,
    shopDomain: data.shop.myshopifyDomain,
    currencyCode: data.shop.currencyCode,
    locations: data.locations.nodes,
    outOfStock: data.productVariants.nodes
      .filter((variant) => variant.inventoryItem.tracked)
      .map((variant) => ({
        id: variant.id,
        productTitle: variant.product.title,
        variantTitle: variant.title,
        sku: variant.sku ?? "",
        available: variant.inventoryQuantity ?? 0,
        inventoryPolicy: variant.inventoryPolicy,
      })),
  };
}
