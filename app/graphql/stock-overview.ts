/** The admin home's first look at the shop: who it is, where stock lives, what is out. */
export const STOCK_OVERVIEW_QUERY = `#graphql
  query StockOverview {
    shop {
      name
      myshopifyDomain
      currencyCode
    }
    locations(first: 20) {
      nodes {
        id
        name
      }
    }
    productVariants(first: 50, query: "inventory_quantity:<1") {
      nodes {
        id
        title
        sku
        inventoryQuantity
        inventoryPolicy
        product {
          id
          title
        }
        inventoryItem {
          tracked
        }
      }
    }
  }
` as const;
