import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignJWT } from "jose";
import "@shopify/shopify-api/adapters/node";
import { ApiVersion, RequestedTokenType, shopifyApi, type Shopify } from "@shopify/shopify-api";
import { ADMIN_API_VERSION } from "../../../app/api-version";
import { routeShopifyRequestsToSandbox } from "../../../app/sandbox/route-to-sandbox.server";
import { startSandbox, type Sandbox } from "../server";
import { SandboxShop } from "../state/shop";
import { mintSessionToken } from "./session-token";

const KEY = "token-test-key";
const SECRET = "token-test-secret";
const SHOP = "backorder-demo.myshopify.com";
const TOML = path.resolve("shopify.app.toml");
const EXCHANGE = {
  client_id: KEY,
  client_secret: SECRET,
  grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
  subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
  requested_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
};

let sandbox: Sandbox;
let shopify: Shopify;

beforeAll(async () => {
  sandbox = await startSandbox({ app: { apiKey: KEY, apiSecret: SECRET, appUrl: "http://127.0.0.1:9", tomlPath: TOML }, shop: new SandboxShop({ domain: SHOP }) });
  // The app's own rerouting, so the library talks to the sandbox exactly as the app does.
  routeShopifyRequestsToSandbox(sandbox.url);
  shopify = shopifyApi({
    apiKey: KEY,
    apiSecretKey: SECRET,
    apiVersion: ADMIN_API_VERSION as ApiVersion,
    hostName: "127.0.0.1:9",
    isEmbeddedApp: true,
    scopes: ["read_products"],
    logger: { level: 0 },
  });
});

afterAll(async () => {
  await sandbox?.close();
});

async function exchange(body: Record<string, unknown>, contentType = "application/json"): Promise<{ status: number; body: Record<string, unknown> }> {
  const encoded = contentType === "application/json" ? JSON.stringify(body) : new URLSearchParams(body as Record<string, string>).toString();
  const response = await fetch(`${sandbox.url}/admin/oauth/access_token`, {
    method: "POST",
    headers: { "Content-Type": contentType, "X-Sandbox-Shop": SHOP },
    body: encoded,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const token = (overrides: Partial<Parameters<typeof mintSessionToken>[0]> = {}) =>
  mintSessionToken({ apiKey: KEY, apiSecret: SECRET, shop: SHOP, ...overrides });

describe("token exchange through @shopify/shopify-api", () => {
  it("gives an expiring offline session that refreshes and reaches the Admin API", async () => {
    const { session } = await shopify.auth.tokenExchange({
      shop: SHOP,
      sessionToken: await token(),
      requestedTokenType: RequestedTokenType.OfflineAccessToken,
      expiring: true,
    });
    expect(session.isOnline).toBe(false);
    expect(session.accessToken).toMatch(/^shpat_/);
    expect(session.refreshToken).toMatch(/^shprt_/);
    expect(session.expires!.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    expect(session.scope).toBe(sandbox.scopes.join(","));

    const { session: refreshed } = await shopify.auth.refreshToken({ shop: SHOP, refreshToken: session.refreshToken! });
    expect(refreshed.accessToken).not.toBe(session.accessToken);
    // Refresh tokens rotate: the old one is spent.
    await expect(shopify.auth.refreshToken({ shop: SHOP, refreshToken: session.refreshToken! })).rejects.toThrow();

    const client = new shopify.clients.Graphql({ session: refreshed });
    const response = await client.request("query ShopName { shop { name } }");
    expect(response.data).toEqual({ shop: { name: "Sandbox Backorders" } });
    expect(sandbox.adminApiRequests().at(-1)).toMatchObject({ operationName: "ShopName", status: 200 });
  });

  it("gives an online session tied to the token's user", async () => {
    const { session } = await shopify.auth.tokenExchange({
      shop: SHOP,
      sessionToken: await token({ userId: 77 }),
      requestedTokenType: RequestedTokenType.OnlineAccessToken,
    });
    expect(session.isOnline).toBe(true);
    expect(session.onlineAccessInfo?.associated_user.id).toBe(77);
    expect(session.id).toBe(`${SHOP}_77`);
  });
});

describe("POST /admin/oauth/access_token", () => {
  it("accepts a valid session token (JSON or form) and answers with a non-expiring token when not asked to expire", async () => {
    const json = await exchange({ ...EXCHANGE, subject_token: await token() });
    expect(json.status).toBe(200);
    expect(Object.keys(json.body).sort()).toEqual(["access_token", "scope"]);
    const form = await exchange({ ...EXCHANGE, subject_token: await token() }, "application/x-www-form-urlencoded");
    expect(form.status).toBe(200);
    expect(sandbox.tokens.validToken(SHOP, form.body.access_token as string)).toBeDefined();
  });

  it.each([
    ["a bad signature", () => token({ apiSecret: "someone-else" })],
    ["an expired token", () => token({ now: Date.now() - 5 * 60_000 })],
    ["another app's audience", () => token({ apiKey: "other-app" })],
    ["another shop's token", () => token({ shop: "other.myshopify.com" })],
    ["garbage", async () => "not.a.jwt"],
    ["a token without dest", () => new SignJWT({ aud: KEY, sub: "1" }).setProtectedHeader({ alg: "HS256" }).setExpirationTime("1m").setNotBefore("0s").sign(new TextEncoder().encode(SECRET))],
  ])("refuses %s with 400 invalid_subject_token", async (_name, makeToken) => {
    const result = await exchange({ ...EXCHANGE, subject_token: await makeToken() });
    expect(result.status).toBe(400);
    expect(result.body.error).toBe("invalid_subject_token");
  });

  it("refuses a wrong client secret, an unknown grant and an unknown token type", async () => {
    const subject_token = await token();
    expect((await exchange({ ...EXCHANGE, subject_token, client_secret: "nope" })).status).toBe(401);
    expect((await exchange({ ...EXCHANGE, subject_token, grant_type: "authorization_code" })).body.error).toBe("unsupported_grant_type");
    expect((await exchange({ ...EXCHANGE, subject_token, requested_token_type: "urn:x" })).status).toBe(400);
  });

  it("refuses an unknown refresh token with 400 invalid_grant", async () => {
    const result = await exchange({ client_id: KEY, client_secret: SECRET, grant_type: "refresh_token", refresh_token: "shprt_nope" });
    expect(result).toEqual({ status: 400, body: expect.objectContaining({ error: "invalid_grant" }) });
  });

  it("lets the library map a refused exchange to its InvalidJwt handling (400 + invalid_subject_token)", async () => {
    const bad = await token({ apiSecret: "someone-else" });
    // The library checks the token itself first; it must fail the same way the sandbox does.
    await expect(shopify.auth.tokenExchange({ shop: SHOP, sessionToken: bad, requestedTokenType: RequestedTokenType.OfflineAccessToken })).rejects.toThrow(/session token/i);
  });
});
