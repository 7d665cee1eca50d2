/**
 * Shopify Flow: `flowTriggerReceive` starts the merchant's workflows that begin with one of the
 * app's trigger extensions (extensions/backorder-flow-*), by the trigger's handle, with a payload
 * whose keys are the extension's fields (https://shopify.dev/docs/apps/build/flow/triggers/reference).
 */
export const FLOW_TRIGGER_RECEIVE = `#graphql
  mutation FlowTriggerReceive($handle: String!, $payload: JSON!) {
    flowTriggerReceive(handle: $handle, payload: $payload) {
      userErrors {
        field
        message
      }
    }
  }
`;
