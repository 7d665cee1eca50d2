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
        fulfillmentOrders(first: $fulfillmentOrders, displayable: true) {
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
 * One order's fulfillment orders and holds, read before any hold is placed or released: a page of
 * fulfillment orders (`$after`), the ones hidden from the merchant (closed after a merge or a move)
 * left out. A fulfillment order with more lines than its page is read on with
 * `FulfillmentOrderLines`; the app never decides on a part of an order.
 */
export const ORDER_HOLDS_QUERY = `#graphql
  query OrderHolds($id: ID!, $after: String) {
    order(id: $id) {
      id
      name
      tags
      cancelledAt
      shipsOn: metafield(namespace: "$app:backorder", key: "ships_on") {
        value
      }
      fulfillmentOrders(first: 5, after: $after, displayable: true) {
        pageInfo {
          hasNextPage
          endCursor
        }
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
          supportedActions {
            action
          }
          lineItems(first: 20) {
            pageInfo {
              hasNextPage
              endCursor
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
`;

/** The lines of one fulfillment order after `$after`: the rest of a fulfillment order too long for `OrderHolds`. */
export const FULFILLMENT_ORDER_LINES_QUERY = `#graphql
  query FulfillmentOrderLines($id: ID!, $after: String) {
    fulfillmentOrder(id: $id) {
      lineItems(first: 100, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
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
`;

/**
 * Orders read by id, with the fields and page sizes of `OpenOrders`: orders the app knows wait
 * (a search by SKU no longer finds one once the merchant renamed the SKU; its lines keep the old
 * one) and orders Shopify announced that order search does not show yet (search lags writes; a
 * read by id is current). Shopify charges `nodes(ids:)` per id. The orders an event announced are
 * read with what the app keeps of a line that starts waiting (`$withLineFacts`, `$withCustomers`:
 * see `NewWaitingLines`), so a new order costs no second request.
 */
export const ORDERS_BY_ID_QUERY = `#graphql
  query OrdersById($ids: [ID!]!, $fulfillmentOrders: Int!, $lines: Int!, $withLineFacts: Boolean!, $withCustomers: Boolean!) {
    nodes(ids: $ids) {
      ... on Order {
        id
        name
        createdAt
        cancelledAt
        customerLocale @include(if: $withLineFacts)
        currentSubtotalLineItemsQuantity @include(if: $withLineFacts)
        email @include(if: $withCustomers)
        customer @include(if: $withCustomers) {
          displayName
        }
        fulfillmentOrders(first: $fulfillmentOrders, displayable: true) {
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
                  customAttributes @include(if: $withLineFacts) {
                    key
                    value
                  }
                }
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
  query OrderVariants($id: ID!, $after: String) {
    order(id: $id) {
      lineItems(first: 100, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
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
 * What the app keeps of lines that just started waiting, in one request: the line item properties
 * (the storefront badge's hidden ship date; apart from `OpenOrders`, where a list per fulfillment
 * order line would cost a point for every line of every page), who placed the orders, and what
 * their emails need (the customer's language, the order's units: not protected customer data, so
 * read either way). Names and emails are protected customer data, refused to an app without
 * Shopify's approval: then the request is made again without them (`withCustomers: false`).
 */
export const NEW_WAITING_LINES_QUERY = `#graphql
  query NewWaitingLines($lineItemIds: [ID!]!, $orderIds: [ID!]!, $withCustomers: Boolean!) {
    lines: nodes(ids: $lineItemIds) {
      ... on LineItem {
        id
        customAttributes {
          key
          value
        }
      }
    }
    orders: nodes(ids: $orderIds) {
      ... on Order {
        id
        customerLocale
        currentSubtotalLineItemsQuantity
        email @include(if: $withCustomers)
        customer @include(if: $withCustomers) {
          displayName
        }
      }
    }
  }
`;

/** The scopes Shopify granted the app on this shop. */
export const GRANTED_SCOPES_QUERY = `#graphql
  query GrantedScopes {
    currentAppInstallation {
      accessScopes {
        handle
      }
    }
  }
`;
