/** The titles of chosen products, for the Settings page (the shop keeps only their ids). */
export const PRODUCT_TITLES_QUERY = `#graphql
  query ProductTitles($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on Product {
        id
        title
      }
    }
  }
` as const;
