/** Moving a waiting fulfillment order to a location that has the units. */

export const MOVE_FULFILLMENT_ORDER = `#graphql
  mutation MoveFulfillmentOrder($id: ID!, $newLocationId: ID!, $fulfillmentOrderLineItems: [FulfillmentOrderLineItemInput!]) {
    fulfillmentOrderMove(id: $id, newLocationId: $newLocationId, fulfillmentOrderLineItems: $fulfillmentOrderLineItems) {
      movedFulfillmentOrder {
        id
        assignedLocation {
          name
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;
