/**
 * Stock on its way: inventory transfers, their destination and their shipments' unreceived units
 * and expected arrival (read_inventory_shipments, read_inventory_transfers). The 2026-10 Admin API
 * has no purchase-order read, so transfers and shipments are all the app can see of what is coming.
 * Bounded so a read stays far under the 1,000-point query limit: 10 shipments of 25 lines a transfer.
 */

export const TRANSFER_SUPPLY_QUERY = `#graphql
  query TransferSupply($id: ID!) {
    inventoryTransfer(id: $id) {
      id
      status
      destination {
        location {
          id
        }
      }
      shipments(first: 10) {
        nodes {
          id
          status
          tracking {
            arrivesAt
          }
          lineItems(first: 25) {
            nodes {
              unreceivedQuantity
              inventoryItem {
                variant {
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

/** Transfers with a shipment on its way (reconciliation), one at a time: each reads up to 250 lines. */
export const TRANSFERS_IN_PROGRESS_QUERY = `#graphql
  query TransfersInProgress($after: String) {
    inventoryTransfers(first: 1, after: $after, query: "status:IN_PROGRESS") {
      nodes {
        id
        status
        destination {
          location {
            id
          }
        }
        shipments(first: 10) {
          nodes {
            id
            status
            tracking {
              arrivesAt
            }
            lineItems(first: 25) {
              nodes {
                unreceivedQuantity
                inventoryItem {
                  variant {
                    id
                  }
                }
              }
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
