/**
 * Shopify-shaped objects for rendering the back-order badge extension: products whose
 * variants carry the app-owned metafields exactly as the engine writes them.
 */
import path from "node:path";
import { renderAppBlocks } from "../sandbox/storefront/app-blocks";
import { allProductsCollection, productObject, requestObject, ROUTES, shopObject } from "../sandbox/storefront/liquid-objects";
import type { MetafieldValue, StorefrontProduct } from "../sandbox/state/contract";

export const EXTENSIONS_DIR = path.resolve(import.meta.dirname, "../../extensions");
export const EXTENSION = "backorder-badge";
export const BLOCK_KEY = `${EXTENSION}/backorder-badge`;
export const EMBED_KEY = `${EXTENSION}/backorder-embed`;
export const APP_ID = "4242";
/** 2026-11-24 12:00 UTC: the moment every render test takes as "now". */
export const NOW = Date.parse("2026-11-24T12:00:00Z");

export interface BackorderFields {
  status?: "backorder" | "sold_out";
  ships_on?: string;
  message?: string;
}

/** The `$app:backorder` metafields the engine writes (see app/engine/variant-writes.server.ts). */
export function backorderMetafields(fields: BackorderFields): MetafieldValue[] {
  const types: Record<string, string> = { status: "single_line_text_field", ships_on: "date", message: "single_line_text_field" };
  return Object.entries(fields).map(([key, value], index) => ({
    id: `gid://shopify/Metafield/${900 + index}`,
    namespace: "$app:backorder",
    key,
    type: types[key] ?? "single_line_text_field",
    value: String(value),
    updatedAt: "2026-11-20T00:00:00Z",
  }));
}

export interface VariantSpec {
  id: number;
  title: string;
  /** Units available; CONTINUE variants may sell below zero. */
  available?: number;
  policy?: "CONTINUE" | "DENY";
  backorder?: BackorderFields;
}

export function product(variants: VariantSpec[], handle = "wool-beanie"): StorefrontProduct {
  return {
    id: "gid://shopify/Product/77",
    handle,
    title: "Wool Beanie",
    description: "",
    vendor: "Northwind Wool",
    productType: "Accessories",
    tags: [],
    metafields: [],
    variants: variants.map((v) => ({
      id: `gid://shopify/ProductVariant/${v.id}`,
      title: v.title,
      sku: `BEANIE-${v.id}`,
      price: "29.00",
      inventoryPolicy: v.policy ?? (v.backorder?.status === "backorder" ? "CONTINUE" : "DENY"),
      tracked: true,
      inventoryQuantity: v.available ?? 0,
      metafields: v.backorder ? backorderMetafields(v.backorder) : [],
    })),
  };
}

export interface RenderOptions {
  locale?: string;
  /** Numeric id of the variant in `?variant=`. */
  variantId?: number;
  settings?: Record<string, Record<string, unknown>>;
  now?: number;
}

const SHOP = { name: "Northwind", domain: "northwind.myshopify.com", currencyCode: "EUR", locale: "en" };

function pageObjects(locale: string, pageType: string, urlPath: string) {
  return { shop: shopObject({ ...SHOP, locale }), request: requestObject("northwind.myshopify.com", urlPath, pageType, locale), routes: ROUTES };
}

/** The product page's app blocks ("section") or app embeds ("body"), as Shopify renders them. */
export async function renderProductPage(target: "section" | "body", item: StorefrontProduct, options: RenderOptions = {}): Promise<string> {
  const locale = options.locale ?? "en";
  const selectedVariantId = options.variantId ? `gid://shopify/ProductVariant/${options.variantId}` : null;
  const variables = { ...pageObjects(locale, "product", `/products/${item.handle}`), product: productObject(item, { appId: APP_ID, appAlias: true, selectedVariantId }) };
  return renderAppBlocks(EXTENSIONS_DIR, target, { variables, locale, settings: options.settings ?? {}, now: () => options.now ?? NOW });
}

/** The app embed on /collections/all. */
export async function renderCollectionEmbed(items: StorefrontProduct[], options: RenderOptions = {}): Promise<string> {
  const locale = options.locale ?? "en";
  const collection = allProductsCollection(items.map((item) => productObject(item, { appId: APP_ID, appAlias: true })));
  const variables = { ...pageObjects(locale, "collection", "/collections/all"), collection };
  return renderAppBlocks(EXTENSIONS_DIR, "body", { variables, locale, settings: options.settings ?? {}, now: () => options.now ?? NOW });
}

/** The JSON the page carries for the script, by its data attribute. */
export function pageData(html: string, attribute: "data-backorder-variants" | "data-backorder-cards"): Record<string, unknown> | null {
  const match = new RegExp(`<script type="application/json" ${attribute}>([\\s\\S]*?)</script>`).exec(html);
  return match?.[1] === undefined ? null : (JSON.parse(match[1]) as Record<string, unknown>);
}

/** The visible badge paragraph, or null when none is rendered. */
export function badgeOf(html: string): { status: string; hidden: boolean; text: string } | null {
  const match = /<p class="backorder-badge__badge" data-backorder-status="([^"]*)"( hidden)?>([\s\S]*?)<\/p>/.exec(html);
  if (!match) return null;
  const text = (match[3] ?? "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();
  return { status: match[1] ?? "", hidden: Boolean(match[2]), text };
}

/** A hidden line item property input (the wording, or the date it promises): its name, value and whether it is submitted. */
export function propertyOf(html: string, kind: "detail" | "shipsOn" = "detail"): { name: string; value: string; disabled: boolean } | null {
  const match = new RegExp(`<input type="hidden" name="properties\\[([^\\]]*)\\]" value="([^"]*)" data-backorder-property="${kind}"( disabled)?>`).exec(html);
  return match ? { name: match[1] ?? "", value: match[2] ?? "", disabled: Boolean(match[3]) } : null;
}
