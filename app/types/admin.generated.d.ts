/* eslint-disable eslint-comments/disable-enable-pair */
/* eslint-disable eslint-comments/no-unlimited-disable */
/* eslint-disable */
import type * as AdminTypes from './admin.types.js';

export type StageBulkVariablesMutationVariables = AdminTypes.Exact<{
  input: Array<AdminTypes.StagedUploadInput> | AdminTypes.StagedUploadInput;
}>;


export type StageBulkVariablesMutation = { stagedUploadsCreate?: AdminTypes.Maybe<{ stagedTargets?: AdminTypes.Maybe<Array<(
      Pick<AdminTypes.StagedMediaUploadTarget, 'url'>
      & { parameters: Array<Pick<AdminTypes.StagedUploadParameter, 'name' | 'value'>> }
    )>>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type RunBulkMutationMutationVariables = AdminTypes.Exact<{
  mutation: AdminTypes.Scalars['String']['input'];
  stagedUploadPath: AdminTypes.Scalars['String']['input'];
  clientIdentifier?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type RunBulkMutationMutation = { bulkOperationRunMutation?: AdminTypes.Maybe<{ bulkOperation?: AdminTypes.Maybe<Pick<AdminTypes.BulkOperation, 'id' | 'status'>>, userErrors: Array<Pick<AdminTypes.BulkMutationUserError, 'field' | 'message' | 'code'>> }> };

export type RunBulkQueryMutationVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
}>;


export type RunBulkQueryMutation = { bulkOperationRunQuery?: AdminTypes.Maybe<{ bulkOperation?: AdminTypes.Maybe<Pick<AdminTypes.BulkOperation, 'id' | 'status'>>, userErrors: Array<Pick<AdminTypes.BulkOperationUserError, 'field' | 'message' | 'code'>> }> };

export type BulkOperationStateQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type BulkOperationStateQuery = { bulkOperation?: AdminTypes.Maybe<Pick<AdminTypes.BulkOperation, 'id' | 'type' | 'status' | 'errorCode' | 'objectCount' | 'url' | 'partialDataUrl'>> };

export type ReleaseHoldInBulkMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  holdIds?: AdminTypes.InputMaybe<Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input']>;
}>;


export type ReleaseHoldInBulkMutation = { fulfillmentOrderReleaseHold?: AdminTypes.Maybe<{ fulfillmentOrder?: AdminTypes.Maybe<(
      Pick<AdminTypes.FulfillmentOrder, 'id'>
      & { order: Pick<AdminTypes.Order, 'id'> }
    )>, userErrors: Array<Pick<AdminTypes.FulfillmentOrderReleaseHoldUserError, 'field' | 'message' | 'code'>> }> };

export type VariantStockQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type VariantStockQuery = { productVariant?: AdminTypes.Maybe<(
    Pick<AdminTypes.ProductVariant, 'id' | 'title' | 'sku' | 'price' | 'inventoryPolicy'>
    & { product: (
      Pick<AdminTypes.Product, 'id' | 'title' | 'tags' | 'vendor' | 'productType'>
      & { featuredMedia?: AdminTypes.Maybe<{ preview?: AdminTypes.Maybe<{ image?: AdminTypes.Maybe<Pick<AdminTypes.Image, 'url'>> }> }> }
    ), inventoryItem: (
      Pick<AdminTypes.InventoryItem, 'id' | 'tracked'>
      & { inventoryLevels: { nodes: Array<(
          Pick<AdminTypes.InventoryLevel, 'updatedAt'>
          & { location: Pick<AdminTypes.Location, 'id' | 'name' | 'fulfillsOnlineOrders'>, quantities: Array<Pick<AdminTypes.InventoryQuantity, 'name' | 'quantity'>> }
        )> } }
    ), metafields: { nodes: Array<Pick<AdminTypes.Metafield, 'key' | 'value'>> } }
  )> };

export type InventoryItemVariantQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type InventoryItemVariantQuery = { inventoryItem?: AdminTypes.Maybe<{ variant: Pick<AdminTypes.ProductVariant, 'id'> }> };

export type VariantsPageQueryVariables = AdminTypes.Exact<{
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type VariantsPageQuery = { productVariants: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<(
      Pick<AdminTypes.ProductVariant, 'id' | 'inventoryQuantity' | 'sellableOnlineQuantity'>
      & { inventoryItem: Pick<AdminTypes.InventoryItem, 'tracked'> }
    )> } };

export type ShopClockQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type ShopClockQuery = { shop: Pick<AdminTypes.Shop, 'name' | 'ianaTimezone' | 'currencyCode'> };

export type BackorderMetafieldDefinitionsQueryVariables = AdminTypes.Exact<{
  ownerType: AdminTypes.MetafieldOwnerType;
}>;


export type BackorderMetafieldDefinitionsQuery = { metafieldDefinitions: { nodes: Array<Pick<AdminTypes.MetafieldDefinition, 'key'>> } };

export type MoveFulfillmentOrderMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  newLocationId: AdminTypes.Scalars['ID']['input'];
  fulfillmentOrderLineItems?: AdminTypes.InputMaybe<Array<AdminTypes.FulfillmentOrderLineItemInput> | AdminTypes.FulfillmentOrderLineItemInput>;
}>;


