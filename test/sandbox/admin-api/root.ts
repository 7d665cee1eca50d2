/** Root query fields and mutations. Mutations turn ShopUserErrors into `userErrors`. */
import { fulfillmentOrderVisible, orderVisible } from "../state/app-access";
import { ShopUserError } from "../state/errors";
import { gid, parseGid } from "../state/ids";
import * as ops from "../state/admin-ops";
import * as fulfillment from "../state/fulfillment";
import type { SandboxShop } from "../state/shop";
import { connection, type ConnectionArgs } from "./connection";
import { fulfillmentOrderView, holdView } from "./fulfillment-orders";
import { inventoryItemView, shipmentsList, shipmentView, transferView, transfersList } from "./inventory";
import { metafieldDefinitionView, metafieldView } from "./metafields";
import { nodeByGid } from "./node";
import { orderEditMutations } from "./order-edits";
import { shipmentMutations } from "./shipment-mutations";
import { fulfillmentView, ordersConnection } from "./orders";
import { productsConnection, productView, variantsConnection, variantView } from "./products";
import { appInstallationView, locationsConnection, shopView } from "./shop-locations";
import { guarded } from "./user-errors";

type Args = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- validated by the schema

const typed = (shop: SandboxShop, value: string, type: string) => {
  const node = nodeByGid(shop, value);
  return node && node.__typename === type ? node : null;
};

