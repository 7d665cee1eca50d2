/** Every write the engine makes. Each is safe to repeat after reading state first. */

export const HOLD_FULFILLMENT_ORDER = `#graphql
  mutation HoldFulfillmentOrder($id: ID!, $hold: FulfillmentOrderHoldInput!) {
    fulfillmentOrderHold(id: $id, fulfillmentHold: $hold) {
      fulfillmentHold {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export const RELEASE_FULFILLMENT_HOLD = `#graphql
  mutation ReleaseFulfillmentHold($id: ID!, $holdIds: [ID!]) {
    fulfillmentOrderReleaseHold(id: $id, holdIds: $holdIds) {
      fulfillmentOrder {
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

export const CREATE_FULFILLMENT = `#graphql
  mutation CreateFulfillment($fulfillment: FulfillmentInput!) {
    fulfillmentCreate(fulfillment: $fulfillment) {
      fulfillment {
        id
      }
      userErrors {
        field
        message
      }
    }
  }
`;

export const SET_VARIANT_POLICY = `#graphql
  mutation SetVariantPolicy($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {
    productVariantsBulkUpdate(productId: $productId, variants: $variants) {
      productVariants {
        id
        inventoryPolicy
      }
      userErrors {
        field
        message
      }
    }
  }
`;

export const SET_METAFIELDS = `#graphql
  mutation SetMetafields($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      metafields {
        key
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export const DELETE_METAFIELDS = `#graphql
  mutation DeleteMetafields($metafields: [MetafieldIdentifierInput!]!) {
    metafieldsDelete(metafields: $metafields) {
      deletedMetafields {
        key
      }
      userErrors {
        field
        message
      }
    }
  }
`;

export const ADD_TAGS = `#graphql
  mutation AddTags($id: ID!, $tags: [String!]!) {
    tagsAdd(id: $id, tags: $tags) {
      node {
        ... on Order {
          updatedAt
        }
      }
      userErrors {
        field
        message
      }
    }
  }
`;

export const REMOVE_TAGS = `#graphql
  mutation RemoveTags($id: ID!, $tags: [String!]!) {
    tagsRemove(id: $id, tags: $tags) {
      node {
        ... on Order {
          updatedAt
        }
      }
      userErrors {
        field
        message
      }
    }
  }
`;

/** The usual start of a back-order, in one request: hold, tag, ship date. */
export const HOLD_AND_LABEL_ORDER = `#graphql
  mutation HoldAndLabelOrder(
    $fulfillmentOrderId: ID!
    $hold: FulfillmentOrderHoldInput!
    $orderId: ID!
    $tags: [String!]!
    $metafields: [MetafieldsSetInput!]!
  ) {
    fulfillmentOrderHold(id: $fulfillmentOrderId, fulfillmentHold: $hold) {
      fulfillmentHold {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
    tagsAdd(id: $orderId, tags: $tags) {
      node {
        ... on Order {
          updatedAt
        }
      }
      userErrors {
        field
        message
      }
    }
    metafieldsSet(metafields: $metafields) {
      userErrors {
        field
        message
        code
      }
    }
  }
`;

/** The usual end of a back-order, in one request: release, untag, clear the ship date. */
export const RELEASE_AND_UNLABEL_ORDER = `#graphql
  mutation ReleaseAndUnlabelOrder(
    $fulfillmentOrderId: ID!
    $holdIds: [ID!]
    $orderId: ID!
    $tags: [String!]!
    $metafields: [MetafieldIdentifierInput!]!
  ) {
    fulfillmentOrderReleaseHold(id: $fulfillmentOrderId, holdIds: $holdIds) {
      userErrors {
        field
        message
        code
      }
    }
    tagsRemove(id: $orderId, tags: $tags) {
      node {
        ... on Order {
          updatedAt
        }
      }
      userErrors {
        field
        message
      }
    }
    metafieldsDelete(metafields: $metafields) {
      userErrors {
        field
        message
      }
    }
  }
`;

export const CREATE_METAFIELD_DEFINITION = `#graphql
  mutation CreateMetafieldDefinition($definition: MetafieldDefinitionInput!) {
    metafieldDefinitionCreate(definition: $definition) {
      createdDefinition {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;
