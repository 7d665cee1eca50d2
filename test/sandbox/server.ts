/**
 * The Shopify sandbox on one node:http server: Admin API, OAuth token
 * endpoint, admin shell + App Bridge stand-in, control API and storefront,
 * around one SandboxShop whose events are delivered to the app as webhooks.
 */
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { parse as parseToml } from "smol-toml";
import { ADMIN_API_VERSION } from "../../app/api-version";
import { createAdminApi, type AdminApi } from "./admin-api/execute";
import { buildEmbedUrl, storeHandleOf } from "./admin-shell/embed-url";
import { readShellAsset, renderShellPage } from "./admin-shell/shell-page";
import { registerResourcePickerRoute } from "./admin-shell/picker-products";
import { registerProductImageRoute } from "./cdn/product-images";
import { registerAdminPages } from "./admin-shell/admin-pages";
import { registerControlsPage } from "./controls-page";
import { AccessTokenService } from "./auth/access-tokens";
import { mintSessionToken } from "./auth/session-token";
import { createAppLifecycle, type AppLifecycle } from "./app-lifecycle";
import { registerControlApi, type AdminApiRequestRecord } from "./control-api";
import { HttpError, Router, sendJson, sendText } from "./http/router";
import { registerBulkFileRoutes } from "./http/bulk-files";
import { registerShopifyRoutes, type AdminApiTotals } from "./http/shopify-routes";
import { SandboxError } from "./state/contract";
import { seedDemoShop } from "./state/seed";
import { SandboxShop } from "./state/shop";
import type { CustomerDataAccess } from "./state/app-access";
import { createStorefront, type Storefront } from "./storefront";
import { createWebhookDispatcher, readSubscriptions, type WebhookDispatcher, type WebhookDispatcherOptions } from "./webhooks";
import { startMailbox, type Mailbox } from "./mailbox/mailbox";
import { registerMailRoutes } from "./mailbox/mail-routes";
import { createFlowTriggers, registerFlowTriggerRoutes, type FlowTriggers } from "./flow/flow-triggers";
import { createFlowWorkflows, registerFlowWorkflowRoutes, type FlowWorkflows } from "./flow/flow-workflows";

export const DEFAULT_SHOP_DOMAIN = "backorder-demo.myshopify.com";
export const DEFAULT_APP_ID = "4242424242";
const SESSION_TOKEN_PATH = "/sandbox/session-token";

export interface SandboxAppConfig {
  apiKey: string;
  apiSecret: string;
  appUrl: string;
  tomlPath: string;
  /** Comma-separated or a list; defaults to the toml's access_scopes. */
  scopes?: string | string[];
  /** Defaults to the toml's name / handle. */
  name?: string;
  handle?: string;
  /** Theme app extensions for the storefront; defaults to `extensions/` beside the toml. */
  extensionsDir?: string;
  appId?: string;
}

export interface StartSandboxOptions {
  port?: number;
  host?: string;
  app: SandboxAppConfig;
  shop?: SandboxShop;
  seed?: boolean;
  /** The shop's clock (epoch ms). Session and access tokens always use the real clock: the app checks them against it. */
  now?: () => number;
  /** Protected customer data for the app (see state/app-access.ts); approved by default, as for the demo. */
  customerData?: CustomerDataAccess;
  /** Milliseconds between an order and the routing of its fulfillment orders (state/order-routing.ts). */
  routingDelayMs?: number;
  /** Milliseconds a change to an order takes to reach order search (state/order-search-index.ts). */
  searchLagMs?: number;
  /** Overrides for the webhook dispatcher (retry schedule, timeouts, faults). */
  webhooks?: Partial<Omit<WebhookDispatcherOptions, "appUrl" | "apiSecret" | "shopDomain">>;
}

export interface Sandbox {
  url: string;
  shop: SandboxShop;
  adminApi: AdminApi;
  webhooks: WebhookDispatcher;
  storefront: Storefront;
  tokens: AccessTokenService;
  /** Uninstall and the privacy webhooks. */
  lifecycle: AppLifecycle;
  /** The scopes the app asks for (granted on token exchange). */
  scopes: string[];
  /** The admin shell page for an app path ("/app/settings"); the app root by default. */
  adminShellUrl(appPath?: string): string;
  mintSessionToken(options?: { userId?: string }): Promise<string>;
  adminApiRequests(): AdminApiRequestRecord[];
  /** Requests, charged cost points and THROTTLED answers since start (the request log keeps only the latest). */
  adminApiTotals(): AdminApiTotals;
  /** The merchant's mail server, stood in for: the app's customer notices land here (GET /sandbox/mail). */
  mailbox: Mailbox;
  /** Shopify Flow: the app's trigger extensions and the triggers received. */
  flowTriggers: FlowTriggers;
  /** Shopify Flow: which triggers the merchant's enabled workflows start with (changes send the lifecycle callback). */
  flowWorkflows: FlowWorkflows;
  close(): Promise<void>;
}

