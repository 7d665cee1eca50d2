/**
 * The products the admin shell's resource picker lists, in the shape Shopify's
 * `shopify.resourcePicker({ type: "product" })` resolves with. Shopify admin
 * reads them itself; the shell fetches them from this route of the sandbox.
 */
import { gid, parseGid } from "../state/ids";
import type { ProductRecord } from "../state/model";
import type { SandboxShop } from "../state/shop";
import { HttpError, sendJson, type Router } from "../http/router";

/** What one page of the picker shows; the real one pages by 50 too. */
const PAGE_SIZE = 50;

export interface PickerVariant {
  id: string;
  title: string;
  displayName: string;
  sku: string;
  price: string;
  inventoryPolicy: "CONTINUE" | "DENY";
  inventoryQuantity: number;
  position: number;
  product: { id: string };
}

export interface PickerProduct {
  id: string;
  title: string;
  handle: string;
  vendor: string;
  productType: string;
  tags: string[];
  status: ProductRecord["status"];
  hasOnlyDefaultVariant: boolean;
  totalVariants: number;
  totalInventory: number;
  tracksInventory: boolean;
  images: never[];
  createdAt: string;
  updatedAt: string;
  variants: PickerVariant[];
}

export function pickerProductOf(shop: SandboxShop, product: ProductRecord): PickerProduct {
  const productId = gid("Product", product.id);
  const variants = product.variantIds.flatMap((id) => {
    const variant = shop.variants.get(id);
    return variant ? [variant] : [];
  });
  const pickerVariants = variants.map((variant) => ({
    id: gid("ProductVariant", variant.id),
    title: variant.title,
    displayName: `${product.title} - ${variant.title}`,
    sku: variant.sku,
    price: variant.price,
    inventoryPolicy: variant.inventoryPolicy,
    inventoryQuantity: shop.totalAvailable(variant.id),
    position: variant.position,
    product: { id: productId },
  }));
  return {
    id: productId,
    title: product.title,
    handle: product.handle,
    vendor: product.vendor,
    productType: product.productType,
    tags: [...product.tags],
    status: product.status,
    hasOnlyDefaultVariant: variants.length === 1 && variants[0]?.title === "Default Title",
    totalVariants: variants.length,
    totalInventory: pickerVariants.reduce((sum, variant) => sum + variant.inventoryQuantity, 0),
    tracksInventory: variants.some((variant) => shop.items.get(variant.inventoryItemId)?.tracked),
    images: [],
    createdAt: product.createdAt,
    updatedAt: product.updatedAt,
    variants: pickerVariants,
  };
}

/** Free text, as typed in the picker's search box: every word must appear in the title, handle, vendor, a tag or a SKU. */
function matchesSearch(shop: SandboxShop, product: ProductRecord, words: string[]): boolean {
  const skus = product.variantIds.map((id) => shop.variants.get(id)?.sku ?? "");
  const haystack = [product.title, product.handle, product.vendor, ...product.tags, ...skus].join(" ").toLowerCase();
  return words.every((word) => haystack.includes(word));
}

export function searchPickerProducts(shop: SandboxShop, query: string): PickerProduct[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return [...shop.products.values()]
    .filter((product) => matchesSearch(shop, product, words))
    .sort((a, b) => a.title.localeCompare(b.title))
    .slice(0, PAGE_SIZE)
    .map((product) => pickerProductOf(shop, product));
}

/** The products with these GIDs that exist, in the order given (the preselection). */
export function pickerProductsById(shop: SandboxShop, ids: string[]): PickerProduct[] {
  return ids.flatMap((id) => {
    const parsed = parseGid(id);
    if (!parsed || parsed.type !== "Product") throw new HttpError(400, `ids must be product GIDs (gid://shopify/Product/123): ${id}`);
    const product = shop.products.get(parsed.id);
    return product ? [pickerProductOf(shop, product)] : [];
  });
}

/** `GET {path}?query=…` (a page of matches) or `?ids=gid,gid` (the preselection): `{ products }`. */
export function registerResourcePickerRoute(router: Router, shop: SandboxShop, path: string): void {
  router.on("GET", path, ({ res, url }) => {
    const ids = url.searchParams.get("ids");
    const products = ids === null ? searchPickerProducts(shop, url.searchParams.get("query") ?? "") : pickerProductsById(shop, ids.split(",").filter(Boolean));
    sendJson(res, 200, { products });
  });
}
