/* eslint-disable eslint-comments/disable-enable-pair */
/* eslint-disable eslint-comments/no-unlimited-disable */
/* eslint-disable */
import type * as AdminTypes from './admin.types.js';

export type StockOverviewQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type StockOverviewQuery = { shop: Pick<AdminTypes.Shop, 'name' | 'myshopifyDomain' | 'currencyCode'>, locations: { nodes: Array<Pick<AdminTypes.Location, 'id' | 'name'>> }, productVariants: { nodes: Array<(
      Pick<AdminTypes.ProductVariant, 'id' | 'title' | 'sku' | 'inventoryQuantity' | 'inventoryPolicy'>
      & { product: Pick<AdminTypes.Product, 'id' | 'title'>, inventoryItem: Pick<AdminTypes.InventoryItem, 'tracked'> }
    )> } };

interface GeneratedQueryTypes {
  "#graphql\n  query StockOverview {\n    shop {\n      name\n      myshopifyDomain\n      currencyCode\n    }\n    locations(first: 20) {\n      nodes {\n        id\n        name\n      }\n    }\n    productVariants(first: 50, query: \"inventory_quantity:<1\") {\n      nodes {\n        id\n        title\n        sku\n        inventoryQuantity\n        inventoryPolicy\n        product {\n          id\n          title\n        }\n        inventoryItem {\n          tracked\n        }\n      }\n    }\n  }\n": {return: StockOverviewQuery, variables: StockOverviewQueryVariables},
}

interface GeneratedMutationTypes {
}
declare module '@shopify/admin-api-client' {
  type InputMaybe<T> = AdminTypes.InputMaybe<T>;
  interface AdminQueries extends GeneratedQueryTypes {}
  interface AdminMutations extends GeneratedMutationTypes {}
}
