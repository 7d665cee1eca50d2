/**
 * The shop's online store as the sandbox plays it: a minimal Liquid theme showing
 * products with our theme app extension's blocks in place, and a product form whose
 * POST to /cart/add stands in for cart + checkout by placing the order at once.
 */
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Liquid } from "liquidjs";
import { SandboxError, type SandboxShopApi, type StorefrontProduct } from "../state/contract";
import { EXTENSION_ASSETS_PREFIX, renderAppBlocks } from "./app-blocks";
import { parseCartAdd, readBody, redirect, sendHtml, sendJson, serveFile } from "./http";
import { createLiquidEngine, withGlobals } from "./liquid-engine";
import { ALL_PRODUCTS_PATH, allProductsCollection, legacyId, localizationObject, productObject, requestObject, ROUTES, shopObject, type ShopInfo } from "./liquid-objects";

export const THEME_ASSETS_PREFIX = "/theme-assets";
export const STOREFRONT_CUSTOMER_EMAIL = "shopper@example.com";
const DEFAULT_THEME_DIR = fileURLToPath(new URL("./theme", import.meta.url));

export interface StorefrontOptions {
  shop: SandboxShopApi;
  /** Folder whose subfolders hold `shopify.extension.toml`; a missing folder means no app blocks. */
  extensionsDir: string;
  /** The app's id, used for the app-owned namespace `app--{appId}--…` that `$app` stands for. */
  appId: string;
  themeDir?: string;
  locale?: string;
  /** Merchant's app block settings, keyed "extensionFolder/blockHandle". Changeable at run time. */
  blockSettings?: Record<string, Record<string, unknown>>;
  /** The shop's clock (epoch ms) and IANA time zone, for Liquid's `date` filter and `'now'`. */
  now?: () => number;
  timezone?: string;
}

export interface Storefront {
  /** Answers storefront paths; false (nothing written) for any other path. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Renders a product page to HTML (what GET /products/{handle} serves), for tests. */
  renderProduct(handle: string, variantId?: string | null): Promise<string | null>;
  blockSettings: Record<string, Record<string, unknown>>;
}

