/** Product and ProductVariant views, and the products / productVariants queries. */
import { gid } from "../state/ids";
import type { ProductRecord, VariantRecord } from "../state/model";
import type { SandboxShop } from "../state/shop";
import { connection, matches, parseSearch, type ConnectionArgs, type Fields } from "./connection";
import { inventoryItemView } from "./inventory";
import { metafieldFields } from "./metafields";
import { productImageUrl } from "../cdn/product-images";

/**
 * The product's featured media: a ready MediaImage whose preview is the image
 * (Product.featuredMedia and MediaPreviewImage, Admin GraphQL 2026-10:
 * https://shopify.dev/docs/api/admin-graphql/latest/objects/MediaPreviewImage;
 * the preview image "Returns null until status is READY").
 */
function featuredMediaView(shop: SandboxShop, product: ProductRecord) {
  if (!product.image) return null;
  const { altText } = product.image;
  const image = (id: string) => ({
    __typename: "Image",
    id,
    altText,
    width: 160,
    height: 160,
    url: (args: { transform?: { maxWidth?: number | null; maxHeight?: number | null } | null }) => productImageUrl(shop, product, args.transform),
  });
  return {
    __typename: "MediaImage",
    id: gid("MediaImage", product.id),
    alt: altText,
    mediaContentType: "IMAGE",
    status: "READY",
    preview: { __typename: "MediaPreviewImage", status: "READY", image: image(gid("ImageSource", product.id)) },
    image: image(gid("ImageSource", product.id)),
  };
}

export function productView(shop: SandboxShop, product: ProductRecord) {
  const productGid = gid("Product", product.id);
  const variants = () => product.variantIds.flatMap((id) => {
    const v = shop.variants.get(id);
    return v ? [v] : [];
  });
  const tracked = () => variants().some((v) => shop.items.get(v.inventoryItemId)?.tracked);
  return {
    __typename: "Product",
    id: productGid,
    legacyResourceId: String(product.id),
    title: product.title,
    handle: product.handle,
    vendor: product.vendor,
    productType: product.productType,
    tags: [...product.tags],
    status: product.status,
    featuredMedia: () => featuredMediaView(shop, product),
    description: () => product.description,
    descriptionHtml: `<p>${product.description}</p>`,
    createdAt: product.createdAt,
    updatedAt: product.updatedAt,
    publishedAt: product.createdAt,
    hasOnlyDefaultVariant: product.variantIds.length === 1 && variants()[0]?.title === "Default Title",
    hasOutOfStockVariants: () => variants().some((v) => shop.totalAvailable(v.id) <= 0),
    tracksInventory: tracked,
    totalInventory: () => variants().reduce((sum, v) => sum + shop.totalAvailable(v.id), 0),
    variants: (args: ConnectionArgs) => connection(variants().map((v) => variantView(shop, v)), args, (v) => v.id),
    variantsCount: () => ({ count: product.variantIds.length, precision: "EXACT" }),
    ...metafieldFields(shop, productGid),
  };
}

export function variantView(shop: SandboxShop, variant: VariantRecord) {
  const variantGid = gid("ProductVariant", variant.id);
  const product = () => shop.products.get(variant.productId)!;
  return {
    __typename: "ProductVariant",
    id: variantGid,
    legacyResourceId: String(variant.id),
    title: variant.title,
    displayName: () => `${product().title} - ${variant.title}`,
    sku: variant.sku,
    price: variant.price,
    compareAtPrice: null,
    position: variant.position,
    inventoryPolicy: variant.inventoryPolicy,
    inventoryQuantity: () => shop.totalAvailable(variant.id),
    // Online: only locations that fulfil online orders (SandboxShop.onlineAvailable).
    sellableOnlineQuantity: () => Math.max(0, shop.onlineAvailable(variant.id)),
    availableForSale: () => variant.inventoryPolicy === "CONTINUE" || !shop.items.get(variant.inventoryItemId)?.tracked || shop.onlineAvailable(variant.id) > 0,
    selectedOptions: () => [{ name: "Title", value: variant.title }],
    taxable: true,
    createdAt: variant.createdAt,
    updatedAt: variant.updatedAt,
    product: () => productView(shop, product()),
    inventoryItem: () => inventoryItemView(shop, shop.items.get(variant.inventoryItemId)!),
    ...metafieldFields(shop, variantGid),
  };
}

const productFields: Fields<ProductRecord> = {
  title: (p) => p.title,
  handle: (p) => p.handle,
  tag: (p) => p.tags,
  vendor: (p) => p.vendor,
  product_type: (p) => p.productType,
  status: (p) => p.status,
  id: (p) => p.id,
  updated_at: (p) => p.updatedAt,
  created_at: (p) => p.createdAt,
};

type SortArgs = ConnectionArgs & { query?: string | null; sortKey?: string | null };

export function productsConnection(shop: SandboxShop, args: SortArgs) {
  const terms = parseSearch(args.query);
  const list = [...shop.products.values()].filter((p) => matches(p, terms, productFields, (x) => x.title));
  const keyed: Record<string, (p: ProductRecord) => string | number> = {
    TITLE: (p) => p.title, UPDATED_AT: (p) => p.updatedAt, CREATED_AT: (p) => p.createdAt, VENDOR: (p) => p.vendor, PRODUCT_TYPE: (p) => p.productType,
  };
  sortBy(list, keyed[args.sortKey ?? "ID"], (p) => p.id);
  return connection(list.map((p) => productView(shop, p)), args, (p) => p.legacyResourceId);
}

export function variantsConnection(shop: SandboxShop, args: SortArgs) {
  const terms = parseSearch(args.query);
  const fields: Fields<VariantRecord> = {
    sku: (v) => v.sku,
    title: (v) => v.title,
    product_id: (v) => v.productId,
    id: (v) => v.id,
    inventory_quantity: (v) => shop.totalAvailable(v.id),
    inventory_policy: (v) => v.inventoryPolicy,
    updated_at: (v) => v.updatedAt,
    created_at: (v) => v.createdAt,
    vendor: (v) => shop.products.get(v.productId)?.vendor ?? null,
    product_type: (v) => shop.products.get(v.productId)?.productType ?? null,
    tag: (v) => shop.products.get(v.productId)?.tags ?? [],
  };
  const list = [...shop.variants.values()].filter((v) => matches(v, terms, fields, (x) => `${shop.products.get(x.productId)?.title ?? ""} ${x.title} ${x.sku}`));
  const keyed: Record<string, (v: VariantRecord) => string | number> = {
    SKU: (v) => v.sku, TITLE: (v) => v.title, INVENTORY_QUANTITY: (v) => shop.totalAvailable(v.id), POSITION: (v) => v.position,
  };
  sortBy(list, keyed[args.sortKey ?? "ID"], (v) => v.id);
  return connection(list.map((v) => variantView(shop, v)), args, (v) => v.legacyResourceId);
}

export function sortBy<T>(list: T[], key: ((item: T) => string | number) | undefined, id: (item: T) => number): void {
  list.sort((a, b) => {
    if (key) {
      const ka = key(a);
      const kb = key(b);
      if (ka < kb) return -1;
      if (ka > kb) return 1;
    }
    return id(a) - id(b);
  });
}
