/**
 * Order editing, used when the merchant cancels the back-ordered units of a
 * line: begin a session, lower the line's quantity, commit (optionally telling
 * the customer). Shopify then owes the customer a refund for the removed units.
 * `restock: true` releases the units' commitment: they were never on the
 * shelf, and without it Shopify would take them off the on-hand count too.
 */

export const BEGIN_ORDER_EDIT = `#graphql
  mutation BeginOrderEdit($id: ID!) {
    orderEditBegin(id: $id) {
      orderEditSession {
        id
      }
      calculatedOrder {
        id
        lineItems(first: 250) {
          nodes {
            id
            quantity
            editableQuantity
          }
        }
      }
      userErrors {
        field
        message
      }
    }
  }
`;

export const SET_ORDER_EDIT_QUANTITY = `#graphql
  mutation SetOrderEditQuantity($id: ID!, $lineItemId: ID!, $quantity: Int!) {
    orderEditSetQuantity(id: $id, lineItemId: $lineItemId, quantity: $quantity, restock: true) {
      calculatedLineItem {
        id
        quantity
      }
      calculatedOrder {
        totalOutstandingSet {
          shopMoney {
            amount
            currencyCode
          }
        }
      }
      userErrors {
        field
        message
      }
    }
  }
`;

export const COMMIT_ORDER_EDIT = `#graphql
  mutation CommitOrderEdit($id: ID!, $notifyCustomer: Boolean!, $staffNote: String!) {
    orderEditCommit(id: $id, notifyCustomer: $notifyCustomer, staffNote: $staffNote) {
      order {
        id
        updatedAt
      }
      userErrors {
        field
        message
      }
    }
  }
`;