export type MoveFulfillmentOrderMutation = { fulfillmentOrderMove?: AdminTypes.Maybe<{ movedFulfillmentOrder?: AdminTypes.Maybe<(
      Pick<AdminTypes.FulfillmentOrder, 'id'>
      & { assignedLocation: Pick<AdminTypes.FulfillmentOrderAssignedLocation, 'name'> }
    )>, userErrors: Array<Pick<AdminTypes.FulfillmentOrderMoveFulfillmentOrderMoveUserError, 'field' | 'message' | 'code'>> }> };

export type LocationsSellingOnlineQueryVariables = AdminTypes.Exact<{
  ids: Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input'];
}>;


export type LocationsSellingOnlineQuery = { nodes: Array<AdminTypes.Maybe<Pick<AdminTypes.Location, 'id' | 'fulfillsOnlineOrders'>>> };

export type HoldFulfillmentOrderMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  hold: AdminTypes.FulfillmentOrderHoldInput;
}>;


export type HoldFulfillmentOrderMutation = { fulfillmentOrderHold?: AdminTypes.Maybe<{ fulfillmentHold?: AdminTypes.Maybe<Pick<AdminTypes.FulfillmentHold, 'id'>>, userErrors: Array<Pick<AdminTypes.FulfillmentOrderHoldUserError, 'field' | 'message' | 'code'>> }> };

export type ReleaseFulfillmentHoldMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  holdIds?: AdminTypes.InputMaybe<Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input']>;
}>;


export type ReleaseFulfillmentHoldMutation = { fulfillmentOrderReleaseHold?: AdminTypes.Maybe<{ fulfillmentOrder?: AdminTypes.Maybe<Pick<AdminTypes.FulfillmentOrder, 'id' | 'status'>>, userErrors: Array<Pick<AdminTypes.FulfillmentOrderReleaseHoldUserError, 'field' | 'message' | 'code'>> }> };

export type CreateFulfillmentMutationVariables = AdminTypes.Exact<{
  fulfillment: AdminTypes.FulfillmentInput;
}>;