export function queryRoot(shop: SandboxShop) {
  return {
    shop: () => shopView(shop),
    currentAppInstallation: () => appInstallationView(shop),
    locations: (args: Args) => locationsConnection(shop, args),
    location: (args: Args) => (args.id ? typed(shop, args.id, "Location") : locationsConnection(shop, { first: 1 }).nodes[0] ?? null),
    products: (args: Args) => productsConnection(shop, args),
    product: (args: Args) => typed(shop, args.id, "Product"),
    productByHandle: (args: Args) => {
      const p = [...shop.products.values()].find((x) => x.handle === args.handle);
      return p ? productView(shop, p) : null;
    },
    productVariants: (args: Args) => variantsConnection(shop, args),
    productVariant: (args: Args) => typed(shop, args.id, "ProductVariant"),
    inventoryItem: (args: Args) => typed(shop, args.id, "InventoryItem"),
    inventoryItems: (args: Args) => {
      const skus = /sku:(\S+)/.exec(args.query ?? "")?.[1]?.replace(/^["']|["']$/g, "");
      const items = [...shop.items.values()].filter((i) => !skus || shop.variants.get(i.variantId)?.sku === skus);
      return connection(items.map((i) => inventoryItemView(shop, i)), args, (i) => i.legacyResourceId);
    },
    inventoryLevel: (args: Args) => typed(shop, args.id, "InventoryLevel"),
    inventoryShipment: (args: Args) => typed(shop, args.id, "InventoryShipment"),
    inventoryShipments: (args: Args) => connection(shipmentsList(shop, args.query).map((s) => shipmentView(shop, s)), args, (s) => s.id),
    inventoryTransfer: (args: Args) => typed(shop, args.id, "InventoryTransfer"),
    inventoryTransfers: (args: Args) => connection(transfersList(shop, args.query).map((s) => transferView(shop, s)), args, (t) => t.id),
    orders: (args: Args) => ordersConnection(shop, args),
    order: (args: Args) => typed(shop, args.id, "Order"),
    fulfillmentOrder: (args: Args) => typed(shop, args.id, "FulfillmentOrder"),
    node: (args: Args) => nodeByGid(shop, args.id),
    nodes: (args: Args) => (args.ids as string[]).map((id) => nodeByGid(shop, id)),
    metafieldDefinitions: (args: Args & ConnectionArgs) => {
      const defs = [...shop.metafieldDefinitions.values()].filter((d) => d.ownerType === args.ownerType && (!args.namespace || d.namespace === args.namespace) && (!args.key || d.key === args.key));
      return connection(defs.map((d) => metafieldDefinitionView(shop, d)), args, (d) => d.id);
    },
  };
}

/** A fulfillment order the app may act on: one whose order is past the 60-day window does not exist for it. */
function actionable(shop: SandboxShop, foGid: string): string {
  const fo = fulfillment.fulfillmentOrderOrError(shop, foGid);
  if (!fulfillmentOrderVisible(shop, fo)) throw new ShopUserError("Fulfillment order does not exist.", ["id"], "FULFILLMENT_ORDER_NOT_FOUND");
  return foGid;
}

/** An order past the 60-day window: to the app it does not exist, for writes as for reads. */
function isHiddenOrder(shop: SandboxShop, ownerGid: unknown): boolean {
  const parsed = typeof ownerGid === "string" ? parseGid(ownerGid) : null;
  const order = parsed?.type === "Order" ? shop.orders.get(parsed.id) : undefined;
  return order !== undefined && !orderVisible(shop.appAccess, order, shop.now());
}

function taggable(shop: SandboxShop, id: string): string {
  if (isHiddenOrder(shop, id)) throw new ShopUserError("Resource does not exist or does not support tags.", ["id"], null);
  return id;
}

export function mutationRoot(shop: SandboxShop) {
  return {
    ...orderEditMutations(shop),
    ...shipmentMutations(shop),
    productVariantsBulkUpdate: (args: Args) => guarded({ product: null, productVariants: null }, () => {
      const result = ops.updateVariants(shop, args.productId, args.variants);
      return { product: productView(shop, result.product), productVariants: result.variants.map((v) => variantView(shop, v)) };
    }),
    metafieldsSet: (args: Args) => guarded({ metafields: null }, () => {
      (args.metafields as Args[]).forEach((input, index) => {
        if (isHiddenOrder(shop, input.ownerId)) throw new ShopUserError("Owner does not exist.", ["metafields", String(index), "ownerId"], "INVALID");
      });
      return { metafields: ops.setMetafields(shop, args.metafields).map((m) => metafieldView(shop, m)) };
    }),
    metafieldsDelete: (args: Args) => guarded({ deletedMetafields: null }, () => ({ deletedMetafields: ops.deleteMetafields(shop, args.metafields) })),
    metafieldDefinitionCreate: (args: Args) => guarded({ createdDefinition: null }, () => ({ createdDefinition: metafieldDefinitionView(shop, ops.createMetafieldDefinition(shop, args.definition)) })),
    tagsAdd: (args: Args) => guarded({ node: null }, () => ({ node: nodeByGid(shop, ops.changeTags(shop, taggable(shop, args.id), args.tags, "add")) })),
    tagsRemove: (args: Args) => guarded({ node: null }, () => ({ node: nodeByGid(shop, ops.changeTags(shop, taggable(shop, args.id), args.tags, "remove")) })),
    fulfillmentOrderHold: (args: Args) => guarded({ fulfillmentHold: null, fulfillmentOrder: null, remainingFulfillmentOrder: null }, () => {
      const result = fulfillment.holdFulfillmentOrder(shop, actionable(shop, args.id), args.fulfillmentHold);
      return {
        fulfillmentHold: holdView(result.fulfillmentHold),
        fulfillmentOrder: fulfillmentOrderView(shop, result.fulfillmentOrder),
        remainingFulfillmentOrder: result.remainingFulfillmentOrder ? fulfillmentOrderView(shop, result.remainingFulfillmentOrder) : null,
      };
    }),
    fulfillmentOrderReleaseHold: (args: Args) => guarded({ fulfillmentOrder: null }, () => ({ fulfillmentOrder: fulfillmentOrderView(shop, fulfillment.releaseHold(shop, actionable(shop, args.id), args.holdIds)) })),
    fulfillmentOrderMove: (args: Args) => guarded({ movedFulfillmentOrder: null, originalFulfillmentOrder: null, remainingFulfillmentOrder: null }, () => {
      const result = fulfillment.moveFulfillmentOrder(shop, actionable(shop, args.id), args.newLocationId, args.fulfillmentOrderLineItems);
      return {
        movedFulfillmentOrder: fulfillmentOrderView(shop, result.movedFulfillmentOrder),
        originalFulfillmentOrder: fulfillmentOrderView(shop, result.originalFulfillmentOrder),
        remainingFulfillmentOrder: result.remainingFulfillmentOrder ? fulfillmentOrderView(shop, result.remainingFulfillmentOrder) : null,
      };
    }),
    fulfillmentCreate: (args: Args) => guarded({ fulfillment: null }, () => {
      for (const group of (args.fulfillment?.lineItemsByFulfillmentOrder ?? []) as Args[]) actionable(shop, group.fulfillmentOrderId);
      const record = fulfillment.createFulfillment(shop, args.fulfillment);
      return { fulfillment: fulfillmentView(shop, shop.orders.get(record.orderId)!, record) };
    }),
    inventorySetQuantities: (args: Args) => guarded({ inventoryAdjustmentGroup: null }, () => {
      const changes = ops.changeQuantities(shop, args.input.name, (args.input.quantities as Args[]).map((q) => ({ inventoryItemId: q.inventoryItemId, locationId: q.locationId, value: q.quantity, changeFromQuantity: q.changeFromQuantity })), "set");
      return { inventoryAdjustmentGroup: adjustmentGroup(shop, args.input, changes) };
    }),
    inventoryAdjustQuantities: (args: Args) => guarded({ inventoryAdjustmentGroup: null }, () => {
      const changes = ops.changeQuantities(shop, args.input.name, (args.input.changes as Args[]).map((c) => ({ inventoryItemId: c.inventoryItemId, locationId: c.locationId, value: c.delta, changeFromQuantity: c.changeFromQuantity })), "adjust");
      return { inventoryAdjustmentGroup: adjustmentGroup(shop, args.input, changes) };
    }),
  };
}

function adjustmentGroup(shop: SandboxShop, input: Args, changes: ops.AppliedChange[]) {
  const id = shop.ids.take();
  return {
    __typename: "InventoryAdjustmentGroup",
    id: gid("InventoryAdjustmentGroup", id),
    createdAt: shop.nowIso(),
    reason: input.reason,
    referenceDocumentUri: input.referenceDocumentUri ?? null,
    app: null,
    staffMember: null,
    changes: () => changes.map((c) => ({
      name: c.name,
      delta: c.delta,
      quantityAfterChange: c.quantityAfterChange,
      ledgerDocumentUri: null,
      item: () => inventoryItemView(shop, shop.items.get(c.itemId)!),
      location: () => typed(shop, gid("Location", c.locationId), "Location"),
    })),
  };
}

