/** Reads of a variant's stock picture: the facts every back-order decision starts from. */

export const VARIANT_STOCK_QUERY = `#graphql
  query VariantStock($id: ID!) {
    productVariant(id: $id) {
      id
      title
      sku
      price
      inventoryPolicy
      product {
        id
        title
        tags
        vendor
        productType
        # One small image for the lists' thumbnails: a few points, no extra request.
        featuredMedia {
          preview {
            image {
              url(transform: { maxWidth: 160, maxHeight: 160 })
            }
          }
        }
      }
      inventoryItem {
        id
        tracked
        inventoryLevels(first: 50) {
          nodes {
            updatedAt
            location {
              id
              name
              # Only stock at locations that fulfil online orders is the online store's.
              fulfillsOnlineOrders
            }
            quantities(names: ["available", "incoming", "on_hand"]) {
              name
              quantity
            }
          }
        }
      }
      metafields(namespace: "$app:backorder", first: 10) {
        nodes {
          key
          value
        }
      }
    }
  }
`;

export const INVENTORY_ITEM_VARIANT_QUERY = `#graphql
  query InventoryItemVariant($id: ID!) {
    inventoryItem(id: $id) {
      variant {
        id
      }
    }
  }
`;

/** Every variant, a page at a time, for reconciliation. */
export const VARIANTS_PAGE_QUERY = `#graphql
  query VariantsPage($after: String) {
    productVariants(first: 100, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        inventoryQuantity
        # Stock at a location that does not fulfil online orders is in the total but not for sale online.
        sellableOnlineQuantity
        inventoryItem {
          tracked
        }
      }
    }
  }
`;

/** The shop's clock and currency, and its name (the From name of customer emails), kept at each full sync. */
export const SHOP_CLOCK_QUERY = `#graphql
  query ShopClock {
    shop {
      name
      ianaTimezone
      currencyCode
    }
  }
`;

/** The app's own metafield definitions for one owner type. */
export const METAFIELD_DEFINITIONS_QUERY = `#graphql
  query BackorderMetafieldDefinitions($ownerType: MetafieldOwnerType!) {
    metafieldDefinitions(first: 20, ownerType: $ownerType, namespace: "$app:backorder") {
      nodes {
        key
      }
    }
  }
`;
