/** `node` / `nodes`: resolve any supported GID to its view (null when unknown, like Shopify). */
import { parseGid } from "../state/ids";
import type { SandboxShop } from "../state/shop";
import { fulfillmentOrderView, holdView } from "./fulfillment-orders";
import { inventoryItemView, inventoryLevelView, shipmentView, transferView } from "./inventory";
import { metafieldDefinitionView, metafieldView } from "./metafields";
import { calculatedOrderView, orderEditSessionView } from "./order-edits";
import { fulfillmentOrderVisible, orderVisible } from "../state/app-access";
import { fulfillmentView, lineItemView, visibleOrderView } from "./orders";
import { productView, variantView } from "./products";
import { appInstallationView, locationView, shopView } from "./shop-locations";

export function nodeByGid(shop: SandboxShop, value: string): Record<string, unknown> | null {
  const parsed = parseGid(value);
  if (!parsed) return null;
  const { type, id } = parsed;
  const opt = <T, V>(record: T | undefined, view: (r: T) => V): V | null => (record ? view(record) : null);
  switch (type) {
    case "Product": return opt(shop.products.get(id), (r) => productView(shop, r));
    case "ProductVariant": return opt(shop.variants.get(id), (r) => variantView(shop, r));
    case "InventoryItem": return opt(shop.items.get(id), (r) => inventoryItemView(shop, r));
    case "InventoryLevel": return opt(parsed.inventoryItemId === undefined ? undefined : shop.level(parsed.inventoryItemId, id), (r) => inventoryLevelView(shop, r));
    case "Location": return opt(shop.locations.get(id), (r) => locationView(shop, r));
    case "Order": return visibleOrderView(shop, shop.orders.get(id));
    // A fulfillment order is outside the 60-day window with its order (see app-access.ts).
    case "FulfillmentOrder": return opt(shop.fulfillmentOrders.get(id), (r) => (fulfillmentOrderVisible(shop, r) ? fulfillmentOrderView(shop, r) : null));
    case "InventoryShipment": return opt(shop.shipments.get(id), (r) => shipmentView(shop, r));
    case "InventoryTransfer": return opt([...shop.shipments.values()].find((s) => s.transferId === id), (r) => transferView(shop, r));
    case "MetafieldDefinition": return opt(shop.metafieldDefinitions.get(id), (r) => metafieldDefinitionView(shop, r));
    case "AppInstallation": return id === shop.appInstallationId ? appInstallationView(shop) : null;
    case "Shop": return shopView(shop);
    case "CalculatedOrder": return opt(shop.orderEdits.find(value), (r) => calculatedOrderView(shop, r));
    case "OrderEditSession": return opt(shop.orderEdits.find(value), orderEditSessionView);
    default: break;
  }
  for (const order of shop.orders.values()) {
    // An order's lines and fulfillments are outside the 60-day window with it (see app-access.ts).
    if (!orderVisible(shop.appAccess, order, shop.now())) continue;
    if (type === "LineItem") {
      const line = order.lineItems.find((l) => l.id === id);
      if (line) return lineItemView(shop, order, line);
    }
    if (type === "Fulfillment") {
      const f = order.fulfillments.find((x) => x.id === id);
      if (f) return fulfillmentView(shop, order, f);
    }
  }
  if (type === "FulfillmentHold") {
    for (const fo of shop.fulfillmentOrders.values()) {
      const hold = fo.holds.find((h) => h.id === id);
      if (hold) return holdView(hold);
    }
  }
  if (type === "Metafield") {
    for (const map of shop.metafields.values()) for (const m of map.values()) if (m.id === id) return metafieldView(shop, m);
  }
  return null;
}
