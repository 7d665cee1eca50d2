/** The catalogue: locations, and products with their variants, inventory items and starting stock. */
import type { Gid } from "./contract";
import { gid, idOf } from "./ids";
import type { ProductRecord } from "./model";
import type { SandboxShop } from "./shop";
import { productPayload } from "./webhook-payloads";

export interface NewProductInput {
  title: string;
  handle?: string;
  description?: string;
  vendor: string;
  productType: string;
  tags?: string[];
  /** A featured image (the default), or none. */
  image?: boolean;
  variants: {
    title: string;
    sku: string;
    price: string;
    inventoryPolicy?: "CONTINUE" | "DENY";
    tracked?: boolean;
    unitCost?: string | null;
    /** Available per location GID; a location missing here does not stock the item. */
    stock?: Record<Gid, number>;
  }[];
}

export function addLocation(shop: SandboxShop, name: string, options: { fulfillsOnlineOrders?: boolean } = {}): Gid {
  const id = shop.ids.take();
  shop.locations.set(id, {
    id,
    name,
    isActive: true,
    fulfillsOnlineOrders: options.fulfillsOnlineOrders ?? true,
    createdAt: shop.nowIso(),
  });
  return gid("Location", id);
}

export function addProduct(shop: SandboxShop, input: NewProductInput): { productId: Gid; variantIds: Gid[] } {
  const now = shop.nowIso();
  const productId = shop.ids.take();
  const handle = input.handle ?? input.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  const product: ProductRecord = {
    id: productId,
    title: input.title,
    handle,
    description: input.description ?? "",
    vendor: input.vendor,
    productType: input.productType,
    tags: [...(input.tags ?? [])],
    status: "ACTIVE",
    image: input.image === false ? null : { altText: input.title },
    variantIds: [],
    createdAt: now,
    updatedAt: now,
  };
  shop.products.set(productId, product);
  input.variants.forEach((v, index) => {
    const variantId = shop.ids.take();
    const itemId = shop.ids.take();
    shop.variants.set(variantId, {
      id: variantId,
      productId,
      title: v.title,
      sku: v.sku,
      price: v.price,
      inventoryPolicy: v.inventoryPolicy ?? "DENY",
      inventoryItemId: itemId,
      position: index + 1,
      createdAt: now,
      updatedAt: now,
    });
    shop.items.set(itemId, {
      id: itemId,
      variantId,
      tracked: v.tracked ?? true,
      unitCost: v.unitCost ?? null,
      createdAt: now,
      updatedAt: now,
    });
    for (const [locationGid, available] of Object.entries(v.stock ?? {})) {
      const level = shop.stockAt(itemId, idOf(locationGid, "Location"));
      level.onHand = available;
    }
    product.variantIds.push(variantId);
  });
  shop.emit("products/create", productPayload(product, shop.lookups));
  return { productId: gid("Product", productId), variantIds: product.variantIds.map((id) => gid("ProductVariant", id)) };
}