export type CreateFulfillmentMutation = { fulfillmentCreate?: AdminTypes.Maybe<{ fulfillment?: AdminTypes.Maybe<Pick<AdminTypes.Fulfillment, 'id'>>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type SetVariantPolicyMutationVariables = AdminTypes.Exact<{
  productId: AdminTypes.Scalars['ID']['input'];
  variants: Array<AdminTypes.ProductVariantsBulkInput> | AdminTypes.ProductVariantsBulkInput;
}>;


export type SetVariantPolicyMutation = { productVariantsBulkUpdate?: AdminTypes.Maybe<{ productVariants?: AdminTypes.Maybe<Array<Pick<AdminTypes.ProductVariant, 'id' | 'inventoryPolicy'>>>, userErrors: Array<Pick<AdminTypes.ProductVariantsBulkUpdateUserError, 'field' | 'message'>> }> };

export type SetMetafieldsMutationVariables = AdminTypes.Exact<{
  metafields: Array<AdminTypes.MetafieldsSetInput> | AdminTypes.MetafieldsSetInput;
}>;


export type SetMetafieldsMutation = { metafieldsSet?: AdminTypes.Maybe<{ metafields?: AdminTypes.Maybe<Array<Pick<AdminTypes.Metafield, 'key'>>>, userErrors: Array<Pick<AdminTypes.MetafieldsSetUserError, 'field' | 'message' | 'code'>> }> };

export type DeleteMetafieldsMutationVariables = AdminTypes.Exact<{
  metafields: Array<AdminTypes.MetafieldIdentifierInput> | AdminTypes.MetafieldIdentifierInput;
}>;


export type DeleteMetafieldsMutation = { metafieldsDelete?: AdminTypes.Maybe<{ deletedMetafields?: AdminTypes.Maybe<Array<AdminTypes.Maybe<Pick<AdminTypes.MetafieldIdentifier, 'key'>>>>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type AddTagsMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  tags: Array<AdminTypes.Scalars['String']['input']> | AdminTypes.Scalars['String']['input'];
}>;


export type AddTagsMutation = { tagsAdd?: AdminTypes.Maybe<{ node?: AdminTypes.Maybe<Pick<AdminTypes.Order, 'updatedAt'>>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type RemoveTagsMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  tags: Array<AdminTypes.Scalars['String']['input']> | AdminTypes.Scalars['String']['input'];
}>;


export type RemoveTagsMutation = { tagsRemove?: AdminTypes.Maybe<{ node?: AdminTypes.Maybe<Pick<AdminTypes.Order, 'updatedAt'>>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type HoldAndLabelOrderMutationVariables = AdminTypes.Exact<{
  fulfillmentOrderId: AdminTypes.Scalars['ID']['input'];
  hold: AdminTypes.FulfillmentOrderHoldInput;
  orderId: AdminTypes.Scalars['ID']['input'];
  tags: Array<AdminTypes.Scalars['String']['input']> | AdminTypes.Scalars['String']['input'];
  metafields: Array<AdminTypes.MetafieldsSetInput> | AdminTypes.MetafieldsSetInput;
}>;


export type HoldAndLabelOrderMutation = { fulfillmentOrderHold?: AdminTypes.Maybe<{ fulfillmentHold?: AdminTypes.Maybe<Pick<AdminTypes.FulfillmentHold, 'id'>>, userErrors: Array<Pick<AdminTypes.FulfillmentOrderHoldUserError, 'field' | 'message' | 'code'>> }>, tagsAdd?: AdminTypes.Maybe<{ node?: AdminTypes.Maybe<Pick<AdminTypes.Order, 'updatedAt'>>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }>, metafieldsSet?: AdminTypes.Maybe<{ userErrors: Array<Pick<AdminTypes.MetafieldsSetUserError, 'field' | 'message' | 'code'>> }> };

export type ReleaseAndUnlabelOrderMutationVariables = AdminTypes.Exact<{
  fulfillmentOrderId: AdminTypes.Scalars['ID']['input'];
  holdIds?: AdminTypes.InputMaybe<Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input']>;
  orderId: AdminTypes.Scalars['ID']['input'];
  tags: Array<AdminTypes.Scalars['String']['input']> | AdminTypes.Scalars['String']['input'];
  metafields: Array<AdminTypes.MetafieldIdentifierInput> | AdminTypes.MetafieldIdentifierInput;
}>;


export type ReleaseAndUnlabelOrderMutation = { fulfillmentOrderReleaseHold?: AdminTypes.Maybe<{ userErrors: Array<Pick<AdminTypes.FulfillmentOrderReleaseHoldUserError, 'field' | 'message' | 'code'>> }>, tagsRemove?: AdminTypes.Maybe<{ node?: AdminTypes.Maybe<Pick<AdminTypes.Order, 'updatedAt'>>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }>, metafieldsDelete?: AdminTypes.Maybe<{ userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type CreateMetafieldDefinitionMutationVariables = AdminTypes.Exact<{
  definition: AdminTypes.MetafieldDefinitionInput;
}>;


export type CreateMetafieldDefinitionMutation = { metafieldDefinitionCreate?: AdminTypes.Maybe<{ createdDefinition?: AdminTypes.Maybe<Pick<AdminTypes.MetafieldDefinition, 'id'>>, userErrors: Array<Pick<AdminTypes.MetafieldDefinitionCreateUserError, 'field' | 'message' | 'code'>> }> };

export type NoticeOrderQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  withCustomer: AdminTypes.Scalars['Boolean']['input'];
}>;


export type NoticeOrderQuery = { shop: Pick<AdminTypes.Shop, 'name'>, order?: AdminTypes.Maybe<(
    AdminTypes.MakeOptional<Pick<AdminTypes.Order, 'id' | 'name' | 'email' | 'customerLocale' | 'currentSubtotalLineItemsQuantity'>, 'email'>
    & { customer?: AdminTypes.Maybe<Pick<AdminTypes.Customer, 'displayName'>> }
  )> };

export type NoticeShopNameQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type NoticeShopNameQuery = { shop: Pick<AdminTypes.Shop, 'name'> };

export type BeginOrderEditMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type BeginOrderEditMutation = { orderEditBegin?: AdminTypes.Maybe<{ orderEditSession?: AdminTypes.Maybe<Pick<AdminTypes.OrderEditSession, 'id'>>, calculatedOrder?: AdminTypes.Maybe<(
      Pick<AdminTypes.CalculatedOrder, 'id'>
      & { lineItems: { nodes: Array<Pick<AdminTypes.CalculatedLineItem, 'id' | 'quantity' | 'editableQuantity'>> } }
    )>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type SetOrderEditQuantityMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  lineItemId: AdminTypes.Scalars['ID']['input'];
  quantity: AdminTypes.Scalars['Int']['input'];
}>;


export type SetOrderEditQuantityMutation = { orderEditSetQuantity?: AdminTypes.Maybe<{ calculatedLineItem?: AdminTypes.Maybe<Pick<AdminTypes.CalculatedLineItem, 'id' | 'quantity'>>, calculatedOrder?: AdminTypes.Maybe<{ totalOutstandingSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type CommitOrderEditMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  notifyCustomer: AdminTypes.Scalars['Boolean']['input'];
  staffNote: AdminTypes.Scalars['String']['input'];
}>;


export type CommitOrderEditMutation = { orderEditCommit?: AdminTypes.Maybe<{ order?: AdminTypes.Maybe<Pick<AdminTypes.Order, 'id' | 'updatedAt'>>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type OpenOrdersQueryVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
  first: AdminTypes.Scalars['Int']['input'];
  fulfillmentOrders: AdminTypes.Scalars['Int']['input'];
  lines: AdminTypes.Scalars['Int']['input'];
}>;


export type OpenOrdersQuery = { orders: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<(
      Pick<AdminTypes.Order, 'id' | 'name' | 'createdAt' | 'cancelledAt'>
      & { fulfillmentOrders: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage'>, nodes: Array<(
          Pick<AdminTypes.FulfillmentOrder, 'id' | 'status'>
          & { assignedLocation: { location?: AdminTypes.Maybe<Pick<AdminTypes.Location, 'id'>> }, lineItems: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage'>, nodes: Array<(
              Pick<AdminTypes.FulfillmentOrderLineItem, 'id' | 'remainingQuantity'>
              & { variant?: AdminTypes.Maybe<Pick<AdminTypes.ProductVariant, 'id'>>, lineItem: Pick<AdminTypes.LineItem, 'id'> }
            )> } }
        )> } }
    )> } };

export type OrderHoldsQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type OrderHoldsQuery = { order?: AdminTypes.Maybe<(
    Pick<AdminTypes.Order, 'id' | 'name' | 'tags' | 'cancelledAt'>
    & { shipsOn?: AdminTypes.Maybe<Pick<AdminTypes.Metafield, 'value'>>, fulfillmentOrders: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<(
        Pick<AdminTypes.FulfillmentOrder, 'id' | 'status'>
        & { assignedLocation: { location?: AdminTypes.Maybe<Pick<AdminTypes.Location, 'id'>> }, fulfillmentHolds: Array<Pick<AdminTypes.FulfillmentHold, 'id' | 'handle' | 'heldByRequestingApp'>>, supportedActions: Array<Pick<AdminTypes.FulfillmentOrderSupportedAction, 'action'>>, lineItems: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<(
            Pick<AdminTypes.FulfillmentOrderLineItem, 'id' | 'remainingQuantity'>
            & { variant?: AdminTypes.Maybe<Pick<AdminTypes.ProductVariant, 'id'>>, lineItem: Pick<AdminTypes.LineItem, 'id'> }
          )> } }
      )> } }
  )> };

export type FulfillmentOrderLinesQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type FulfillmentOrderLinesQuery = { fulfillmentOrder?: AdminTypes.Maybe<{ lineItems: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<(
        Pick<AdminTypes.FulfillmentOrderLineItem, 'id' | 'remainingQuantity'>
        & { variant?: AdminTypes.Maybe<Pick<AdminTypes.ProductVariant, 'id'>>, lineItem: Pick<AdminTypes.LineItem, 'id'> }
      )> } }> };

export type OrdersByIdQueryVariables = AdminTypes.Exact<{
  ids: Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input'];
  fulfillmentOrders: AdminTypes.Scalars['Int']['input'];
  lines: AdminTypes.Scalars['Int']['input'];
  withLineFacts: AdminTypes.Scalars['Boolean']['input'];
  withCustomers: AdminTypes.Scalars['Boolean']['input'];
}>;


export type OrdersByIdQuery = { nodes: Array<AdminTypes.Maybe<(
    AdminTypes.MakeOptional<Pick<AdminTypes.Order, 'id' | 'name' | 'createdAt' | 'cancelledAt' | 'customerLocale' | 'currentSubtotalLineItemsQuantity' | 'email'>, 'customerLocale' | 'currentSubtotalLineItemsQuantity' | 'email'>
    & { customer?: AdminTypes.Maybe<Pick<AdminTypes.Customer, 'displayName'>>, fulfillmentOrders: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage'>, nodes: Array<(
        Pick<AdminTypes.FulfillmentOrder, 'id' | 'status'>
        & { assignedLocation: { location?: AdminTypes.Maybe<Pick<AdminTypes.Location, 'id'>> }, lineItems: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage'>, nodes: Array<(
            Pick<AdminTypes.FulfillmentOrderLineItem, 'id' | 'remainingQuantity'>
            & { variant?: AdminTypes.Maybe<Pick<AdminTypes.ProductVariant, 'id'>>, lineItem: (
              Pick<AdminTypes.LineItem, 'id'>
              & { customAttributes?: Array<Pick<AdminTypes.Attribute, 'key' | 'value'>> }
            ) }
          )> } }
      )> } }
  )>> };

