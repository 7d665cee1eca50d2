/** Open orders and their fulfillment orders: who took stock and who waits. */

/**
 * Newest open orders first: the back of the queue is where the waiting units
 * are. Page sizes are variables so a page stays under Shopify's 1,000-point
 * limit per query, and an order too big for a page is read again on its own
 * (`id:` query, one order, larger nested pages).
 */
export const OPEN_ORDERS_QUERY = `#graphql
  query OpenOrders($query: String!, $after: String, $first: Int!, $fulfillmentOrders: Int!, $lines: Int!) {
    orders(first: $first, after: $after, query: $query, sortKey: CREATED_AT, reverse: true) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        createdAt
        cancelledAt
        email
        customer {
          displayName
        }
        fulfillmentOrders(first: $fulfillmentOrders) {
          pageInfo {
            hasNextPage
          }
          nodes {
            id
            status
            assignedLocation {
              location {
                id
              }
            }
            lineItems(first: $lines) {
              pageInfo {
                hasNextPage
              }
              nodes {
                id
                remainingQuantity
                variant {
                  id
                }
                lineItem {
                  id
                }
              }
            }
          }
        }
      }
    }
  }
`;

/**
 * Orders read by id, with the fields of `OpenOrders`: orders Shopify announced that order search
 * does not show yet (search lags writes; a read by id is current).
 */
export const ORDERS_BY_ID_QUERY = `#graphql
  query OrdersById($ids: [ID!]!, $fulfillmentOrders: Int!, $lines: Int!) {
    nodes(ids: $ids) {
      ... on Order {
        id
        name
        createdAt
        cancelledAt
        email
        customer {
          displayName
        }
        fulfillmentOrders(first: $fulfillmentOrders) {
          pageInfo {
            hasNextPage
          }
          nodes {
            id
            status
            assignedLocation {
              location {
                id
              }
            }
            lineItems(first: $lines) {
              pageInfo {
                hasNextPage
              }
              nodes {
                id
                remainingQuantity
                variant {
                  id
                }
                lineItem {
                  id
                }
              }
            }
          }
        }
      }
    }
  }
`;

/** One order's fulfillment orders and holds, read before any hold is placed or released. */
export const ORDER_HOLDS_QUERY = `#graphql
  query OrderHolds($id: ID!) {
    order(id: $id) {
      id
      name
      tags
      cancelledAt
      shipsOn: metafield(namespace: "$app:backorder", key: "ships_on") {
        value
      }
      fulfillmentOrders(first: 5) {
        nodes {
          id
          status
          assignedLocation {
            location {
              id
            }
          }
          fulfillmentHolds {
            id
            handle
            heldByRequestingApp
          }
          lineItems(first: 20) {
            nodes {
              id
              remainingQuantity
              lineItem {
                id
              }
            }
          }
        }
      }
    }
  }
`;

/** Which variants an order touches, when a webhook names the order but not its lines. */
export const ORDER_VARIANTS_QUERY = `#graphql
  query OrderVariants($id: ID!) {
    order(id: $id) {
      lineItems(first: 100) {
        nodes {
          variant {
            id
          }
        }
      }
    }
  }
`;

export const FULFILLMENT_ORDER_VARIANTS_QUERY = `#graphql
  query FulfillmentOrderVariants($id: ID!) {
    fulfillmentOrder(id: $id) {
      lineItems(first: 50) {
        nodes {
          variant {
            id
          }
        }
      }
    }
  }
`;

/**
 * The line item properties of lines that just started waiting (the storefront badge's hidden
 * ship date). Read only for those, apart from `OpenOrders`: there a list per fulfillment order
 * line would cost a point for every line of every page.
 */
export const LINE_ITEM_PROPERTIES_QUERY = `#graphql
  query LineItemProperties($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on LineItem {
        id
        customAttributes {
          key
          value
        }
      }
    }
  }
`;
