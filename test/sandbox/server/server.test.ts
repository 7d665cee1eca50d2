import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { holdFulfillmentOrder } from "../state/fulfillment";
import { ADMIN_API_VERSION } from "../../../app/api-version";
import { startSandbox, type Sandbox } from "../server";
import { INVALID_TOKEN_MESSAGE } from "../http/shopify-routes";

const KEY = "server-test-key";
const SECRET = "server-test-secret";
const SHOP = "backorder-demo.myshopify.com";

let sandbox: Sandbox;
let app: http.Server;
const received: { path: string; topic: string }[] = [];

beforeAll(async () => {
  // A stand-in app that accepts every webhook, so deliveries settle.
  app = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      received.push({ path: req.url ?? "", topic: String(req.headers["x-shopify-topic"]) });
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", () => resolve()));
  const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  sandbox = await startSandbox({ app: { apiKey: KEY, apiSecret: SECRET, appUrl, tomlPath: path.resolve("shopify.app.toml") }, seed: true });
});

afterAll(async () => {
  await sandbox?.close();
  await new Promise((resolve) => app?.close(resolve));
});

async function call(method: string, urlPath: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${sandbox.url}${urlPath}`, {
    method,
    headers: { "Content-Type": "application/json", ...headers },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> & { error?: string } };
}

async function offlineToken(): Promise<string> {
  const result = await call("POST", "/admin/oauth/access_token", {
    client_id: KEY,
    client_secret: SECRET,
    grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
    subject_token: await sandbox.mintSessionToken(),
    subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
    requested_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
  });
  return result.body.access_token as string;
}

const graphqlPath = `/admin/api/${ADMIN_API_VERSION}/graphql.json`;
const shopQuery = { query: "query ShopName { shop { name } }" };

describe("Admin API endpoint", () => {
  it("answers 401 with Shopify's message without a token the sandbox issued", async () => {
    for (const headers of [{}, { "X-Shopify-Access-Token": "shpat_made_up" }] as Record<string, string>[]) {
      const result = await call("POST", graphqlPath, shopQuery, { "X-Sandbox-Shop": SHOP, ...headers });
      expect(result).toEqual({ status: 401, body: { errors: INVALID_TOKEN_MESSAGE } });
    }
  });

  it("executes with an issued token, logs the operation and cost, and 404s other versions and shops", async () => {
    const token = await offlineToken();
    const ok = await call("POST", graphqlPath, shopQuery, { "X-Sandbox-Shop": SHOP, "X-Shopify-Access-Token": token });
    expect(ok.status).toBe(200);
    expect(ok.body.data).toEqual({ shop: { name: expect.any(String) } });
    const log = await call("GET", "/sandbox/admin-api/requests");
    expect((log.body.requests as unknown[]).at(-1)).toMatchObject({ operationName: "ShopName", status: 200, cost: expect.any(Number) });

    expect((await call("POST", "/admin/api/2024-01/graphql.json", shopQuery, { "X-Shopify-Access-Token": token })).status).toBe(404);
    expect((await call("POST", graphqlPath, shopQuery, { "X-Sandbox-Shop": "other.myshopify.com", "X-Shopify-Access-Token": token })).status).toBe(404);
  });

  it("keeps running totals of requests, charged points and THROTTLED answers beyond the log's length", async () => {
    const headers = { "X-Shopify-Access-Token": await offlineToken() };
    const before = sandbox.adminApiTotals();
    expect((await call("POST", graphqlPath, shopQuery, headers)).status).toBe(200);
    const after = sandbox.adminApiTotals();
    expect(after.requests - before.requests).toBe(1);
    expect(after.costPoints - before.costPoints).toBe(sandbox.adminApiRequests().at(-1)!.cost);
    expect(after.throttled).toBe(before.throttled);
  });

  it("passes injected failures and throttling set through the control API", async () => {
    const token = await offlineToken();
    const headers = { "X-Shopify-Access-Token": token };
    expect((await call("POST", "/sandbox/admin-api/faults", { failNext: 1, status: 503 })).status).toBe(200);
    expect((await call("POST", graphqlPath, shopQuery, headers)).status).toBe(503);
    expect((await call("POST", graphqlPath, shopQuery, headers)).status).toBe(200);

    expect((await call("POST", "/sandbox/admin-api/faults", { throttle: { maximumAvailable: 1, restoreRate: 0 } })).status).toBe(200);
    const throttled = await call("POST", graphqlPath, { query: "query Products { products(first: 50) { nodes { id title } } }" }, headers);
    expect(JSON.stringify(throttled.body.errors)).toContain("THROTTLED");
    const log = (await call("GET", "/sandbox/admin-api/requests")).body.requests as { throttled: boolean }[];
    expect(log.at(-1)?.throttled).toBe(true);
    await call("POST", "/sandbox/admin-api/faults", { throttle: { maximumAvailable: 2000, restoreRate: 100 } });

    expect((await call("POST", "/sandbox/admin-api/faults", {})).status).toBe(400);
    expect((await call("POST", "/sandbox/admin-api/faults", { failNext: "x" })).status).toBe(400);
  });

  it("fails calls at random, replayably, some after the change went through", async () => {
    const headers = { "X-Shopify-Access-Token": await offlineToken() };
    // A full bucket, whatever earlier tests spent: a THROTTLED answer would change nothing.
    sandbox.adminApi.setThrottle({ maximumAvailable: 2000, restoreRate: 1_000_000 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    sandbox.adminApi.setThrottle({ restoreRate: 100 });
    expect((await call("POST", "/sandbox/admin-api/faults", { randomFailures: { rate: 2 } })).status).toBe(400);
    expect((await call("POST", "/sandbox/admin-api/faults", { randomFailures: { rate: 1, lostReplies: 1, seed: 3 } })).status).toBe(200);
    const tagged = sandbox.shop.snapshot().orders[0]!;
    const tagsAdd = { query: "mutation Tag($id: ID!) { tagsAdd(id: $id, tags: [\"lost-reply\"]) { userErrors { message } } }", variables: { id: tagged.id } };
    const lost = await call("POST", graphqlPath, tagsAdd, headers);
    expect(lost.status, JSON.stringify(lost.body)).toBe(503);
    // The reply was lost, but the change was made.
    expect(sandbox.shop.snapshot().orders[0]!.tags).toContain("lost-reply");
    expect((await call("POST", "/sandbox/admin-api/faults", { randomFailures: null })).status).toBe(200);
    expect((await call("POST", graphqlPath, shopQuery, headers)).status).toBe(200);
  });
});

describe("app lifecycle through the control API", () => {
  it("sends privacy requests and the uninstall, which revokes the app's tokens", async () => {
    const email = sandbox.shop.snapshot().orders.length > 0 ? [...sandbox.shop.orders.values()][0]!.customer.email : "";
    const before = received.length;
    expect((await call("POST", "/sandbox/app/customer-request", { kind: "forget", email })).status).toBe(400);
    expect((await call("POST", "/sandbox/app/customer-request", { kind: "redact", email })).status).toBe(200);
    expect((await call("POST", "/sandbox/app/shop-redact")).status).toBe(200);
    const token = await offlineToken();
    expect((await call("POST", "/sandbox/app/uninstall")).status).toBe(200);
    await sandbox.webhooks.idle();
    expect(received.slice(before).map((r) => r.topic).sort()).toEqual(["app/uninstalled", "customers/redact", "shop/redact"]);
    expect((await call("POST", graphqlPath, shopQuery, { "X-Shopify-Access-Token": token })).status).toBe(401);
  });
});

describe("control API", () => {
  it("lists every endpoint at GET /sandbox", async () => {
    const index = await call("GET", "/sandbox");
    const paths = (index.body.endpoints as { method: string; path: string }[]).map((e) => `${e.method} ${e.path}`);
    expect(paths).toEqual(expect.arrayContaining(["GET /sandbox/state", "POST /sandbox/stock", "POST /sandbox/orders/:id/cancel", "POST /sandbox/pos-sales", "POST /sandbox/session-token"]));
  });

  it("sets stock by SKU or numeric id, and the change becomes a webhook", async () => {
    const state = (await call("GET", "/sandbox/state")).body as unknown as { variants: { id: string; sku: string; tracked: boolean; levels: { locationId: string; available: number }[] }[] };
    const variant = state.variants.find((v) => v.tracked && v.levels.length > 0)!;
    const level = variant.levels[0]!;
    const bySku = await call("POST", "/sandbox/stock", { sku: variant.sku, available: level.available + 5 });
    expect(bySku.status).toBe(200);
    const numericId = Number(variant.id.split("/").pop());
    const numericLocation = Number(level.locationId.split("/").pop());
    await call("POST", "/sandbox/stock", { variantId: numericId, locationId: numericLocation, available: 42 });
    const after = sandbox.shop.snapshot().variants.find((v) => v.id === variant.id)!;
    expect(after.levels.find((l) => l.locationId === level.locationId)?.available).toBe(42);

    await sandbox.webhooks.idle();
    expect(received.some((r) => r.topic === "inventory_levels/update" && r.path === "/webhooks/inventory_levels/update")).toBe(true);
    const log = await call("GET", "/sandbox/webhooks");
    expect((log.body.deliveries as { topic: string }[]).some((d) => d.topic === "inventory_levels/update")).toBe(true);
  });

  it("records incoming stock and receives it", async () => {
    const variant = sandbox.shop.snapshot().variants.find((v) => v.tracked && v.levels.length > 0)!;
    const locationId = variant.levels[0]!.locationId;
    const incoming = await call("POST", "/sandbox/incoming", { variantId: variant.id, locationId, quantity: 10, arrivesAt: "2026-12-15" });
    expect(incoming.status).toBe(201);
    expect(incoming.body.shipmentId).toMatch(/^gid:\/\/shopify\//);
    const before = sandbox.shop.snapshot().variants.find((v) => v.id === variant.id)!.levels[0]!;
    expect((await call("POST", "/sandbox/receive", { variantId: variant.id, locationId, quantity: 4 })).status).toBe(200);
    const after = sandbox.shop.snapshot().variants.find((v) => v.id === variant.id)!.levels[0]!;
    expect(after.incoming).toBe(before.incoming - 4);
    expect(after.available).toBe(before.available + 4);
  });

  it("places, edits and cancels an order", async () => {
    const variant = sandbox.shop.snapshot().variants.find((v) => v.inventoryPolicy === "CONTINUE" && v.tracked)!;
    const placed = await call("POST", "/sandbox/orders", { customer: { email: "ada@example.com", firstName: "Ada" }, lines: [{ variantId: variant.id, quantity: 3, properties: { Note: "gift" } }] });
    expect(placed.status).toBe(201);
    const orderId = placed.body.orderId as string;
    const order = sandbox.shop.snapshot().orders.find((o) => o.id === orderId)!;
    expect(order.lineItems[0]).toMatchObject({ quantity: 3, properties: { Note: "gift" } });

    const numericOrder = orderId.split("/").pop();
    const edited = await call("POST", `/sandbox/orders/${numericOrder}/edit`, { lineItemId: order.lineItems[0]!.id, quantity: 1 });
    expect(edited.status).toBe(200);
    expect(sandbox.shop.snapshot().orders.find((o) => o.id === orderId)!.lineItems[0]!.currentQuantity).toBe(1);

    expect((await call("POST", `/sandbox/orders/${encodeURIComponent(orderId)}/cancel`)).status).toBe(200);
    expect(sandbox.shop.snapshot().orders.find((o) => o.id === orderId)!.cancelledAt).not.toBeNull();
    // Cancelling twice is the shop's own refusal (SandboxError 422).
    expect((await call("POST", `/sandbox/orders/${numericOrder}/cancel`)).status).toBe(422);
  });

  it("sells at a point of sale below zero, whatever the policy, and answers 400 for a bad quantity", async () => {
    const state = sandbox.shop.snapshot();
    const downtown = state.locations.find((l) => !l.fulfillsOnlineOrders)!;
    const variant = state.variants.find((v) => v.inventoryPolicy === "DENY" && v.tracked)!;
    const before = variant.levels.find((l) => l.locationId === downtown.id)?.available ?? 0;
    const sold = await call("POST", "/sandbox/pos-sales", { sku: variant.sku, locationId: downtown.id, quantity: before + 2 });
    expect(sold.status).toBe(201);
    expect(sold.body.orderId).toMatch(/^gid:\/\/shopify\/Order\//);
    expect((sold.body.levels as { locationId: string; available: number }[]).find((l) => l.locationId === downtown.id)?.available).toBe(-2);
    expect((await call("POST", "/sandbox/pos-sales", { sku: variant.sku, locationId: downtown.id, quantity: 0 })).status).toBe(400);
  });

  it("releases every hold on a fulfillment order as the merchant does in Shopify admin", async () => {
    const variant = sandbox.shop.snapshot().variants.find((v) => v.inventoryPolicy === "CONTINUE" && v.tracked)!;
    const placed = await call("POST", "/sandbox/orders", { customer: { email: "bo@example.com" }, lines: [{ variantId: variant.id, quantity: 1 }] });
    sandbox.shop.routing.routeAll(); // Shopify routes the order after it is placed
    const foId = sandbox.shop.snapshot().orders.find((o) => o.id === placed.body.orderId)!.fulfillmentOrders[0]!.id;
    holdFulfillmentOrder(sandbox.shop, foId, { reason: "INVENTORY_OUT_OF_STOCK", handle: "backorder-manager" });
    const released = await call("POST", `/sandbox/fulfillment-orders/${foId.split("/").pop()}/release-hold`);
    expect(released.status).toBe(200);
    expect(sandbox.shop.snapshot().orders.find((o) => o.id === placed.body.orderId)!.fulfillmentOrders[0]).toMatchObject({ status: "OPEN", holds: [] });
    // Nothing held any more: the shop's own refusal.
    expect((await call("POST", `/sandbox/fulfillment-orders/${foId.split("/").pop()}/release-hold`)).status).toBe(422);
  });

  it("answers 400 for bad input and 404 for unknown ids", async () => {
    const cases: [string, string, unknown, number][] = [
      ["POST", "/sandbox/stock", "{not json", 400],
      ["POST", "/sandbox/stock", { available: 3 }, 400],
      ["POST", "/sandbox/stock", { variantId: "gid://shopify/Product/1", available: 3 }, 400],
      ["POST", "/sandbox/stock", { sku: "NO-SUCH-SKU", available: 3 }, 404],
      ["POST", "/sandbox/stock", { variantId: 1, available: 3 }, 404],
      ["POST", "/sandbox/stock", { variantId: 1, available: 1.5 }, 400],
      ["POST", "/sandbox/incoming", { variantId: 1, locationId: 2, quantity: 1, arrivesAt: "soon" }, 400],
      ["POST", "/sandbox/orders", { customer: { email: "a@b.c" }, lines: [] }, 400],
      ["POST", "/sandbox/orders", { lines: [{ variantId: 1, quantity: 1 }] }, 400],
      ["POST", "/sandbox/orders/999/cancel", undefined, 404],
      ["POST", "/sandbox/orders/abc/cancel", undefined, 400],
      ["POST", "/sandbox/orders/999/edit", { lineItemId: 1, quantity: -1 }, 400],
      ["GET", "/sandbox/stock", undefined, 405],
      ["GET", "/no/such/path", undefined, 404],
    ];
    for (const [method, urlPath, body, status] of cases) {
      const result = await call(method, urlPath, body);
      expect({ method, urlPath, body, status: result.status }).toEqual({ method, urlPath, body, status });
      expect(typeof result.body.error).toBe("string");
    }
  });

  it("mints session tokens for tests", async () => {
    const result = await call("POST", "/sandbox/session-token", { userId: 5 });
    const claims = JSON.parse(Buffer.from((result.body.token as string).split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ aud: KEY, sub: "5", dest: `https://${SHOP}`, iss: `https://${SHOP}/admin` });
  });
});