export type OrderVariantsQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type OrderVariantsQuery = { order?: AdminTypes.Maybe<{ lineItems: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<{ variant?: AdminTypes.Maybe<Pick<AdminTypes.ProductVariant, 'id'>> }> } }> };

export type NewWaitingLinesQueryVariables = AdminTypes.Exact<{
  lineItemIds: Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input'];
  orderIds: Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input'];
  withCustomers: AdminTypes.Scalars['Boolean']['input'];
}>;


export type NewWaitingLinesQuery = { lines: Array<AdminTypes.Maybe<(
    Pick<AdminTypes.LineItem, 'id'>
    & { customAttributes: Array<Pick<AdminTypes.Attribute, 'key' | 'value'>> }
  )>>, orders: Array<AdminTypes.Maybe<(
    AdminTypes.MakeOptional<Pick<AdminTypes.Order, 'id' | 'customerLocale' | 'currentSubtotalLineItemsQuantity' | 'email'>, 'email'>
    & { customer?: AdminTypes.Maybe<Pick<AdminTypes.Customer, 'displayName'>> }
  )>> };

export type GrantedScopesQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type GrantedScopesQuery = { currentAppInstallation: { accessScopes: Array<Pick<AdminTypes.AccessScope, 'handle'>> } };

export type ProductTitlesQueryVariables = AdminTypes.Exact<{
  ids: Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input'];
}>;