export function createStorefront(options: StorefrontOptions): Storefront {
  const themeDir = options.themeDir ?? DEFAULT_THEME_DIR;
  const locale = options.locale ?? "en";
  const engine: Liquid = createLiquidEngine({
    partials: [path.join(themeDir, "snippets")],
    assetBase: THEME_ASSETS_PREFIX,
    localesDir: path.join(themeDir, "locales"),
    locale,
    ...clockOptions(options),
  });
  const storefront: Storefront = { handle, renderProduct, blockSettings: options.blockSettings ?? {} };

  function shopInfo(): ShopInfo {
    const { shop } = options.shop.snapshot();
    return { name: shop.name, domain: shop.domain, currencyCode: shop.currencyCode, locale };
  }

  function commonObjects(shop: ShopInfo, host: string, urlPath: string, pageType: string) {
    return {
      shop: shopObject(shop),
      request: requestObject(host, urlPath, pageType, locale),
      routes: ROUTES,
      localization: localizationObject(shop),
    };
  }

  /** Template into `content_for_layout`, then the layout, as Shopify renders a page. */
  async function renderPage(template: string, variables: Record<string, unknown>, title: string, appEmbeds = ""): Promise<string> {
    const read = (file: string) => readFileSync(path.join(themeDir, file), "utf8"); // read per request: theme edits show at once
    const content = await engine.parseAndRender(read(`templates/${template}.liquid`), variables, withGlobals(variables));
    const layoutVariables = { ...variables, page_title: title, content_for_layout: content, content_for_header: "", app_embeds: appEmbeds };
    return engine.parseAndRender(read("layout/theme.liquid"), layoutVariables, withGlobals(variables));
  }

  async function renderProductPage(product: StorefrontProduct, variantId: string | null, host: string, urlPath: string): Promise<string> {
    const shop = shopInfo();
    const common = commonObjects(shop, host, urlPath, "product");
    const selectedVariantId = variantId ? toVariantGid(variantId) : null;
    const forBlocks = {
      locale,
      settings: storefront.blockSettings,
      variables: { ...common, product: productObject(product, { appId: options.appId, appAlias: true, selectedVariantId }) },
      ...clockOptions(options),
    };
    const [appBlocks, appEmbeds] = await Promise.all([
      renderAppBlocks(options.extensionsDir, "section", forBlocks),
      renderAppBlocks(options.extensionsDir, "body", forBlocks),
    ]);
    const variables = {
      ...common,
      product: productObject(product, { appId: options.appId, appAlias: false, selectedVariantId }),
      app_blocks: appBlocks,
    };
    return renderPage("product", variables, product.title, appEmbeds);
  }

  async function renderProduct(handle: string, variantId: string | null = null): Promise<string | null> {
    const product = options.shop.storefrontProduct(handle);
    return product ? renderProductPage(product, variantId, "localhost", `/products/${handle}`) : null;
  }

  async function renderIndex(host: string): Promise<string> {
    const shop = shopInfo();
    const products = options.shop.storefrontProducts().map((p) => productObject(p, { appId: options.appId, appAlias: false }));
    const forBlocks = { locale, settings: storefront.blockSettings, variables: commonObjects(shop, host, "/", "index"), ...clockOptions(options) };
    const appEmbeds = await renderAppBlocks(options.extensionsDir, "body", forBlocks);
    return renderPage("index", { ...commonObjects(shop, host, "/", "index"), products }, shop.name, appEmbeds);
  }

  /**
   * /collections/all, Shopify's automatic collection of every product. App embeds see the
   * page's `collection` (with `$app` metafields, as app code), the theme its own copy.
   */
  async function renderAllProducts(host: string): Promise<string> {
    const shop = shopInfo();
    const common = commonObjects(shop, host, ALL_PRODUCTS_PATH, "collection");
    const products = options.shop.storefrontProducts();
    const collectionFor = (appAlias: boolean) => allProductsCollection(products.map((p) => productObject(p, { appId: options.appId, appAlias })));
    const forBlocks = { locale, settings: storefront.blockSettings, variables: { ...common, collection: collectionFor(true) }, ...clockOptions(options) };
    const appEmbeds = await renderAppBlocks(options.extensionsDir, "body", forBlocks);
    return renderPage("collection", { ...common, collection: collectionFor(false) }, "All products", appEmbeds);
  }

  async function renderOrder(orderNumber: string, host: string): Promise<string | null> {
    const snapshot = options.shop.snapshot();
    const order = snapshot.orders.find((o) => String(legacyId(o.id)) === orderNumber);
    if (!order) return null;
    const variants = new Map(snapshot.variants.map((v) => [v.id, v]));
    const lineItems = order.lineItems.map((line) => {
      const variant = line.variantId ? variants.get(line.variantId) : undefined;
      return {
        title: variant?.productTitle ?? "Deleted product",
        variant_title: variant && variant.title !== "Default Title" ? variant.title : "",
        sku: variant?.sku ?? "",
        quantity: line.quantity,
        properties: line.properties,
      };
    });
    const orderObject = { id: legacyId(order.id), name: order.name, email: STOREFRONT_CUSTOMER_EMAIL, created_at: order.createdAt, line_items: lineItems };
    return renderPage("order", { ...commonObjects(shopInfo(), host, `/orders/${orderNumber}`, "order"), order: orderObject }, `Order ${order.name}`);
  }

  async function renderError(status: number, message: string, host: string, urlPath: string): Promise<string> {
    const variables = { ...commonObjects(shopInfo(), host, urlPath, "error"), status, message, sold_out: status === 422 };
    return renderPage("error", variables, status === 422 ? "Sold out" : "Error");
  }

  async function cartAdd(req: IncomingMessage, res: ServerResponse, host: string, asJson: boolean): Promise<void> {
    const line = parseCartAdd(await readBody(req), String(req.headers["content-type"] ?? ""));
    const fail = async (status: number, message: string) =>
      asJson ? sendJson(res, status, { status, message: status === 422 ? "Sold out" : "Error", description: message }) : sendHtml(res, status, await renderError(status, message, host, "/cart/add"));
    if (!line) return fail(400, "Parameter missing: id");
    if (!Number.isInteger(line.quantity) || line.quantity < 1) return fail(400, "Quantity must be a positive whole number");
    try {
      const lines = [{ variantId: toVariantGid(line.id), quantity: line.quantity, properties: line.properties }];
      const order = options.shop.placeOrder({ customer: { email: STOREFRONT_CUSTOMER_EMAIL }, lines });
      const orderPath = `/orders/${legacyId(order.orderId)}`;
      if (asJson) sendJson(res, 200, { order_id: order.orderId, name: order.name, url: orderPath });
      else redirect(res, orderPath);
    } catch (error) {
      if (error instanceof SandboxError) return fail(error.status, error.message);
      throw error;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? "/", "http://storefront.local");
    const host = String(req.headers.host ?? "localhost");
    const method = req.method ?? "GET";
    const read = method === "GET" || method === "HEAD";
    const route = url.pathname;

    if (read && route.startsWith(`${EXTENSION_ASSETS_PREFIX}/`)) {
      const [folder = "", ...rest] = route.slice(EXTENSION_ASSETS_PREFIX.length + 1).split("/").map(decodeURIComponent);
      // Only an extension's assets/ folder is public, like Shopify's CDN copy of it.
      if (!serveFile(res, path.join(options.extensionsDir, folder, "assets"), rest.join("/"))) sendHtml(res, 404, "Not found");
      return true;
    }
    if (read && route.startsWith(`${THEME_ASSETS_PREFIX}/`)) {
      if (!serveFile(res, path.join(themeDir, "assets"), decodeURIComponent(route.slice(THEME_ASSETS_PREFIX.length + 1)))) sendHtml(res, 404, "Not found");
      return true;
    }
    if (read && route === "/") {
      sendHtml(res, 200, await renderIndex(host));
      return true;
    }
    if (read && route === ALL_PRODUCTS_PATH) {
      sendHtml(res, 200, await renderAllProducts(host));
      return true;
    }
    const productMatch = /^\/products\/([^/]+)$/.exec(route);
    if (read && productMatch?.[1]) {
      const handleName = decodeURIComponent(productMatch[1]);
      const product = options.shop.storefrontProduct(handleName);
      if (product) sendHtml(res, 200, await renderProductPage(product, url.searchParams.get("variant"), host, route));
      else sendHtml(res, 404, await renderError(404, `No product "${handleName}"`, host, route));
      return true;
    }
    const orderMatch = /^\/orders\/(\d+)$/.exec(route);
    if (read && orderMatch?.[1]) {
      const html = await renderOrder(orderMatch[1], host);
      sendHtml(res, html ? 200 : 404, html ?? (await renderError(404, "No such order", host, route)));
      return true;
    }
    if (method === "POST" && (route === "/cart/add" || route === "/cart/add.js")) {
      await cartAdd(req, res, host, route.endsWith(".js"));
      return true;
    }
    return false;
  }

  return storefront;
}

function clockOptions(options: StorefrontOptions): { now?: () => number; timezone?: string } {
  return { ...(options.now ? { now: options.now } : {}), ...(options.timezone ? { timezone: options.timezone } : {}) };
}

/** The theme posts numeric variant ids; the shop speaks GIDs. */
export function toVariantGid(id: string): string {
  return id.startsWith("gid://") ? id : `gid://shopify/ProductVariant/${id}`;
}
