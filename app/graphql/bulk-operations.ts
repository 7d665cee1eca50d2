/**
 * Bulk operations (https://shopify.dev/docs/api/usage/bulk-operations/imports): a staged upload
 * for the JSONL of variables, the run, and the operation's state. Used by
 * app/shopify/bulk-operations.server.ts.
 */

export const STAGE_BULK_VARIABLES = `#graphql
  mutation StageBulkVariables($input: [StagedUploadInput!]!) {
    stagedUploadsCreate(input: $input) {
      stagedTargets {
        url
        parameters {
          name
          value
        }
      }
      userErrors {
        field
        message
      }
    }
  }
`;

export const RUN_BULK_MUTATION = `#graphql
  mutation RunBulkMutation($mutation: String!, $stagedUploadPath: String!, $clientIdentifier: String) {
    bulkOperationRunMutation(mutation: $mutation, stagedUploadPath: $stagedUploadPath, clientIdentifier: $clientIdentifier) {
      bulkOperation {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export const RUN_BULK_QUERY = `#graphql
  mutation RunBulkQuery($query: String!) {
    bulkOperationRunQuery(query: $query) {
      bulkOperation {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export const BULK_OPERATION_STATE = `#graphql
  query BulkOperationState($id: ID!) {
    bulkOperation(id: $id) {
      id
      type
      status
      errorCode
      objectCount
      url
      partialDataUrl
    }
  }
`;

/**
 * One line of a bulk release: one fulfillment order's hold. A bulk mutation runs one top-level
 * field per line, and Shopify has no plural release; the order's tag and ship date follow once the
 * results say which orders were released. The payload is not charged in bulk: it names the order.
 */
export const RELEASE_HOLD_IN_BULK = `#graphql
  mutation ReleaseHoldInBulk($id: ID!, $holdIds: [ID!]) {
    fulfillmentOrderReleaseHold(id: $id, holdIds: $holdIds) {
      fulfillmentOrder {
        id
        order {
          id
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