export type ProductTitlesQuery = { nodes: Array<AdminTypes.Maybe<Pick<AdminTypes.Product, 'id' | 'title'>>> };

export type StockOverviewQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type StockOverviewQuery = { shop: Pick<AdminTypes.Shop, 'name' | 'myshopifyDomain' | 'currencyCode'>, locations: { nodes: Array<Pick<AdminTypes.Location, 'id' | 'name'>> } };

export type TransferSupplyQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type TransferSupplyQuery = { inventoryTransfer?: AdminTypes.Maybe<(
    Pick<AdminTypes.InventoryTransfer, 'id' | 'status'>
    & { destination?: AdminTypes.Maybe<{ location?: AdminTypes.Maybe<Pick<AdminTypes.Location, 'id'>> }>, shipments: { nodes: Array<(
        Pick<AdminTypes.InventoryShipment, 'id' | 'status'>
        & { tracking?: AdminTypes.Maybe<Pick<AdminTypes.InventoryShipmentTracking, 'arrivesAt'>>, lineItems?: AdminTypes.Maybe<{ nodes: Array<(
            Pick<AdminTypes.InventoryShipmentLineItem, 'unreceivedQuantity'>
            & { inventoryItem?: AdminTypes.Maybe<{ variant: Pick<AdminTypes.ProductVariant, 'id'> }> }
          )> }> }
      )> } }
  )> };

