/** FulfillmentOrder and FulfillmentHold views. */
import { SUPPORTED_ACTIONS } from "../state/fulfillment";
import { gid } from "../state/ids";
import type { FulfillmentOrderRecord, HoldRecord } from "../state/model";
import type { SandboxShop } from "../state/shop";
import { connection, type ConnectionArgs } from "./connection";
import { fulfillmentView, lineItemView, orderView } from "./orders";
import { variantView } from "./products";
import { locationView } from "./shop-locations";

export function holdView(hold: HoldRecord) {
  return {
    __typename: "FulfillmentHold",
    id: gid("FulfillmentHold", hold.id),
    handle: hold.handle,
    reason: hold.reason,
    reasonNotes: hold.reasonNotes,
    displayReason: hold.reason.replace(/_/g, " ").toLowerCase(),
    heldByRequestingApp: hold.heldByApp,
    heldByApp: null,
  };
}

export function fulfillmentOrderView(shop: SandboxShop, fo: FulfillmentOrderRecord) {
  const order = shop.orders.get(fo.orderId)!;
  const location = shop.locations.get(fo.locationId)!;
  return {
    __typename: "FulfillmentOrder",
    id: gid("FulfillmentOrder", fo.id),
    status: fo.status,
    requestStatus: "UNSUBMITTED",
    createdAt: fo.createdAt,
    updatedAt: fo.updatedAt,
    fulfillAt: null,
    fulfillBy: null,
    orderId: gid("Order", order.id),
    orderName: order.name,
    orderProcessedAt: order.createdAt,
    order: () => orderView(shop, order),
    assignedLocation: { name: location.name, countryCode: "NL", location: () => locationView(shop, location), address1: null, address2: null, city: null, province: null, zip: null, phone: null },
    fulfillmentHolds: fo.holds.map(holdView),
    supportedActions: (SUPPORTED_ACTIONS[fo.status] ?? []).map((action) => ({ action, externalUrl: null })),
    lineItems: (args: ConnectionArgs) => connection(fo.lineItems.map((l) => {
      const lineItem = order.lineItems.find((x) => x.id === l.lineItemId)!;
      const variant = lineItem.variantId === null ? undefined : shop.variants.get(lineItem.variantId);
      return {
        __typename: "FulfillmentOrderLineItem",
        id: gid("FulfillmentOrderLineItem", l.id),
        totalQuantity: l.totalQuantity,
        remainingQuantity: l.remainingQuantity,
        sku: lineItem.sku,
        productTitle: lineItem.title,
        variantTitle: lineItem.variantTitle,
        requiresShipping: true,
        inventoryItemId: variant ? gid("InventoryItem", variant.inventoryItemId) : null,
        warnings: [],
        lineItem: () => lineItemView(shop, order, lineItem),
        variant: () => (variant ? variantView(shop, variant) : null),
      };
    }), args, (l) => l.id),
    fulfillments: (args: ConnectionArgs) => connection(order.fulfillments.filter((f) => f.fulfillmentOrderIds.includes(fo.id)).map((f) => fulfillmentView(shop, order, f)), args, (f) => f.id),
  };
}