interface TomlAppInfo {
  name?: string;
  handle?: string;
  scopes?: string;
}

function readTomlAppInfo(tomlPath: string): TomlAppInfo {
  const doc = parseToml(fs.readFileSync(tomlPath, "utf8")) as { name?: unknown; handle?: unknown; access_scopes?: { scopes?: unknown } };
  return {
    ...(typeof doc.name === "string" ? { name: doc.name } : {}),
    ...(typeof doc.handle === "string" ? { handle: doc.handle } : {}),
    ...(typeof doc.access_scopes?.scopes === "string" ? { scopes: doc.access_scopes.scopes } : {}),
  };
}

function scopeList(scopes: string | string[] | undefined): string[] {
  const list = Array.isArray(scopes) ? scopes : (scopes ?? "").split(",");
  return list.map((s) => s.trim()).filter(Boolean);
}

export async function startSandbox(options: StartSandboxOptions): Promise<Sandbox> {
  const { app } = options;
  const toml = readTomlAppInfo(app.tomlPath);
  const appName = app.name ?? toml.name ?? "App";
  const appHandle = app.handle ?? toml.handle ?? "app";
  const scopes = scopeList(app.scopes ?? toml.scopes);
  const shop = options.shop ?? new SandboxShop({ domain: DEFAULT_SHOP_DOMAIN, name: "Backorder Demo", ...(options.now ? { now: options.now } : {}) });
  if (options.routingDelayMs !== undefined) shop.routing.delayMs = options.routingDelayMs;
  if (options.searchLagMs !== undefined) shop.orderSearch.lagMs = options.searchLagMs;
  if (options.seed) seedDemoShop(shop, { now: shop.now() });

  const flowTriggers = createFlowTriggers(app.extensionsDir ?? path.join(path.dirname(app.tomlPath), "extensions"), () => shop.nowIso());
  const flowWorkflows = createFlowWorkflows({
    extensionsDir: app.extensionsDir ?? path.join(path.dirname(app.tomlPath), "extensions"),
    appUrl: app.appUrl,
    apiSecret: app.apiSecret,
    shopDomain: shop.domain,
    triggers: flowTriggers,
    now: () => shop.now(),
  });
  const adminApi = createAdminApi(shop, { flowTriggers: flowTriggers.mutationRoot });
  const tokens = new AccessTokenService({ apiKey: app.apiKey, apiSecret: app.apiSecret, scopes });
  // What the app reads follows what Shopify granted it at install (state/app-access.ts).
  shop.appAccess = { grantedScopes: () => tokens.grantedScopes(shop.domain), customerData: options.customerData ?? "approved" };
  const requestLog: AdminApiRequestRecord[] = [];
  const totals: AdminApiTotals = { requests: 0, costPoints: 0, throttled: 0 };
  const webhooks = createWebhookDispatcher({
    appUrl: app.appUrl,
    apiSecret: app.apiSecret,
    apiVersion: ADMIN_API_VERSION,
    shopDomain: shop.domain,
    subscriptions: readSubscriptions(app.tomlPath),
    ...options.webhooks,
  });
  // Seeding happened above, before this: only changes made while the app runs become webhooks.
  const unsubscribe = shop.onEvent((event) => webhooks.deliver(event));
  const storefront = createStorefront({
    shop,
    extensionsDir: app.extensionsDir ?? path.join(path.dirname(app.tomlPath), "extensions"),
    appId: app.appId ?? DEFAULT_APP_ID,
    // Liquid's 'now' and dates follow the shop's clock and time zone, as on Shopify.
    now: () => shop.now(),
    timezone: shop.ianaTimezone,
  });

  const shellPathPrefix = `/store/${storeHandleOf(shop.domain)}/apps/${appHandle}`;
  // Outside the app's paths: the admin's own data, for its resource picker.
  const resourcePickerPath = `/store/${storeHandleOf(shop.domain)}/resource-picker/products`;
  const mint = (mintOptions: { userId?: string } = {}) =>
    mintSessionToken({ apiKey: app.apiKey, apiSecret: app.apiSecret, shop: shop.domain, userId: mintOptions.userId ?? "1" });

  const lifecycle = createAppLifecycle(shop, webhooks, tokens);
  const router = new Router();
  const mailbox = await startMailbox({ host: options.host ?? "127.0.0.1" });
  registerMailRoutes(router, mailbox);
  registerShopifyRoutes(router, { apiVersion: ADMIN_API_VERSION, shopDomain: shop.domain, adminApi, tokens, requestLog, totals });
  registerBulkFileRoutes(router, adminApi);
  registerControlApi(router, {
    shop,
    adminApi,
    webhooks,
    adminApiRequests: () => [...requestLog],
    mintSessionToken: mint,
    grantedScopes: () => tokens.grantedScopes(shop.domain),
    appAccess: shop.appAccess,
    lifecycle,
    timing: {
      get: () => ({ routingDelayMs: shop.routing.delayMs, searchLagMs: shop.orderSearch.lagMs }),
      set: ({ routingDelayMs, searchLagMs }) => {
        if (routingDelayMs !== undefined) shop.routing.delayMs = routingDelayMs;
        if (searchLagMs !== undefined) shop.orderSearch.lagMs = searchLagMs;
      },
    },
  });
  router.on("GET", "/cdn/app-bridge.js", ({ res }) =>
    sendText(res, 200, readShellAsset("app-bridge.js"), "application/javascript; charset=utf-8", { "Access-Control-Allow-Origin": "*" }),
  );
  registerResourcePickerRoute(router, shop, resourcePickerPath);
  registerProductImageRoute(router, shop);
  registerAdminPages(router, shop, storeHandleOf(shop.domain));
  registerControlsPage(router, shop.appAccess);
  registerFlowTriggerRoutes(router, flowTriggers);
  registerFlowWorkflowRoutes(router, flowWorkflows);
  // Shopify admin installs or opens the app here: the library's shopify.login() sends a shop domain
  // to https://admin.shopify.com/store/{store}/oauth/install?client_id={api key} (Shopify-managed
  // installation, https://shopify.dev/docs/apps/build/authentication-authorization/app-installation).
  // The sandbox's app is installed already, so the admin opens it, as Shopify does for an installed app.
  router.on("GET", "/store/:store/oauth/install", ({ res, url, params }) => {
    if (params.store !== storeHandleOf(shop.domain)) throw new HttpError(404, "No such store in the sandbox");
    if (url.searchParams.get("client_id") !== app.apiKey) throw new HttpError(400, "client_id is not the sandbox app's API key");
    res.writeHead(302, { Location: shellPathPrefix }).end();
  });
  // The admin URL mirrors the app's path: /store/{store}/apps/{handle}/{path}. App Bridge reports
  // every pushState/replaceState and every new document to the admin, which updates its address bar
  // (https://shopify.dev/docs/api/app-home/apis/user-interface-and-interactions/navigation-api,
  // "Address bar sync"), so a browser reload loads the iframe at that path again, with shop, host,
  // embedded and a fresh id_token. Admin URLs name the app by handle or by client id (the library's
  // redirects to admin use the client id).
  router.on("GET", "/store/:store/apps/:app/*", async ({ res, url, params }) => {
    if (params.store !== storeHandleOf(shop.domain) || (params.app !== appHandle && params.app !== app.apiKey)) {
      throw new HttpError(404, "No such store or app in the sandbox");
    }
    const subpath = params["*"] ?? "";
    const appPath = subpath ? `/${subpath}${url.search}` : "/app";
    const iframeSrc = buildEmbedUrl({ appUrl: app.appUrl, appPath, apiSecret: app.apiSecret, shop: shop.domain, idToken: await mint() });
    const page = renderShellPage({
      shopName: shop.snapshot().shop.name,
      shopDomain: shop.domain,
      appName,
      shellPathPrefix,
      adminPathPrefix: `/store/${storeHandleOf(shop.domain)}`,
      iframeSrc,
      appOrigin: new URL(app.appUrl).origin,
      sessionTokenPath: SESSION_TOKEN_PATH,
      resourcePickerPath,
    });
    sendText(res, 200, page, "text/html; charset=utf-8");
  });

  const server = http.createServer((req, res) => {
    void handleRequest(req, res);
  });

  async function handleRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? "/", "http://sandbox.local");
      if (await router.handle(req, res, url)) return;
      if (await storefront.handle(req, res)) return;
      sendJson(res, 404, { error: `Nothing at ${req.method} ${url.pathname}; see GET /sandbox` });
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpError) sendJson(res, error.status, error.body ?? { error: error.message });
      else if (error instanceof SandboxError) sendJson(res, error.status, { error: error.message });
      else {
        console.error("[sandbox]", error);
        sendJson(res, 500, { error: (error as Error).message ?? String(error) });
      }
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${options.host ?? "127.0.0.1"}:${address.port}`;
  // The shop's image URLs point at this server (Shopify's would point at its CDN).
  shop.assetOrigin = url;

  return {
    url,
    shop,
    adminApi,
    webhooks,
    storefront,
    tokens,
    lifecycle,
    scopes,
    adminShellUrl: (appPath = "") => `${url}${shellPathPrefix}${appPath === "/" ? "" : appPath}`,
    mintSessionToken: mint,
    adminApiRequests: () => [...requestLog],
    adminApiTotals: () => ({ ...totals }),
    mailbox,
    flowTriggers,
    flowWorkflows,
    async close() {
      await mailbox.close();
      unsubscribe();
      shop.routing.stop();
      shop.shopifyHoldTimers.stop();
      webhooks.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
