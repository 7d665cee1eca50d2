/** Shop, Location and AppInstallation views. */
import { gid } from "../state/ids";
import type { LocationRecord } from "../state/model";
import type { SandboxShop } from "../state/shop";
import { connection, type ConnectionArgs } from "./connection";
import { inventoryLevelView } from "./inventory";
import { metafieldFields } from "./metafields";

export function shopView(shop: SandboxShop) {
  const shopGid = gid("Shop", 1);
  return {
    __typename: "Shop",
    id: shopGid,
    name: shop.name,
    email: shop.email,
    contactEmail: shop.email,
    myshopifyDomain: shop.domain,
    url: `https://${shop.domain}`,
    currencyCode: shop.currencyCode,
    ianaTimezone: shop.ianaTimezone,
    primaryDomain: { __typename: "Domain", id: gid("Domain", 1), host: shop.domain, url: `https://${shop.domain}`, sslEnabled: true },
    ...metafieldFields(shop, shopGid),
  };
}

export function locationView(shop: SandboxShop, location: LocationRecord) {
  const locationGid = gid("Location", location.id);
  const levels = () => [...shop.levels.values()].filter((l) => l.locationId === location.id);
  return {
    __typename: "Location",
    id: locationGid,
    legacyResourceId: String(location.id),
    name: location.name,
    isActive: location.isActive,
    fulfillsOnlineOrders: location.fulfillsOnlineOrders,
    shipsInventory: true,
    hasActiveInventory: levels().length > 0,
    isFulfillmentService: false,
    createdAt: location.createdAt,
    updatedAt: location.createdAt,
    inventoryLevel: (args: { inventoryItemId: string }) => {
      const itemId = Number(/(\d+)$/.exec(args.inventoryItemId)?.[1]);
      const level = shop.level(itemId, location.id);
      return level ? inventoryLevelView(shop, level) : null;
    },
    inventoryLevels: (args: ConnectionArgs) => connection(levels().map((l) => inventoryLevelView(shop, l)), args, (l) => l.id),
    ...metafieldFields(shop, locationGid),
  };
}

export function locationsConnection(shop: SandboxShop, args: ConnectionArgs & { includeInactive?: boolean | null }) {
  const all = [...shop.locations.values()].filter((l) => l.isActive || args.includeInactive);
  return connection(all.map((l) => locationView(shop, l)), args, (l) => l.id);
}

export function appInstallationView(shop: SandboxShop) {
  const installationGid = gid("AppInstallation", shop.appInstallationId);
  return {
    __typename: "AppInstallation",
    id: installationGid,
    launchUrl: `https://${shop.domain}/admin/apps/backorder-manager`,
    uninstallUrl: null,
    // The scopes granted on this shop (https://shopify.dev/docs/api/admin-graphql/latest/objects/AppInstallation, accessScopes).
    accessScopes: () => shop.appAccess.grantedScopes().map((handle) => ({ __typename: "AccessScope", handle, description: handle })),
    activeSubscriptions: [],
    ...metafieldFields(shop, installationGid),
  };
}
