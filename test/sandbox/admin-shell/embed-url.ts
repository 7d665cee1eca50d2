/**
 * The URL Shopify admin puts in the app's iframe: the app URL plus
 * embedded/host/id_token/locale/shop/timestamp and an `hmac` over the rest.
 */
import crypto from "node:crypto";

export interface EmbedUrlOptions {
  appUrl: string;
  /** Path inside the app ("/app", "/app/settings?x=1"); defaults to "/app". */
  appPath?: string;
  apiSecret: string;
  shop: string;
  idToken: string;
  locale?: string;
  /** Epoch ms. */
  now?: number;
}

export function storeHandleOf(shop: string): string {
  return shop.replace(/\.myshopify\.com$/, "");
}

/**
 * `host` as Shopify sends it: base64 of "admin.shopify.com/store/{handle}". The
 * library's sanitizeHost only accepts Shopify hostnames, so the sandbox cannot
 * put its own origin here; the stand-in App Bridge talks to the shell by origin.
 */
export function hostParamFor(shop: string): string {
  return Buffer.from(`admin.shopify.com/store/${storeHandleOf(shop)}`).toString("base64").replace(/=+$/, "");
}

/** Shopify's query HMAC: hex HMAC-SHA256 over `k=v` pairs sorted by key, joined by "&", without hmac/signature. */
export function signQuery(params: URLSearchParams, apiSecret: string): string {
  const message = [...params.entries()]
    .filter(([key]) => key !== "hmac" && key !== "signature")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join("&");
  return crypto.createHmac("sha256", apiSecret).update(message).digest("hex");
}

export function buildEmbedUrl(options: EmbedUrlOptions): string {
  const appPath = options.appPath && options.appPath !== "/" ? options.appPath : "/app";
  const url = new URL(appPath, options.appUrl.endsWith("/") ? options.appUrl : `${options.appUrl}/`);
  // Keep a path the app URL itself carries (application_url may have one).
  const base = new URL(options.appUrl);
  if (base.pathname !== "/") url.pathname = base.pathname.replace(/\/$/, "") + (appPath.split("?")[0] ?? "");
  const params = new URLSearchParams(url.search);
  params.set("embedded", "1");
  params.set("host", hostParamFor(options.shop));
  params.set("id_token", options.idToken);
  params.set("locale", options.locale ?? "en");
  params.set("shop", options.shop);
  params.set("timestamp", String(Math.floor((options.now ?? Date.now()) / 1000)));
  params.set("hmac", signQuery(params, options.apiSecret));
  url.search = params.toString();
  return url.toString();
}
