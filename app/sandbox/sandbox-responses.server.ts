/**
 * In sandbox mode (SHOPIFY_SANDBOX_URL set) the app's responses are adapted
 * to the local Shopify: the sandbox's admin shell may frame every page, App
 * Bridge is preloaded from the sandbox instead of Shopify's CDN, and the
 * library's redirects to Shopify admin go to the sandbox's admin. Unset (real
 * use), every function here leaves the response as the library made it.
 */

const SHOPIFY_CDN_APP_BRIDGE = "https://cdn.shopify.com/shopifycloud/app-bridge.js";
const SHOPIFY_ADMIN_ORIGIN = "https://admin.shopify.com";

interface SandboxUrls {
  sandboxUrl: string | undefined;
  appBridgeUrl: string | undefined;
}

function sandboxUrls(): SandboxUrls {
  return { sandboxUrl: process.env.SHOPIFY_SANDBOX_URL, appBridgeUrl: process.env.APP_BRIDGE_URL };
}

/**
 * Headers of any response the app sends. Shopify admin frames the app from
 * admin.shopify.com (the library's `frame-ancestors`); the sandbox's admin shell
 * frames it from the sandbox origin, which must be allowed too, on documents,
 * the auth bounce page and error pages alike.
 */
export function adaptHeadersToSandbox(headers: Headers, urls: SandboxUrls = sandboxUrls()): void {
  if (!urls.sandboxUrl) return;
  const origin = new URL(urls.sandboxUrl).origin;
  const policy = headers.get("Content-Security-Policy");
  if (policy?.includes("frame-ancestors") && !policy.includes(origin)) {
    headers.set("Content-Security-Policy", policy.replace("frame-ancestors", `frame-ancestors ${origin}`));
  }
  const link = headers.get("Link");
  if (link?.includes(SHOPIFY_CDN_APP_BRIDGE)) {
    if (urls.appBridgeUrl) headers.set("Link", link.replace(SHOPIFY_CDN_APP_BRIDGE, urls.appBridgeUrl));
    else headers.delete("Link");
  }
  const location = headers.get("Location");
  if (location?.startsWith(`${SHOPIFY_ADMIN_ORIGIN}/`)) headers.set("Location", origin + location.slice(SHOPIFY_ADMIN_ORIGIN.length));
}

/** A response the library throws (bounce page, exit-iframe page, redirects), adapted in place. */
function adaptThrown(error: unknown): unknown {
  if (error instanceof Response) {
    try {
      adaptHeadersToSandbox(error.headers);
    } catch {
      // Response.redirect() has immutable headers; the library builds its own with `new Response`.
    }
  }
  return error;
}

/** Wraps an `authenticate.*` or `login` function so the responses it throws fit the sandbox. */
export function withSandboxResponses<Args extends unknown[], Result>(fn: (...args: Args) => Promise<Result>): (...args: Args) => Promise<Result> {
  return async (...args) => {
    try {
      return await fn(...args);
    } catch (error) {
      throw adaptThrown(error);
    }
  };
}
