/** Metafield, tag, variant and inventory writes the Admin API mutations call. Atomic: validate, then apply. */
import { createHash } from "node:crypto";
import type { Gid } from "./contract";
import { ShopUserError } from "./errors";
import { gid, parseGid } from "./ids";
import { availableOf, metafieldKey, type MetafieldDefinitionRecord, type MetafieldRecord } from "./model";
import type { SandboxShop } from "./shop";
import { productPayload } from "./webhook-payloads";

export function compareDigest(record: MetafieldRecord): string {
  return createHash("sha256").update(`${record.id}:${record.version}:${record.value}`).digest("hex");
}

/** Whether a GID names something that can own metafields in this sandbox. */
export function ownerExists(shop: SandboxShop, ownerGid: Gid): boolean {
  const parsed = parseGid(ownerGid);
  if (!parsed) return false;
  switch (parsed.type) {
    case "Product": return shop.products.has(parsed.id);
    case "ProductVariant": return shop.variants.has(parsed.id);
    case "Order": return shop.orders.has(parsed.id);
    case "Location": return shop.locations.has(parsed.id);
    case "AppInstallation": return parsed.id === shop.appInstallationId;
    case "Shop": return true;
    default: return false;
  }
}

export interface MetafieldSetInput {
  ownerId: Gid;
  namespace?: string | null;
  key: string;
  type?: string | null;
  value: string;
  compareDigest?: string | null;
}

export function setMetafields(shop: SandboxShop, inputs: MetafieldSetInput[]): MetafieldRecord[] {
  if (inputs.length > 25) throw new ShopUserError("Exceeded the maximum metafields input limit of 25.", ["metafields"], "LESS_THAN_OR_EQUAL_TO");
  inputs.forEach((input, index) => {
    const field = (name: string) => ["metafields", String(index), name];
    if (!ownerExists(shop, input.ownerId)) throw new ShopUserError("Owner does not exist.", field("ownerId"), "INVALID");
    const existing = shop.metafields.get(input.ownerId)?.get(metafieldKey(input.namespace ?? "$app", input.key));
    if (!existing && !input.type) throw new ShopUserError("Type can't be blank.", field("type"), "BLANK");
    if (input.key.length < 2) throw new ShopUserError("Key is too short (minimum is 2 characters).", field("key"), "TOO_SHORT");
    if (input.compareDigest !== undefined && input.compareDigest !== null) {
      if (!existing || compareDigest(existing) !== input.compareDigest) {
        throw new ShopUserError("The resource has been updated since it was loaded. Try again with an updated `compareDigest` value.", field("compareDigest"), "STALE_OBJECT");
      }
    }
    if ((input.type ?? existing?.type) === "json" || (input.type ?? existing?.type)?.startsWith("json")) {
      try {
        JSON.parse(input.value);
      } catch {
        throw new ShopUserError("Value is invalid JSON.", field("value"), "INVALID_VALUE");
      }
    }
    if ((input.type ?? existing?.type) === "number_integer" && !/^-?\d+$/.test(input.value)) {
      throw new ShopUserError("Value must be an integer.", field("value"), "INVALID_VALUE");
    }
  });
  const now = shop.nowIso();
  return inputs.map((input) => {
    const namespace = input.namespace ?? "$app";
    const map = shop.metafieldsOf(input.ownerId);
    const key = metafieldKey(namespace, input.key);
    const existing = map.get(key);
    if (existing) {
      existing.value = input.value;
      existing.type = input.type ?? existing.type;
      existing.updatedAt = now;
      existing.version += 1;
      return existing;
    }
    const record: MetafieldRecord = { id: shop.ids.take(), ownerId: input.ownerId, namespace, key: input.key, type: input.type!, value: input.value, createdAt: now, updatedAt: now, version: 1 };
    map.set(key, record);
    return record;
  });
}

export function deleteMetafields(shop: SandboxShop, inputs: { ownerId: Gid; namespace: string; key: string }[]) {
  return inputs.map((input) => {
    const map = shop.metafields.get(input.ownerId);
    const deleted = map?.delete(metafieldKey(input.namespace, input.key)) ?? false;
    return deleted ? { ownerId: input.ownerId, namespace: input.namespace, key: input.key } : null;
  });
}

export function createMetafieldDefinition(
  shop: SandboxShop,
  input: { namespace?: string | null; key: string; name: string; type: string; ownerType: string; description?: string | null; access?: { admin?: string | null; storefront?: string | null } | null },
): MetafieldDefinitionRecord {
  const namespace = input.namespace ?? "$app";
  const taken = [...shop.metafieldDefinitions.values()].some((d) => d.namespace === namespace && d.key === input.key && d.ownerType === input.ownerType);
  if (taken) throw new ShopUserError("Key is in use for this namespace and owner type.", ["definition", "key"], "TAKEN");
  // Shopify's defaults: merchants read and write in admin, the storefront sees nothing.
  const access = { admin: input.access?.admin ?? "MERCHANT_READ_WRITE", storefront: input.access?.storefront ?? "NONE" };
  const record = { id: shop.ids.take(), namespace, key: input.key, name: input.name, type: input.type, ownerType: input.ownerType, description: input.description ?? null, access };
  shop.metafieldDefinitions.set(record.id, record);
  return record;
}

