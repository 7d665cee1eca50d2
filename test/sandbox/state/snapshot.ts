/** Plain-JSON read-backs of the shop for the control API, tests and the storefront. */
import type { MetafieldValue, ShopSnapshot, StorefrontProduct } from "./contract";
import { gid } from "./ids";
import { availableOf, type MetafieldRecord, type ProductRecord } from "./model";
import type { SandboxShop } from "./shop";

export function metafieldValue(record: MetafieldRecord): MetafieldValue {
  return {
    id: gid("Metafield", record.id),
    namespace: record.namespace,
    key: record.key,
    type: record.type,
    value: record.value,
    updatedAt: record.updatedAt,
  };
}

function metafieldValues(shop: SandboxShop, ownerGid: string): MetafieldValue[] {
  return [...(shop.metafields.get(ownerGid)?.values() ?? [])].map(metafieldValue);
}

export function snapshotOf(shop: SandboxShop): ShopSnapshot {
  return {
    shop: { domain: shop.domain, name: shop.name, currencyCode: shop.currencyCode },
    locations: [...shop.locations.values()].map((l) => ({ id: gid("Location", l.id), name: l.name, fulfillsOnlineOrders: l.fulfillsOnlineOrders })),
    variants: [...shop.variants.values()].map((v) => {
      const product = shop.products.get(v.productId);
      const variantGid = gid("ProductVariant", v.id);
      return {
        id: variantGid,
        productId: gid("Product", v.productId),
        productTitle: product?.title ?? "",
        title: v.title,
        sku: v.sku,
        price: v.price,
        inventoryPolicy: v.inventoryPolicy,
        tracked: shop.items.get(v.inventoryItemId)?.tracked ?? false,
        metafields: metafieldValues(shop, variantGid),
        levels: shop.levelsOfItem(v.inventoryItemId).map((level) => ({
          locationId: gid("Location", level.locationId),
          available: availableOf(level),
          onHand: level.onHand,
          committed: level.committed,
          incoming: level.incoming,
        })),
      };
    }),
    orders: [...shop.orders.values()].map((order) => {
      const orderGid = gid("Order", order.id);
      return {
        id: orderGid,
        name: order.name,
        createdAt: order.createdAt,
        cancelledAt: order.cancelledAt,
        tags: [...order.tags],
        metafields: metafieldValues(shop, orderGid),
        lineItems: order.lineItems.map((line) => ({
          id: gid("LineItem", line.id),
          variantId: line.variantId === null ? null : gid("ProductVariant", line.variantId),
          quantity: line.quantity,
          currentQuantity: line.currentQuantity,
          properties: { ...line.properties },
        })),
        fulfillmentOrders: shop.fulfillmentOrdersOf(order).map((fo) => ({
          id: gid("FulfillmentOrder", fo.id),
          status: fo.status,
          locationId: gid("Location", fo.locationId),
          holds: fo.holds.map((h) => ({ id: gid("FulfillmentHold", h.id), handle: h.handle, reason: h.reason, reasonNotes: h.reasonNotes })),
          lineItems: fo.lineItems.map((l) => ({
            id: gid("FulfillmentOrderLineItem", l.id),
            lineItemId: gid("LineItem", l.lineItemId),
            totalQuantity: l.totalQuantity,
            remainingQuantity: l.remainingQuantity,
          })),
        })),
        fulfillments: order.fulfillments.map((f) => ({
          id: gid("Fulfillment", f.id),
          status: f.status,
          lineItems: f.lineItems.map((l) => ({ lineItemId: gid("LineItem", l.lineItemId), quantity: l.quantity })),
        })),
        edits: order.edits.map((edit) => ({
          id: edit.id,
          committedAt: edit.committedAt,
          notifyCustomer: edit.notifyCustomer,
          staffNote: edit.staffNote,
          lineChanges: edit.lineChanges.map((c) => ({ lineItemId: gid("LineItem", c.lineItemId), delta: c.delta, restock: c.restock })),
        })),
      };
    }),
  };
}

export function storefrontProductOf(shop: SandboxShop, product: ProductRecord): StorefrontProduct {
  return {
    id: gid("Product", product.id),
    handle: product.handle,
    title: product.title,
    description: product.description,
    vendor: product.vendor,
    productType: product.productType,
    tags: [...product.tags],
    metafields: metafieldValues(shop, gid("Product", product.id)),
    variants: product.variantIds.flatMap((id) => {
      const v = shop.variants.get(id);
      if (!v) return [];
      return [
        {
          id: gid("ProductVariant", v.id),
          title: v.title,
          sku: v.sku,
          price: v.price,
          inventoryPolicy: v.inventoryPolicy,
          tracked: shop.items.get(v.inventoryItemId)?.tracked ?? false,
          // The online store's count: stock at a shop that does not fulfil online orders is not for sale here.
          inventoryQuantity: shop.onlineAvailable(v.id),
          metafields: metafieldValues(shop, gid("ProductVariant", v.id)),
        },
      ];
    }),
  };
}
