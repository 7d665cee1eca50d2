import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";

/**
 * Local development without Shopify: when SHOPIFY_SANDBOX_URL is set, every
 * request the Shopify libraries send to `https://{shop}.myshopify.com/...`
 * (Admin API, token exchange) goes over HTTP to the project's sandbox instead,
 * same path, with the shop named in a header. Unset (real use), nothing changes.
 */
export function routeShopifyRequestsToSandbox(sandboxUrl = process.env.SHOPIFY_SANDBOX_URL): void {
  if (sandboxUrl) setAbstractFetchFunc(sandboxFetch(sandboxUrl));
}

/** `fetch` for Shopify-bound requests: the sandbox in sandbox mode, the real thing otherwise. */
export const shopifyFetch: typeof fetch = (input, init) => {
  const sandboxUrl = process.env.SHOPIFY_SANDBOX_URL;
  return sandboxUrl ? sandboxFetch(sandboxUrl)(input, init) : fetch(input, init);
};

function sandboxFetch(sandboxUrl: string): typeof fetch {
  const sandbox = new URL(sandboxUrl);
  return (input, init) => {
    const request = new Request(input, init);
    const target = new URL(request.url);
    if (!target.hostname.endsWith(".myshopify.com")) return fetch(request);
    const headers = new Headers(request.headers);
    headers.set("X-Sandbox-Shop", target.hostname);
    const rerouted = new URL(target.pathname + target.search, sandbox);
    return fetch(rerouted, {
      method: request.method,
      headers,
      body: request.body,
      signal: request.signal,
      duplex: "half",
    } as RequestInit);
  };
}
