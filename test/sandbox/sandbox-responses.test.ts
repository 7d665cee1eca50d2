import { describe, expect, it } from "vitest";
import { adaptHeadersToSandbox, withSandboxResponses } from "../../app/sandbox/sandbox-responses.server";

const SANDBOX = { sandboxUrl: "http://127.0.0.1:4300", appBridgeUrl: "http://127.0.0.1:4300/cdn/app-bridge.js" };
const LIBRARY_POLICY = "frame-ancestors https://backorder-demo.myshopify.com https://admin.shopify.com;";
const LIBRARY_PRELOAD = '<https://cdn.shopify.com/shopifycloud/app-bridge.js>; rel="preload"; as="script";';

function libraryHeaders(extra: Record<string, string> = {}): Headers {
  return new Headers({ "Content-Security-Policy": LIBRARY_POLICY, Link: LIBRARY_PRELOAD, ...extra });
}

describe("the app's responses in sandbox mode", () => {
  it("let the sandbox's admin shell frame the app and preload the sandbox's App Bridge", () => {
    const headers = libraryHeaders();
    adaptHeadersToSandbox(headers, SANDBOX);
    expect(headers.get("Content-Security-Policy")).toBe(`frame-ancestors http://127.0.0.1:4300 https://backorder-demo.myshopify.com https://admin.shopify.com;`);
    expect(headers.get("Link")).toBe('<http://127.0.0.1:4300/cdn/app-bridge.js>; rel="preload"; as="script";');
    // Twice is the same as once.
    adaptHeadersToSandbox(headers, SANDBOX);
    expect(headers.get("Content-Security-Policy")?.match(/127\.0\.0\.1:4300/g)).toHaveLength(1);
  });

  it("drop the CDN preload when no sandbox App Bridge is configured, and send admin redirects to the sandbox's admin", () => {
    const headers = libraryHeaders({ Location: "https://admin.shopify.com/store/backorder-demo/oauth/install?client_id=k" });
    adaptHeadersToSandbox(headers, { sandboxUrl: SANDBOX.sandboxUrl, appBridgeUrl: undefined });
    expect(headers.has("Link")).toBe(false);
    expect(headers.get("Location")).toBe("http://127.0.0.1:4300/store/backorder-demo/oauth/install?client_id=k");
  });

  it("are left as the library made them outside sandbox mode", () => {
    const headers = libraryHeaders({ Location: "https://admin.shopify.com/store/x/apps/y" });
    adaptHeadersToSandbox(headers, { sandboxUrl: undefined, appBridgeUrl: undefined });
    expect(Object.fromEntries(headers)).toEqual(Object.fromEntries(libraryHeaders({ Location: "https://admin.shopify.com/store/x/apps/y" })));
  });

  it("include what the library throws (the bounce page), adapted before it leaves the loader", async () => {
    const previous = { sandbox: process.env.SHOPIFY_SANDBOX_URL, bridge: process.env.APP_BRIDGE_URL };
    process.env.SHOPIFY_SANDBOX_URL = SANDBOX.sandboxUrl;
    process.env.APP_BRIDGE_URL = SANDBOX.appBridgeUrl;
    try {
      const bounce = new Response("<script></script>", { headers: libraryHeaders() });
      const authenticate = withSandboxResponses(async (): Promise<never> => {
        throw bounce;
      });
      const thrown = await authenticate().catch((error: unknown) => error);
      expect(thrown).toBe(bounce);
      expect(bounce.headers.get("Content-Security-Policy")).toContain("frame-ancestors http://127.0.0.1:4300 ");
      expect(bounce.headers.get("Link")).toContain(SANDBOX.appBridgeUrl);
    } finally {
      for (const [name, value] of [["SHOPIFY_SANDBOX_URL", previous.sandbox], ["APP_BRIDGE_URL", previous.bridge]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});
