import { useEffect } from "react";
import { useLocation } from "@remix-run/react";

/**
 * What the app needs to open itself again inside Shopify admin after the frame
 * alone is reloaded (the frame's URL then has no shop, host or id_token and the
 * library sends it to the login page): the shop, the admin host and the page.
 * Kept in the frame's sessionStorage, which lives as long as the admin tab.
 */
const STORAGE_KEY = "backorder-manager:embedded-context";

interface EmbeddedContext {
  shop: string;
  host: string;
  path: string;
}

function readContext(): EmbeddedContext | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? "null") as Partial<EmbeddedContext> | null;
    return value?.shop && value.host && value.path?.startsWith("/") ? (value as EmbeddedContext) : null;
  } catch {
    return null;
  }
}

/** Records the current app page; the admin host comes from the document URL Shopify admin loaded. */
export function useRememberEmbeddedContext(shop: string): void {
  const { pathname, search } = useLocation();
  useEffect(() => {
    const host = new URLSearchParams(window.location.search).get("host") ?? readContext()?.host;
    if (!host) return;
    const params = new URLSearchParams(search);
    for (const name of ["embedded", "host", "id_token", "locale", "shop", "timestamp", "hmac", "session"]) params.delete(name);
    const query = params.toString();
    const context: EmbeddedContext = { shop, host, path: pathname + (query ? `?${query}` : "") };
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(context));
  }, [shop, pathname, search]);
}

/**
 * Where a bare reload of the app frame should go: the page it showed, with the
 * shop and host, so the library's bounce page fetches a session token and lands
 * there. Null when not framed or nothing was recorded.
 */
export function resumeEmbeddedUrl(): string | null {
  if (window.parent === window) return null;
  const context = readContext();
  if (!context) return null;
  const url = new URL(context.path, window.location.origin);
  url.searchParams.set("embedded", "1");
  url.searchParams.set("shop", context.shop);
  url.searchParams.set("host", context.host);
  return url.pathname + url.search;
}