export type TransfersInProgressQueryVariables = AdminTypes.Exact<{
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type TransfersInProgressQuery = { inventoryTransfers: { nodes: Array<(
      Pick<AdminTypes.InventoryTransfer, 'id' | 'status'>
      & { destination?: AdminTypes.Maybe<{ location?: AdminTypes.Maybe<Pick<AdminTypes.Location, 'id'>> }>, shipments: { nodes: Array<(
          Pick<AdminTypes.InventoryShipment, 'id' | 'status'>
          & { tracking?: AdminTypes.Maybe<Pick<AdminTypes.InventoryShipmentTracking, 'arrivesAt'>>, lineItems?: AdminTypes.Maybe<{ nodes: Array<(
              Pick<AdminTypes.InventoryShipmentLineItem, 'unreceivedQuantity'>
              & { inventoryItem?: AdminTypes.Maybe<{ variant: Pick<AdminTypes.ProductVariant, 'id'> }> }
            )> }> }
        )> } }
    )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } };

interface GeneratedQueryTypes {
  "#graphql\n  query BulkOperationState($id: ID!) {\n    bulkOperation(id: $id) {\n      id\n      type\n      status\n      errorCode\n      objectCount\n      url\n      partialDataUrl\n    }\n  }\n": {return: BulkOperationStateQuery, variables: BulkOperationStateQueryVariables},
  "#graphql\n  query VariantStock($id: ID!) {\n    productVariant(id: $id) {\n      id\n      title\n      sku\n      price\n      inventoryPolicy\n      product {\n        id\n        title\n        tags\n        vendor\n        productType\n        # One small image for the lists' thumbnails: a few points, no extra request.\n        featuredMedia {\n          preview {\n            image {\n              url(transform: { maxWidth: 160, maxHeight: 160 })\n            }\n          }\n        }\n      }\n      inventoryItem {\n        id\n        tracked\n        inventoryLevels(first: 50) {\n          nodes {\n            updatedAt\n            location {\n              id\n              name\n              # Only stock at locations that fulfil online orders is the online store's.\n              fulfillsOnlineOrders\n            }\n            quantities(names: [\"available\", \"incoming\", \"on_hand\"]) {\n              name\n              quantity\n            }\n          }\n        }\n      }\n      metafields(namespace: \"$app:backorder\", first: 10) {\n        nodes {\n          key\n          value\n        }\n      }\n    }\n  }\n": {return: VariantStockQuery, variables: VariantStockQueryVariables},
  "#graphql\n  query InventoryItemVariant($id: ID!) {\n    inventoryItem(id: $id) {\n      variant {\n        id\n      }\n    }\n  }\n": {return: InventoryItemVariantQuery, variables: InventoryItemVariantQueryVariables},
  "#graphql\n  query VariantsPage($after: String) {\n    productVariants(first: 100, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        inventoryQuantity\n        # Stock at a location that does not fulfil online orders is in the total but not for sale online.\n        sellableOnlineQuantity\n        inventoryItem {\n          tracked\n        }\n      }\n    }\n  }\n": {return: VariantsPageQuery, variables: VariantsPageQueryVariables},
  "#graphql\n  query ShopClock {\n    shop {\n      name\n      ianaTimezone\n      currencyCode\n    }\n  }\n": {return: ShopClockQuery, variables: ShopClockQueryVariables},
  "#graphql\n  query BackorderMetafieldDefinitions($ownerType: MetafieldOwnerType!) {\n    metafieldDefinitions(first: 20, ownerType: $ownerType, namespace: \"$app:backorder\") {\n      nodes {\n        key\n      }\n    }\n  }\n": {return: BackorderMetafieldDefinitionsQuery, variables: BackorderMetafieldDefinitionsQueryVariables},
  "#graphql\n  query LocationsSellingOnline($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      ... on Location {\n        id\n        fulfillsOnlineOrders\n      }\n    }\n  }\n": {return: LocationsSellingOnlineQuery, variables: LocationsSellingOnlineQueryVariables},
  "#graphql\n  query NoticeOrder($id: ID!, $withCustomer: Boolean!) {\n    shop {\n      name\n    }\n    order(id: $id) {\n      id\n      name\n      email @include(if: $withCustomer)\n      customerLocale\n      currentSubtotalLineItemsQuantity\n      customer @include(if: $withCustomer) {\n        displayName\n      }\n    }\n  }\n": {return: NoticeOrderQuery, variables: NoticeOrderQueryVariables},
  "#graphql\n  query NoticeShopName {\n    shop {\n      name\n    }\n  }\n": {return: NoticeShopNameQuery, variables: NoticeShopNameQueryVariables},
  "#graphql\n  query OpenOrders($query: String!, $after: String, $first: Int!, $fulfillmentOrders: Int!, $lines: Int!) {\n    orders(first: $first, after: $after, query: $query, sortKey: CREATED_AT, reverse: true) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        createdAt\n        cancelledAt\n        fulfillmentOrders(first: $fulfillmentOrders, displayable: true) {\n          pageInfo {\n            hasNextPage\n          }\n          nodes {\n            id\n            status\n            assignedLocation {\n              location {\n                id\n              }\n            }\n            lineItems(first: $lines) {\n              pageInfo {\n                hasNextPage\n              }\n              nodes {\n                id\n                remainingQuantity\n                variant {\n                  id\n                }\n                lineItem {\n                  id\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": {return: OpenOrdersQuery, variables: OpenOrdersQueryVariables},
  "#graphql\n  query OrderHolds($id: ID!, $after: String) {\n    order(id: $id) {\n      id\n      name\n      tags\n      cancelledAt\n      shipsOn: metafield(namespace: \"$app:backorder\", key: \"ships_on\") {\n        value\n      }\n      fulfillmentOrders(first: 5, after: $after, displayable: true) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          id\n          status\n          assignedLocation {\n            location {\n              id\n            }\n          }\n          fulfillmentHolds {\n            id\n            handle\n            heldByRequestingApp\n          }\n          supportedActions {\n            action\n          }\n          lineItems(first: 20) {\n            pageInfo {\n              hasNextPage\n              endCursor\n            }\n            nodes {\n              id\n              remainingQuantity\n              variant {\n                id\n              }\n              lineItem {\n                id\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": {return: OrderHoldsQuery, variables: OrderHoldsQueryVariables},
  "#graphql\n  query FulfillmentOrderLines($id: ID!, $after: String) {\n    fulfillmentOrder(id: $id) {\n      lineItems(first: 100, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          id\n          remainingQuantity\n          variant {\n            id\n          }\n          lineItem {\n            id\n          }\n        }\n      }\n    }\n  }\n": {return: FulfillmentOrderLinesQuery, variables: FulfillmentOrderLinesQueryVariables},
  "#graphql\n  query OrdersById($ids: [ID!]!, $fulfillmentOrders: Int!, $lines: Int!, $withLineFacts: Boolean!, $withCustomers: Boolean!) {\n    nodes(ids: $ids) {\n      ... on Order {\n        id\n        name\n        createdAt\n        cancelledAt\n        customerLocale @include(if: $withLineFacts)\n        currentSubtotalLineItemsQuantity @include(if: $withLineFacts)\n        email @include(if: $withCustomers)\n        customer @include(if: $withCustomers) {\n          displayName\n        }\n        fulfillmentOrders(first: $fulfillmentOrders, displayable: true) {\n          pageInfo {\n            hasNextPage\n          }\n          nodes {\n            id\n            status\n            assignedLocation {\n              location {\n                id\n              }\n            }\n            lineItems(first: $lines) {\n              pageInfo {\n                hasNextPage\n              }\n              nodes {\n                id\n                remainingQuantity\n                variant {\n                  id\n                }\n                lineItem {\n                  id\n                  customAttributes @include(if: $withLineFacts) {\n                    key\n                    value\n                  }\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": {return: OrdersByIdQuery, variables: OrdersByIdQueryVariables},
  "#graphql\n  query OrderVariants($id: ID!, $after: String) {\n    order(id: $id) {\n      lineItems(first: 100, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          variant {\n            id\n          }\n        }\n      }\n    }\n  }\n": {return: OrderVariantsQuery, variables: OrderVariantsQueryVariables},
  "#graphql\n  query NewWaitingLines($lineItemIds: [ID!]!, $orderIds: [ID!]!, $withCustomers: Boolean!) {\n    lines: nodes(ids: $lineItemIds) {\n      ... on LineItem {\n        id\n        customAttributes {\n          key\n          value\n        }\n      }\n    }\n    orders: nodes(ids: $orderIds) {\n      ... on Order {\n        id\n        customerLocale\n        currentSubtotalLineItemsQuantity\n        email @include(if: $withCustomers)\n        customer @include(if: $withCustomers) {\n          displayName\n        }\n      }\n    }\n  }\n": {return: NewWaitingLinesQuery, variables: NewWaitingLinesQueryVariables},
  "#graphql\n  query GrantedScopes {\n    currentAppInstallation {\n      accessScopes {\n        handle\n      }\n    }\n  }\n": {return: GrantedScopesQuery, variables: GrantedScopesQueryVariables},
  "#graphql\n  query ProductTitles($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      ... on Product {\n        id\n        title\n      }\n    }\n  }\n": {return: ProductTitlesQuery, variables: ProductTitlesQueryVariables},
  "#graphql\n  query StockOverview {\n    shop {\n      name\n      myshopifyDomain\n      currencyCode\n    }\n    locations(first: 20) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n": {return: StockOverviewQuery, variables: StockOverviewQueryVariables},
  "#graphql\n  query TransferSupply($id: ID!) {\n    inventoryTransfer(id: $id) {\n      id\n      status\n      destination {\n        location {\n          id\n        }\n      }\n      shipments(first: 10) {\n        nodes {\n          id\n          status\n          tracking {\n            arrivesAt\n          }\n          lineItems(first: 25) {\n            nodes {\n              unreceivedQuantity\n              inventoryItem {\n                variant {\n                  id\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": {return: TransferSupplyQuery, variables: TransferSupplyQueryVariables},
  "#graphql\n  query TransfersInProgress($after: String) {\n    inventoryTransfers(first: 1, after: $after, query: \"status:IN_PROGRESS\") {\n      nodes {\n        id\n        status\n        destination {\n          location {\n            id\n          }\n        }\n        shipments(first: 10) {\n          nodes {\n            id\n            status\n            tracking {\n              arrivesAt\n            }\n            lineItems(first: 25) {\n              nodes {\n                unreceivedQuantity\n                inventoryItem {\n                  variant {\n                    id\n                  }\n                }\n              }\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": {return: TransfersInProgressQuery, variables: TransfersInProgressQueryVariables},
}

interface GeneratedMutationTypes {
  "#graphql\n  mutation StageBulkVariables($input: [StagedUploadInput!]!) {\n    stagedUploadsCreate(input: $input) {\n      stagedTargets {\n        url\n        parameters {\n          name\n          value\n        }\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: StageBulkVariablesMutation, variables: StageBulkVariablesMutationVariables},
  "#graphql\n  mutation RunBulkMutation($mutation: String!, $stagedUploadPath: String!, $clientIdentifier: String) {\n    bulkOperationRunMutation(mutation: $mutation, stagedUploadPath: $stagedUploadPath, clientIdentifier: $clientIdentifier) {\n      bulkOperation {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: RunBulkMutationMutation, variables: RunBulkMutationMutationVariables},
  "#graphql\n  mutation RunBulkQuery($query: String!) {\n    bulkOperationRunQuery(query: $query) {\n      bulkOperation {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: RunBulkQueryMutation, variables: RunBulkQueryMutationVariables},
  "#graphql\n  mutation ReleaseHoldInBulk($id: ID!, $holdIds: [ID!]) {\n    fulfillmentOrderReleaseHold(id: $id, holdIds: $holdIds) {\n      fulfillmentOrder {\n        id\n        order {\n          id\n        }\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: ReleaseHoldInBulkMutation, variables: ReleaseHoldInBulkMutationVariables},
  "#graphql\n  mutation MoveFulfillmentOrder($id: ID!, $newLocationId: ID!, $fulfillmentOrderLineItems: [FulfillmentOrderLineItemInput!]) {\n    fulfillmentOrderMove(id: $id, newLocationId: $newLocationId, fulfillmentOrderLineItems: $fulfillmentOrderLineItems) {\n      movedFulfillmentOrder {\n        id\n        assignedLocation {\n          name\n        }\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: MoveFulfillmentOrderMutation, variables: MoveFulfillmentOrderMutationVariables},
  "#graphql\n  mutation HoldFulfillmentOrder($id: ID!, $hold: FulfillmentOrderHoldInput!) {\n    fulfillmentOrderHold(id: $id, fulfillmentHold: $hold) {\n      fulfillmentHold {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: HoldFulfillmentOrderMutation, variables: HoldFulfillmentOrderMutationVariables},
  "#graphql\n  mutation ReleaseFulfillmentHold($id: ID!, $holdIds: [ID!]) {\n    fulfillmentOrderReleaseHold(id: $id, holdIds: $holdIds) {\n      fulfillmentOrder {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: ReleaseFulfillmentHoldMutation, variables: ReleaseFulfillmentHoldMutationVariables},
  "#graphql\n  mutation CreateFulfillment($fulfillment: FulfillmentInput!) {\n    fulfillmentCreate(fulfillment: $fulfillment) {\n      fulfillment {\n        id\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: CreateFulfillmentMutation, variables: CreateFulfillmentMutationVariables},
  "#graphql\n  mutation SetVariantPolicy($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {\n    productVariantsBulkUpdate(productId: $productId, variants: $variants) {\n      productVariants {\n        id\n        inventoryPolicy\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: SetVariantPolicyMutation, variables: SetVariantPolicyMutationVariables},
  "#graphql\n  mutation SetMetafields($metafields: [MetafieldsSetInput!]!) {\n    metafieldsSet(metafields: $metafields) {\n      metafields {\n        key\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: SetMetafieldsMutation, variables: SetMetafieldsMutationVariables},
  "#graphql\n  mutation DeleteMetafields($metafields: [MetafieldIdentifierInput!]!) {\n    metafieldsDelete(metafields: $metafields) {\n      deletedMetafields {\n        key\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: DeleteMetafieldsMutation, variables: DeleteMetafieldsMutationVariables},
  "#graphql\n  mutation AddTags($id: ID!, $tags: [String!]!) {\n    tagsAdd(id: $id, tags: $tags) {\n      node {\n        ... on Order {\n          updatedAt\n        }\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: AddTagsMutation, variables: AddTagsMutationVariables},
  "#graphql\n  mutation RemoveTags($id: ID!, $tags: [String!]!) {\n    tagsRemove(id: $id, tags: $tags) {\n      node {\n        ... on Order {\n          updatedAt\n        }\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: RemoveTagsMutation, variables: RemoveTagsMutationVariables},
  "#graphql\n  mutation HoldAndLabelOrder(\n    $fulfillmentOrderId: ID!\n    $hold: FulfillmentOrderHoldInput!\n    $orderId: ID!\n    $tags: [String!]!\n    $metafields: [MetafieldsSetInput!]!\n  ) {\n    fulfillmentOrderHold(id: $fulfillmentOrderId, fulfillmentHold: $hold) {\n      fulfillmentHold {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n    tagsAdd(id: $orderId, tags: $tags) {\n      node {\n        ... on Order {\n          updatedAt\n        }\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n    metafieldsSet(metafields: $metafields) {\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: HoldAndLabelOrderMutation, variables: HoldAndLabelOrderMutationVariables},
  "#graphql\n  mutation ReleaseAndUnlabelOrder(\n    $fulfillmentOrderId: ID!\n    $holdIds: [ID!]\n    $orderId: ID!\n    $tags: [String!]!\n    $metafields: [MetafieldIdentifierInput!]!\n  ) {\n    fulfillmentOrderReleaseHold(id: $fulfillmentOrderId, holdIds: $holdIds) {\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n    tagsRemove(id: $orderId, tags: $tags) {\n      node {\n        ... on Order {\n          updatedAt\n        }\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n    metafieldsDelete(metafields: $metafields) {\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: ReleaseAndUnlabelOrderMutation, variables: ReleaseAndUnlabelOrderMutationVariables},
  "#graphql\n  mutation CreateMetafieldDefinition($definition: MetafieldDefinitionInput!) {\n    metafieldDefinitionCreate(definition: $definition) {\n      createdDefinition {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: CreateMetafieldDefinitionMutation, variables: CreateMetafieldDefinitionMutationVariables},
  "#graphql\n  mutation BeginOrderEdit($id: ID!) {\n    orderEditBegin(id: $id) {\n      orderEditSession {\n        id\n      }\n      calculatedOrder {\n        id\n        lineItems(first: 250) {\n          nodes {\n            id\n            quantity\n            editableQuantity\n          }\n        }\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: BeginOrderEditMutation, variables: BeginOrderEditMutationVariables},
  "#graphql\n  mutation SetOrderEditQuantity($id: ID!, $lineItemId: ID!, $quantity: Int!) {\n    orderEditSetQuantity(id: $id, lineItemId: $lineItemId, quantity: $quantity, restock: true) {\n      calculatedLineItem {\n        id\n        quantity\n      }\n      calculatedOrder {\n        totalOutstandingSet {\n          shopMoney {\n            amount\n            currencyCode\n          }\n        }\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: SetOrderEditQuantityMutation, variables: SetOrderEditQuantityMutationVariables},
  "#graphql\n  mutation CommitOrderEdit($id: ID!, $notifyCustomer: Boolean!, $staffNote: String!) {\n    orderEditCommit(id: $id, notifyCustomer: $notifyCustomer, staffNote: $staffNote) {\n      order {\n        id\n        updatedAt\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: CommitOrderEditMutation, variables: CommitOrderEditMutationVariables},
}
declare module '@shopify/admin-api-client' {
  type InputMaybe<T> = AdminTypes.InputMaybe<T>;
  interface AdminQueries extends GeneratedQueryTypes {}
  interface AdminMutations extends GeneratedMutationTypes {}
}
