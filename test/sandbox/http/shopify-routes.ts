/**
 * The routes that stand in for `https://{shop}/...`: the Admin GraphQL API
 * (access-token checked, each request logged) and the OAuth token endpoint.
 * The app reaches them with the shop named in `X-Sandbox-Shop`.
 */
import type { IncomingMessage } from "node:http";
import type { AccessTokenService } from "../auth/access-tokens";
import type { AdminApiRequestRecord } from "../control-api";
import { HttpError, readBody, readJsonOrForm, sendJson, type Router } from "./router";

export const INVALID_TOKEN_MESSAGE = "[API] Invalid API key or access token (unrecognized login or wrong password)";
const MAX_LOGGED_REQUESTS = 5000;

export interface AdminApiExecutor {
  execute(body: { query: string; variables?: Record<string, unknown>; operationName?: string }): Promise<{ status: number; body: unknown }>;
}

export interface ShopifyRoutesDeps {
  apiVersion: string;
  shopDomain: string;
  adminApi: AdminApiExecutor;
  tokens: AccessTokenService;
  requestLog: AdminApiRequestRecord[];
  /** Running totals since the sandbox started (the log keeps only the latest requests). */
  totals: AdminApiTotals;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** The shop a request is for: the X-Sandbox-Shop header, else the sandbox's only shop. */
function requestShop(req: IncomingMessage, shopDomain: string): string {
  const named = header(req, "x-sandbox-shop");
  if (named && named !== shopDomain) throw new HttpError(404, `Unknown shop ${named}`, { errors: "Not Found" });
  return shopDomain;
}

function operationNameOf(body: { query?: unknown; operationName?: unknown }): string | null {
  if (typeof body.operationName === "string" && body.operationName) return body.operationName;
  if (typeof body.query !== "string") return null;
  return /\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(body.query)?.[1] ?? null;
}

function costOf(body: unknown): { cost: number | null; throttled: boolean } {
  const record = (body ?? {}) as { extensions?: { cost?: { actualQueryCost?: unknown; requestedQueryCost?: unknown } }; errors?: unknown };
  const cost = record.extensions?.cost;
  const value = typeof cost?.actualQueryCost === "number" ? cost.actualQueryCost : typeof cost?.requestedQueryCost === "number" ? cost.requestedQueryCost : null;
  const throttled = Array.isArray(record.errors) && record.errors.some((e) => (e as { extensions?: { code?: unknown } })?.extensions?.code === "THROTTLED");
  return { cost: value, throttled };
}

async function graphqlBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const type = header(req, "content-type") ?? "";
  const text = await readBody(req);
  if (type.includes("application/graphql")) return { query: text };
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through to Shopify's answer for a body it cannot read
  }
  throw new HttpError(400, "Bad GraphQL body", { errors: { query: "Required parameter missing or invalid" } });
}

export interface AdminApiTotals {
  requests: number;
  /** Points charged: actual cost of answered queries (a THROTTLED answer costs nothing). */
  costPoints: number;
  throttled: number;
}

export function registerShopifyRoutes(router: Router, deps: ShopifyRoutesDeps): void {
  router.on("POST", "/admin/api/:version/graphql.json", async ({ req, res, params }) => {
    if (params.version !== deps.apiVersion) {
      throw new HttpError(404, `API version ${params.version} is not served; the sandbox speaks ${deps.apiVersion}`, { errors: "Not Found" });
    }
    const shop = requestShop(req, deps.shopDomain);
    const started = Date.now();
    const record = (status: number, body: unknown, operationName: string | null) => {
      const cost = costOf(body);
      deps.totals.requests += 1;
      if (cost.throttled) deps.totals.throttled += 1;
      else deps.totals.costPoints += cost.cost ?? 0;
      deps.requestLog.push({ at: new Date(started).toISOString(), shop, operationName, status, ...cost, durationMs: Date.now() - started });
      if (deps.requestLog.length > MAX_LOGGED_REQUESTS) deps.requestLog.splice(0, deps.requestLog.length - MAX_LOGGED_REQUESTS);
    };
    if (!deps.tokens.validToken(shop, header(req, "x-shopify-access-token"))) {
      const body = { errors: INVALID_TOKEN_MESSAGE };
      record(401, body, null);
      sendJson(res, 401, body);
      return;
    }
    const body = await graphqlBody(req);
    const operationName = operationNameOf(body);
    const result = await deps.adminApi.execute(body as { query: string });
    record(result.status, result.body, operationName);
    sendJson(res, result.status, result.body, { "X-Shopify-API-Version": deps.apiVersion });
  });

  router.on("POST", "/admin/oauth/access_token", async ({ req, res }) => {
    const named = header(req, "x-sandbox-shop");
    if (named && named !== deps.shopDomain) throw new HttpError(404, `Unknown shop ${named}`, { error: "shop_not_found" });
    const body = await readJsonOrForm(req);
    const result = await deps.tokens.handle(body, named ?? deps.shopDomain);
    sendJson(res, result.status, result.body);
  });
}
