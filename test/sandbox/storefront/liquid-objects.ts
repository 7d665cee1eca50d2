/**
 * Shopify's Liquid objects (shop, product, variant, metafields, request, routes,
 * localization) built from the sandbox's StorefrontProduct, with Shopify's
 * conventions: numeric ids, prices in cents, variant availability from policy.
 */
import { Drop } from "liquidjs";
import type { Gid, MetafieldValue, StorefrontProduct } from "../state/contract";

export interface ShopInfo {
  name: string;
  domain: string;
  currencyCode: string;
  locale: string;
}

const CURRENCY_SYMBOLS: Record<string, string> = { USD: "$", CAD: "$", AUD: "$", EUR: "€", GBP: "£", JPY: "¥" };

/** Shopify money formats: the theme shows prices through `money` with these templates. */
export function moneyFormats(currencyCode: string): { money_format: string; money_with_currency_format: string } {
  const symbol = CURRENCY_SYMBOLS[currencyCode] ?? "";
  return { money_format: `${symbol}{{amount}}`, money_with_currency_format: `${symbol}{{amount}} ${currencyCode}` };
}

/** "19.99" → 1999: Liquid prices are integer cents. */
export function toCents(decimal: string): number {
  return Math.round(Number(decimal) * 100);
}

/** The number at the end of a GID; a string when it would lose precision as a JS number. */
export function legacyId(id: Gid): number | string {
  const tail = id.slice(id.lastIndexOf("/") + 1).split("?")[0] ?? "";
  const n = Number(tail);
  return Number.isSafeInteger(n) ? n : tail;
}

/**
 * The namespace Liquid sees. The Admin API's `$app` / `$app:ns` are the app's reserved
 * namespaces, stored by Shopify as `app--{appId}` / `app--{appId}--ns`.
 */
export function canonicalNamespace(namespace: string, appId: string): string {
  if (namespace === "$app") return `app--${appId}`;
  if (namespace.startsWith("$app:")) return `app--${appId}--${namespace.slice(5)}`;
  return namespace;
}

/** A metafield: `{{ mf.value }}`, `{{ mf.type }}`; `{{ mf }}` prints the value like Shopify. */
export class MetafieldDrop extends Drop {
  readonly value: unknown;
  readonly type: string;
  constructor(metafield: MetafieldValue) {
    super();
    this.type = metafield.type;
    this.value = typedValue(metafield);
  }
  override valueOf(): unknown {
    return this.value;
  }
  toJSON(): unknown {
    return this.value;
  }
}

function typedValue({ type, value }: MetafieldValue): unknown {
  try {
    if (type === "json" || type.startsWith("list.")) return JSON.parse(value);
    if (type === "number_integer" || type === "number_decimal") return Number(value);
    if (type === "boolean") return value === "true";
  } catch {
    // An unparsable value reads as its raw string, as in Shopify's storefront.
  }
  return value;
}

/**
 * `owner.metafields.NAMESPACE.KEY`. With `appAlias` set (inside app blocks), the app's
 * reserved namespaces also answer to `$app` and `$app:ns`, as in theme app extensions.
 */