/** tagsAdd / tagsRemove on orders and products. Returns the owner's GID. */
export function changeTags(shop: SandboxShop, ownerGid: Gid, tags: string[], mode: "add" | "remove"): Gid {
  const parsed = parseGid(ownerGid);
  const clean = tags.flatMap((t) => t.split(",")).map((t) => t.trim()).filter(Boolean);
  const target = parsed?.type === "Order" ? shop.orders.get(parsed.id) : parsed?.type === "Product" ? shop.products.get(parsed.id) : undefined;
  if (!parsed || !target) throw new ShopUserError("Resource does not exist or does not support tags.", ["id"], null);
  const lower = new Set(clean.map((t) => t.toLowerCase()));
  if (mode === "add") {
    for (const tag of clean) if (!target.tags.some((t) => t.toLowerCase() === tag.toLowerCase())) target.tags.push(tag);
  } else {
    target.tags = target.tags.filter((t) => !lower.has(t.toLowerCase()));
  }
  if (parsed.type === "Order") {
    shop.touchOrder(shop.orders.get(parsed.id)!);
  } else {
    const product = shop.products.get(parsed.id)!;
    product.updatedAt = shop.nowIso();
    shop.emit("products/update", productPayload(product, shop.lookups));
  }
  return ownerGid;
}

export interface VariantUpdateInput {
  id?: Gid | null;
  inventoryPolicy?: "CONTINUE" | "DENY" | null;
  price?: string | null;
  metafields?: { namespace?: string | null; key: string; type?: string | null; value: string }[] | null;
}

export function updateVariants(shop: SandboxShop, productGid: Gid, inputs: VariantUpdateInput[]) {
  const parsed = parseGid(productGid);
  const product = parsed?.type === "Product" ? shop.products.get(parsed.id) : undefined;
  if (!product) throw new ShopUserError("Product does not exist", ["productId"], "PRODUCT_DOES_NOT_EXIST");
  const variants = inputs.map((input, index) => {
    if (!input.id) throw new ShopUserError("Product variant is missing ID attribute", ["variants", String(index), "id"], "PRODUCT_VARIANT_ID_MISSING");
    const id = parseGid(input.id)?.id;
    const variant = id === undefined ? undefined : shop.variants.get(id);
    if (!variant) throw new ShopUserError("Product variant does not exist", ["variants", String(index), "id"], "PRODUCT_VARIANT_DOES_NOT_EXIST");
    if (variant.productId !== product.id) throw new ShopUserError("Product variant does not belong to the product", ["variants", String(index), "id"], "MUST_BE_FOR_THIS_PRODUCT");
    if (input.price !== undefined && input.price !== null && Number(input.price) < 0) throw new ShopUserError("Price must be positive", ["variants", String(index), "price"], "NEGATIVE_PRICE_VALUE");
    return variant;
  });
  const metafieldInputs = inputs.flatMap((input, index) => (input.metafields ?? []).map((m) => ({ ...m, ownerId: gid("ProductVariant", variants[index]!.id) })));
  setMetafields(shop, metafieldInputs);
  const now = shop.nowIso();
  inputs.forEach((input, index) => {
    const variant = variants[index]!;
    if (input.inventoryPolicy) variant.inventoryPolicy = input.inventoryPolicy;
    if (input.price) variant.price = input.price;
    variant.updatedAt = now;
  });
  product.updatedAt = now;
  shop.emit("products/update", productPayload(product, shop.lookups));
  return { product, variants };
}

export interface QuantityChange {
  inventoryItemId: Gid;
  locationId: Gid;
  /** Absolute for set, delta for adjust. */
  value: number;
  changeFromQuantity?: number | null;
}

export interface AppliedChange { itemId: number; locationId: number; name: string; delta: number; quantityAfterChange: number }

/** inventorySetQuantities / inventoryAdjustQuantities for `available` and `on_hand`. */
export function changeQuantities(shop: SandboxShop, name: string, changes: QuantityChange[], mode: "set" | "adjust"): AppliedChange[] {
  if (name !== "available" && name !== "on_hand") throw new ShopUserError(`The quantity name '${name}' is not supported.`, ["input", "name"], mode === "set" ? "INVALID_NAME" : "INVALID_QUANTITY_NAME");
  const listField = mode === "set" ? "quantities" : "changes";
  const resolved = changes.map((change, index) => {
    const field = (f: string) => ["input", listField, String(index), f];
    const itemId = parseGid(change.inventoryItemId)?.id;
    const item = itemId === undefined ? undefined : shop.items.get(itemId);
    if (!item) throw new ShopUserError("The specified inventory item could not be found.", field("inventoryItemId"), "INVALID_INVENTORY_ITEM");
    const locationId = parseGid(change.locationId)?.id;
    if (locationId === undefined || !shop.locations.has(locationId)) throw new ShopUserError("The specified location could not be found.", field("locationId"), "INVALID_LOCATION");
    const level = shop.level(item.id, locationId);
    const current = level ? (name === "available" ? availableOf(level) : level.onHand) : 0;
    if (change.changeFromQuantity !== undefined && change.changeFromQuantity !== null && change.changeFromQuantity !== current) {
      throw new ShopUserError("The specified compare quantity does not match the current quantity.", field("changeFromQuantity"), "CHANGE_FROM_QUANTITY_STALE");
    }
    const delta = mode === "set" ? change.value - current : change.value;
    if (Math.abs(current + delta) > 1_000_000_000) throw new ShopUserError("The quantity is too high.", field(mode === "set" ? "quantity" : "delta"), "INVALID_QUANTITY_TOO_HIGH");
    return { itemId: item.id, locationId, delta, after: current + delta };
  });
  return resolved.map(({ itemId, locationId, delta, after }) => {
    // Both names move on_hand: setting `available` is an inventory count.
    shop.changeLevel(itemId, locationId, { onHand: delta });
    return { itemId, locationId, name, delta, quantityAfterChange: after };
  });
}
