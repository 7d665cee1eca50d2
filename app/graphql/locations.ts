/** Which of a variant's locations sell online, for the variant page's stock table. */
export const LOCATIONS_SELLING_ONLINE_QUERY = `#graphql
  query LocationsSellingOnline($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on Location {
        id
        fulfillsOnlineOrders
      }
    }
  }
` as const;