export class MetafieldsDrop extends Drop {
  // #private so Liquid cannot read them as if they were namespaces.
  readonly #namespaces: Record<string, Record<string, MetafieldDrop>> = {};
  readonly #appId: string;
  readonly #appAlias: boolean;
  constructor(metafields: MetafieldValue[], appId: string, appAlias: boolean) {
    super();
    this.#appId = appId;
    this.#appAlias = appAlias;
    for (const metafield of metafields) {
      const namespace = canonicalNamespace(metafield.namespace, appId);
      (this.#namespaces[namespace] ??= {})[metafield.key] = new MetafieldDrop(metafield);
    }
  }
  override liquidMethodMissing(namespace: string): Record<string, MetafieldDrop> | undefined {
    const isAlias = namespace === "$app" || namespace.startsWith("$app:");
    if (isAlias && !this.#appAlias) return undefined;
    return this.#namespaces[canonicalNamespace(namespace, this.#appId)];
  }
  toJSON(): unknown {
    return this.#namespaces;
  }
}

export interface ObjectOptions {
  appId: string;
  /** Resolve `$app` namespaces (true inside app blocks only). */
  appAlias: boolean;
  selectedVariantId?: Gid | null;
}

export function variantAvailable(variant: StorefrontProduct["variants"][number]): boolean {
  return !variant.tracked || variant.inventoryPolicy === "CONTINUE" || variant.inventoryQuantity > 0;
}

export function productObject(product: StorefrontProduct, options: ObjectOptions) {
  const url = `/products/${product.handle}`;
  const variants = product.variants.map((v) => ({
    id: legacyId(v.id),
    admin_graphql_api_id: v.id,
    title: v.title,
    name: product.variants.length > 1 ? `${product.title} - ${v.title}` : product.title,
    option1: v.title,
    sku: v.sku,
    price: toCents(v.price),
    available: variantAvailable(v),
    inventory_quantity: v.inventoryQuantity,
    inventory_policy: v.inventoryPolicy === "CONTINUE" ? "continue" : "deny",
    inventory_management: v.tracked ? "shopify" : null,
    url: `${url}?variant=${legacyId(v.id)}`,
    metafields: new MetafieldsDrop(v.metafields, options.appId, options.appAlias),
  }));
  const prices = variants.map((v) => v.price);
  const selected = options.selectedVariantId ? variants.find((v) => v.admin_graphql_api_id === options.selectedVariantId) : undefined;
  const firstAvailable = variants.find((v) => v.available);
  return {
    id: legacyId(product.id),
    admin_graphql_api_id: product.id,
    handle: product.handle,
    title: product.title,
    description: product.description,
    content: product.description,
    vendor: product.vendor,
    type: product.productType,
    tags: product.tags,
    url,
    price: prices.length ? Math.min(...prices) : 0,
    price_min: prices.length ? Math.min(...prices) : 0,
    price_max: prices.length ? Math.max(...prices) : 0,
    price_varies: new Set(prices).size > 1,
    available: variants.some((v) => v.available),
    has_only_default_variant: variants.length === 1 && variants[0]?.title === "Default Title",
    variants,
    selected_variant: selected ?? null,
    first_available_variant: firstAvailable ?? null,
    selected_or_first_available_variant: selected ?? firstAvailable ?? variants[0] ?? null,
    metafields: new MetafieldsDrop(product.metafields, options.appId, options.appAlias),
  };
}

export function shopObject(shop: ShopInfo) {
  return {
    name: shop.name,
    domain: shop.domain,
    permanent_domain: shop.domain,
    url: `https://${shop.domain}`,
    currency: shop.currencyCode,
    locale: shop.locale,
    ...moneyFormats(shop.currencyCode),
  };
}

export function requestObject(host: string, path: string, pageType: string, locale: string) {
  return { host, path, page_type: pageType, design_mode: false, locale: { iso_code: locale } };
}

export const ALL_PRODUCTS_PATH = "/collections/all";

export const ROUTES = {
  root_url: "/",
  all_products_collection_url: ALL_PRODUCTS_PATH,
  cart_url: "/cart",
  cart_add_url: "/cart/add",
} as const;

/** Shopify's automatic "all" collection: every product the online store sells. */
export function allProductsCollection<P>(products: P[]) {
  return {
    id: 0,
    handle: "all",
    title: "Products",
    url: ALL_PRODUCTS_PATH,
    products,
    products_count: products.length,
    all_products_count: products.length,
  };
}

export function localizationObject(shop: ShopInfo) {
  const language = { iso_code: shop.locale, name: "English", endonym_name: "English" };
  const country = { iso_code: "US", name: "United States", currency: { iso_code: shop.currencyCode, symbol: CURRENCY_SYMBOLS[shop.currencyCode] ?? "" } };
  return { language, country, available_languages: [language], available_countries: [country] };
}
