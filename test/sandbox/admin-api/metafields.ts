/** Metafield and metafield definition views, and the metafield(s) fields every owner shares. */
import { gid } from "../state/ids";
import { compareDigest } from "../state/admin-ops";
import type { MetafieldDefinitionRecord, MetafieldRecord } from "../state/model";
import type { SandboxShop } from "../state/shop";
import { connection, type ConnectionArgs } from "./connection";
import { nodeByGid } from "./node";

export function metafieldView(shop: SandboxShop, record: MetafieldRecord) {
  return {
    __typename: "Metafield",
    id: gid("Metafield", record.id),
    legacyResourceId: String(record.id),
    namespace: record.namespace,
    key: record.key,
    type: record.type,
    value: record.value,
    jsonValue: () => {
      try {
        return JSON.parse(record.value) as unknown;
      } catch {
        return record.value;
      }
    },
    compareDigest: compareDigest(record),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    ownerType: ownerTypeOf(record.ownerId),
    owner: () => nodeByGid(shop, record.ownerId),
    definition: () => {
      const def = [...shop.metafieldDefinitions.values()].find((d) => d.namespace === record.namespace && d.key === record.key && d.ownerType === ownerTypeOf(record.ownerId));
      return def ? metafieldDefinitionView(shop, def) : null;
    },
  };
}

function ownerTypeOf(ownerGid: string): string {
  const type = /gid:\/\/shopify\/(\w+)\//.exec(ownerGid)?.[1] ?? "";
  return ({ Product: "PRODUCT", ProductVariant: "PRODUCTVARIANT", Order: "ORDER", Location: "LOCATION", Shop: "SHOP", AppInstallation: "API_PERMISSION" } as Record<string, string>)[type] ?? type.toUpperCase();
}

/** `metafield(namespace, key)` and `metafields(...)` for an owner. */
export function metafieldFields(shop: SandboxShop, ownerGid: string) {
  const list = () => [...(shop.metafields.get(ownerGid)?.values() ?? [])];
  return {
    metafield: (args: { namespace?: string | null; key: string }) => {
      // `key` may be "namespace.key" when namespace is omitted.
      const [namespace, key] = args.namespace ? [args.namespace, args.key] : splitKey(args.key);
      const record = list().find((m) => m.namespace === namespace && m.key === key);
      return record ? metafieldView(shop, record) : null;
    },
    metafields: (args: ConnectionArgs & { namespace?: string | null; keys?: string[] | null }) => {
      const filtered = list().filter((m) => (!args.namespace || m.namespace === args.namespace) && (!args.keys || args.keys.includes(`${m.namespace}.${m.key}`)));
      return connection(filtered.map((m) => metafieldView(shop, m)), args, (m) => m.id);
    },
  };
}

function splitKey(full: string): [string, string] {
  const index = full.lastIndexOf(".");
  return index < 0 ? ["$app", full] : [full.slice(0, index), full.slice(index + 1)];
}

export function metafieldDefinitionView(shop: SandboxShop, def: MetafieldDefinitionRecord) {
  return {
    __typename: "MetafieldDefinition",
    id: gid("MetafieldDefinition", def.id),
    namespace: def.namespace,
    key: def.key,
    name: def.name,
    description: def.description,
    ownerType: def.ownerType,
    access: { admin: def.access.admin, storefront: def.access.storefront, customerAccount: "NONE" },
    type: { name: def.type, category: def.type.includes("json") ? "JSON" : "TEXT", supportsDefinitionMigrations: true, supportedValidations: [] },
    pinnedPosition: null,
    validations: [],
    useAsCollectionCondition: false,
    validationStatus: "ALL_VALID",
    metafieldsCount: () => [...shop.metafields.values()].flatMap((m) => [...m.values()]).filter((m) => m.namespace === def.namespace && m.key === def.key && ownerTypeOf(m.ownerId) === def.ownerType).length,
  };
}
