/** The admin home's first look at the shop: who it is and where its stock lives. */
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
  }
` as const;
