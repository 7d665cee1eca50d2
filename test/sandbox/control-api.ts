/**
 * The sandbox control API (`/sandbox/*`): tests and people drive the shop
 * (stock, incoming stock, orders), read state and logs, and inject faults.
 * JSON in, JSON out; `GET /sandbox` lists every endpoint.
 */
import type { AppAccess } from "./state/app-access";
import type { SandboxShopApi, ShopifyHoldInput, ShopSnapshot } from "./state/contract";
import {
  dateField,
  gidField,
  intField,
  objectField,
  optionalGidField,
  optionalIntField,
  optionalNumberField,
  optionalStringField,
  stringField,
  stringRecordField,
  toGid,
  type Body,
} from "./http/input";
import { HttpError, readJsonObject, sendJson, type Router } from "./http/router";
import type { AppLifecycle } from "./app-lifecycle";
import { MAIL_ENDPOINTS } from "./mailbox/mail-routes";

export interface AdminApiRequestRecord {
  at: string;
  shop: string;
  operationName: string | null;
  status: number;
  /** `extensions.cost.actualQueryCost` (or requested) when the response had one. */
  cost: number | null;
  throttled: boolean;
  durationMs: number;
}

/** What the control API needs of the webhook dispatcher. */
export interface WebhookControl {
  deliveries(): unknown[];
  setFaults(faults: never): void;
}

export interface AdminApiControl {
  setThrottle(options: { maximumAvailable?: number; restoreRate?: number }): void;
  failNext(count: number, status?: number): void;
  setRandomFailures(options: { rate: number; lostReplies?: number; status?: number; seed?: number } | null): void;
  bulk: { failNext(fault: { afterLines: number } | null): void };
}

export interface ControlApiDeps {
  shop: SandboxShopApi;
  adminApi: AdminApiControl;
  webhooks: WebhookControl;
  adminApiRequests(): AdminApiRequestRecord[];
  mintSessionToken(options?: { userId?: string }): Promise<string>;
  grantedScopes(): string[];
  /** What the app may read (the shop's own object: changes apply at once). */
  appAccess: AppAccess;
  lifecycle: AppLifecycle;
  timing: ShopTimingControl;
}

/** How far behind the order Shopify's background work runs (state/order-routing.ts, state/order-search-index.ts). */
export interface ShopTiming {
  routingDelayMs: number;
  searchLagMs: number;
}

export interface ShopTimingControl {
  get(): ShopTiming;
  set(timing: Partial<ShopTiming>): void;
}

export const CONTROL_ENDPOINTS: { method: string; path: string; body?: string; description: string }[] = [
  { method: "GET", path: "/sandbox", description: "This index" },
  { method: "GET", path: "/sandbox/controls", description: "A page with switches for people (protected customer data approval)" },
  { method: "GET", path: "/sandbox/state", description: "Snapshot of the shop: locations, variants with stock levels, orders" },
  { method: "POST", path: "/sandbox/stock", body: "{ variantId | sku, locationId?, available }", description: "Set available stock (a count); default location: the variant's first" },
  { method: "POST", path: "/sandbox/incoming", body: "{ variantId | sku, locationId, quantity, arrivesAt }", description: "Stock on its way (raises incoming)" },
  { method: "POST", path: "/sandbox/receive", body: "{ variantId | sku, locationId, quantity }", description: "Incoming stock arrives" },
  { method: "POST", path: "/sandbox/shipments/arrival", body: "{ shipmentId, arrivesAt }", description: "A shipment's expected arrival moves (inventory_shipments/update_tracking)" },
  { method: "POST", path: "/sandbox/shipments/receive", body: "{ shipmentId, quantity? }", description: "Units of a shipment received, all unreceived ones by default" },
  { method: "POST", path: "/sandbox/transfers/cancel", body: "{ transferId }", description: "A transfer canceled: its unreceived units stop being incoming" },
  { method: "POST", path: "/sandbox/orders", body: "{ customer: { email, firstName?, lastName? }, lines: [{ variantId | sku, quantity, properties? }], shopifyHold?: { reason?, releaseAfterMs }, customerLocale? }", description: "Place an order as checkout does (shopifyHold: Shopify holds it, e.g. for a post-purchase upsell, and lifts the hold after releaseAfterMs)" },
  { method: "POST", path: "/sandbox/orders/:id/release-shopify-hold", description: "Shopify lifts the hold it placed on a new order now (the buyer answered the upsell)" },
  { method: "POST", path: "/sandbox/pos-sales", body: "{ variantId | sku, locationId, quantity }", description: "A Shopify POS sale at a location: fulfilled at once, below zero whatever the inventory policy" },
  { method: "POST", path: "/sandbox/orders/:id/cancel", description: "Cancel an order" },
  { method: "POST", path: "/sandbox/orders/:id/edit", body: "{ lineItemId, quantity }", description: "Set a line's quantity (0 removes it)" },
  { method: "POST", path: "/sandbox/fulfillment-orders/:id/release-hold", description: "The merchant releases every hold on a fulfillment order in Shopify admin" },
  { method: "GET", path: "/sandbox/timing", description: "How long after an order its fulfillment orders are routed, and how far order search lags writes (ms)" },
  { method: "POST", path: "/sandbox/timing", body: "{ routingDelayMs?, searchLagMs? }", description: "Change the routing delay and the search lag (ms)" },
  { method: "GET", path: "/sandbox/webhooks", description: "Webhook delivery log" },
  { method: "POST", path: "/sandbox/webhooks/faults", body: "dispatcher fault settings", description: "Make webhook deliveries fail, delay or duplicate" },
  { method: "POST", path: "/sandbox/admin-api/faults", body: "{ failNext, status? } | { throttle: { maximumAvailable?, restoreRate? } } | { randomFailures: { rate, lostReplies?, status?, seed? } | null } | { bulkFailure: { afterLines } | null }", description: "Admin API failures and throttling; bulkFailure: the next bulk operation fails after that many lines" },
  { method: "POST", path: "/sandbox/staged-uploads/", body: "multipart form: a staged target's parameters, then file", description: "The upload target stagedUploadsCreate names (bulk mutation variables)" },
  { method: "GET", path: "/sandbox/bulk-operation-results/:file", description: "A bulk operation's JSONL results (its url / partialDataUrl)" },
  { method: "POST", path: "/sandbox/app/uninstall", description: "The merchant uninstalls the app (tokens revoked, app/uninstalled sent)" },
  { method: "POST", path: "/sandbox/app/customer-request", body: "{ kind: data_request | redact, email }", description: "A privacy request for a customer (customers/data_request or customers/redact)" },
  { method: "POST", path: "/sandbox/app/shop-redact", description: "shop/redact, as sent 48 hours after an uninstall" },
  { method: "GET", path: "/sandbox/admin-api/requests", description: "Admin API request log (operation, cost, status)" },
  { method: "GET", path: "/sandbox/scopes", description: "Scopes granted to the app" },
  { method: "POST", path: "/sandbox/app/access", body: "{ customerData?: approved | refused, revokeScopes?: [scope] }", description: "Protected customer data approval; scopes Shopify takes back (app/scopes_update)" },
  { method: "POST", path: "/sandbox/session-token", body: "{ userId? }", description: "A fresh session token (id_token) for the app" },
  ...MAIL_ENDPOINTS,
  { method: "GET", path: "/sandbox/flow-triggers", description: "Shopify Flow triggers the app sent (flowTriggerReceive) and the trigger handles its extensions declare" },
  { method: "GET", path: "/sandbox/flow/workflows", description: "The app's Flow triggers an enabled workflow of the merchant starts with" },
  { method: "POST", path: "/sandbox/flow/workflows", body: "{ handle, enabled, timestamp? }", description: "The merchant enables or disables a workflow; Flow sends the app's signed lifecycle callback (an enable the app refuses stays disabled)" },
];

const SHOPIFY_HOLD_REASONS = ["ONLINE_STORE_POST_PURCHASE_CROSS_SELL", "HIGH_RISK_OF_FRAUD", "AWAITING_PAYMENT"] as const;

/** An order's `shopifyHold` option: the reason (a post-purchase upsell unless told) and when Shopify lifts it. */
function shopifyHoldOf(body: Body): { shopifyHold?: ShopifyHoldInput } {
  if (body.shopifyHold === undefined) return {};
  const hold = objectField(body, "shopifyHold");
  const reason = optionalStringField(hold, "reason");
  if (reason !== undefined && !(SHOPIFY_HOLD_REASONS as readonly string[]).includes(reason)) throw new HttpError(400, `shopifyHold.reason must be one of ${SHOPIFY_HOLD_REASONS.join(", ")}`);
  const releaseAfterMs = intField(hold, "releaseAfterMs", { min: 0 });
  return { shopifyHold: { releaseAfterMs, ...(reason ? { reason: reason as ShopifyHoldInput["reason"] } : {}) } };
}

/** Ids may be GIDs or numbers; a variant may be named by SKU instead. */
function variantOf(body: Body, snapshot: () => ShopSnapshot): string {
  if (body.variantId !== undefined) return gidField(body, "variantId", "ProductVariant");
  const sku = optionalStringField(body, "sku");
  if (!sku) throw new HttpError(400, "variantId or sku is required");
  const variant = snapshot().variants.find((v) => v.sku === sku);
  if (!variant) throw new HttpError(404, `No variant with SKU ${sku}`);
  return variant.id;
}

function levelsOf(snapshot: ShopSnapshot, variantId: string) {
  const variant = snapshot.variants.find((v) => v.id === variantId);
  if (!variant) throw new HttpError(404, `Variant not found: ${variantId}`);
  return variant.levels;
}

export function registerControlApi(router: Router, deps: ControlApiDeps): void {
  const { shop } = deps;
  const snapshot = () => shop.snapshot();

  router.on("GET", "/sandbox", ({ res }) => sendJson(res, 200, { shop: shop.domain, endpoints: CONTROL_ENDPOINTS }));
  router.on("GET", "/sandbox/state", ({ res }) => sendJson(res, 200, snapshot()));
  router.on("GET", "/sandbox/scopes", ({ res }) => sendJson(res, 200, { granted: deps.grantedScopes() }));

  router.on("POST", "/sandbox/stock", async ({ req, res }) => {
    const body = await readJsonObject(req);
    const variantId = variantOf(body, snapshot);
    const available = intField(body, "available");
    const before = snapshot();
    const levels = levelsOf(before, variantId);
    const locationId = optionalGidField(body, "locationId", "Location") ?? levels[0]?.locationId ?? before.locations[0]?.id;
    if (!locationId) throw new HttpError(409, "The shop has no locations");
    shop.setAvailable(variantId, locationId, available);
    sendJson(res, 200, { variantId, locationId, levels: levelsOf(snapshot(), variantId) });
  });

  router.on("POST", "/sandbox/incoming", async ({ req, res }) => {
    const body = await readJsonObject(req);
    const variantId = variantOf(body, snapshot);
    const input = {
      variantId,
      locationId: gidField(body, "locationId", "Location"),
      quantity: intField(body, "quantity", { min: 1 }),
      arrivesAt: dateField(body, "arrivesAt"),
    };
    const { shipmentId, transferId } = shop.receiveIncoming(input);
    sendJson(res, 201, { shipmentId, transferId, variantId, levels: levelsOf(snapshot(), variantId) });
  });

  router.on("POST", "/sandbox/shipments/arrival", async ({ req, res }) => {
    const body = await readJsonObject(req);
    const shipmentId = gidField(body, "shipmentId", "InventoryShipment");
    shop.setShipmentArrival(shipmentId, dateField(body, "arrivesAt"));
    sendJson(res, 200, { shipmentId });
  });

  router.on("POST", "/sandbox/shipments/receive", async ({ req, res }) => {
    const body = await readJsonObject(req);
    const shipmentId = gidField(body, "shipmentId", "InventoryShipment");
    shop.receiveShipment(shipmentId, body.quantity === undefined ? undefined : intField(body, "quantity", { min: 1 }));
    sendJson(res, 200, { shipmentId });
  });

  router.on("POST", "/sandbox/transfers/cancel", async ({ req, res }) => {
    const body = await readJsonObject(req);
    const transferId = gidField(body, "transferId", "InventoryTransfer");
    shop.cancelTransfer(transferId);
    sendJson(res, 200, { transferId });
  });

  router.on("POST", "/sandbox/receive", async ({ req, res }) => {
    const body = await readJsonObject(req);
    const variantId = variantOf(body, snapshot);
    const locationId = gidField(body, "locationId", "Location");
    shop.receiveStock(variantId, locationId, intField(body, "quantity", { min: 1 }));
    sendJson(res, 200, { variantId, locationId, levels: levelsOf(snapshot(), variantId) });
  });

  router.on("POST", "/sandbox/orders", async ({ req, res }) => {
    const body = await readJsonObject(req);
    const customerBody = objectField(body, "customer");
    const customer = {
      email: stringField(customerBody, "email"),
      ...(customerBody.firstName === undefined ? {} : { firstName: stringField(customerBody, "firstName") }),
      ...(customerBody.lastName === undefined ? {} : { lastName: stringField(customerBody, "lastName") }),
    };
    if (!Array.isArray(body.lines) || body.lines.length === 0) throw new HttpError(400, "lines must be a non-empty array");
    const lines = body.lines.map((line: unknown, index) => {
      if (!line || typeof line !== "object" || Array.isArray(line)) throw new HttpError(400, `lines[${index}] must be an object`);
      const lineBody = line as Body;
      const properties = stringRecordField(lineBody, "properties");
      return {
        variantId: variantOf(lineBody, snapshot),
        quantity: intField(lineBody, "quantity", { min: 1 }),
        ...(properties ? { properties } : {}),
      };
    });
    const customerLocale = optionalStringField(body, "customerLocale");
    const created = shop.placeOrder({ customer, lines, ...shopifyHoldOf(body), ...(customerLocale ? { customerLocale } : {}) });
    sendJson(res, 201, created);
  });

  router.on("POST", "/sandbox/orders/:id/release-shopify-hold", ({ res, params }) => {
    const orderId = toGid(params.id, "Order", "order id");
    shop.releaseShopifyHolds(orderId);
    sendJson(res, 200, { orderId, released: true });
  });

  router.on("POST", "/sandbox/pos-sales", async ({ req, res }) => {
    const body = await readJsonObject(req);
    const variantId = variantOf(body, snapshot);
    const created = shop.sellAtPointOfSale({ variantId, locationId: gidField(body, "locationId", "Location"), quantity: intField(body, "quantity", { min: 1 }) });
    sendJson(res, 201, { ...created, variantId, levels: levelsOf(snapshot(), variantId) });
  });

  router.on("POST", "/sandbox/orders/:id/cancel", ({ res, params }) => {
    const orderId = toGid(params.id, "Order", "order id");
    shop.cancelOrder(orderId);
    sendJson(res, 200, { orderId, cancelled: true });
  });

  router.on("POST", "/sandbox/orders/:id/edit", async ({ req, res, params }) => {
    const orderId = toGid(params.id, "Order", "order id");
    const body = await readJsonObject(req);
    const lineItemId = gidField(body, "lineItemId", "LineItem");
    const quantity = intField(body, "quantity", { min: 0 });
    shop.editOrderLine(orderId, lineItemId, quantity);
    sendJson(res, 200, { orderId, lineItemId, quantity });
  });

  router.on("POST", "/sandbox/fulfillment-orders/:id/release-hold", ({ res, params }) => {
    const fulfillmentOrderId = toGid(params.id, "FulfillmentOrder", "fulfillment order id");
    shop.releaseHoldsInAdmin(fulfillmentOrderId);
    sendJson(res, 200, { fulfillmentOrderId, released: true });
  });

  router.on("GET", "/sandbox/timing", ({ res }) => sendJson(res, 200, deps.timing.get()));
  router.on("POST", "/sandbox/timing", async ({ req, res }) => {
    const body = await readJsonObject(req);
    const routingDelayMs = optionalIntField(body, "routingDelayMs", { min: 0 });
    const searchLagMs = optionalIntField(body, "searchLagMs", { min: 0 });
    deps.timing.set({ ...(routingDelayMs === undefined ? {} : { routingDelayMs }), ...(searchLagMs === undefined ? {} : { searchLagMs }) });
    sendJson(res, 200, deps.timing.get());
  });
  router.on("GET", "/sandbox/webhooks", ({ res }) => sendJson(res, 200, { deliveries: deps.webhooks.deliveries() }));
  router.on("POST", "/sandbox/webhooks/faults", async ({ req, res }) => {
    const body = await readJsonObject(req);
    deps.webhooks.setFaults(body as never);
    sendJson(res, 200, { ok: true, faults: body });
  });

  router.on("POST", "/sandbox/admin-api/faults", async ({ req, res }) => {
    const body = await readJsonObject(req);
    if (body.failNext === undefined && body.throttle === undefined && body.randomFailures === undefined) throw new HttpError(400, "Give failNext (with status?), throttle or randomFailures");
    if (body.randomFailures === null) deps.adminApi.setRandomFailures(null);
    else if (body.randomFailures !== undefined) {
      const random = objectField(body, "randomFailures");
      const rate = optionalNumberField(random, "rate", { min: 0, max: 1 });
      if (rate === undefined) throw new HttpError(400, "randomFailures.rate is required (0..1)");
      const lostReplies = optionalNumberField(random, "lostReplies", { min: 0, max: 1 });
      const status = optionalIntField(random, "status", { min: 500 });
      const seed = optionalIntField(random, "seed", { min: 0 });
      deps.adminApi.setRandomFailures({ rate, ...(lostReplies === undefined ? {} : { lostReplies }), ...(status === undefined ? {} : { status }), ...(seed === undefined ? {} : { seed }) });
    }
    const failNext = optionalIntField(body, "failNext", { min: 0 });
    if (failNext !== undefined) {
      const status = optionalIntField(body, "status", { min: 400 });
      if (status !== undefined && status > 599) throw new HttpError(400, "status must be an HTTP error status (400-599)");
      deps.adminApi.failNext(failNext, status);
    }
    if (body.bulkFailure !== undefined) {
      const afterLines = body.bulkFailure === null ? undefined : optionalIntField(objectField(body, "bulkFailure"), "afterLines", { min: 0 });
      deps.adminApi.bulk.failNext(afterLines === undefined ? null : { afterLines });
    }
    if (body.throttle !== undefined) {
      const throttle = objectField(body, "throttle");
      const maximumAvailable = optionalIntField(throttle, "maximumAvailable", { min: 1 });
      const restoreRate = optionalIntField(throttle, "restoreRate", { min: 0 });
      deps.adminApi.setThrottle({
        ...(maximumAvailable === undefined ? {} : { maximumAvailable }),
        ...(restoreRate === undefined ? {} : { restoreRate }),
      });
    }
    sendJson(res, 200, { ok: true });
  });
  router.on("POST", "/sandbox/app/uninstall", ({ res }) => {
    deps.lifecycle.uninstall();
    sendJson(res, 200, { ok: true });
  });
  router.on("POST", "/sandbox/app/customer-request", async ({ req, res }) => {
    const body = await readJsonObject(req);
    const kind = stringField(body, "kind");
    if (kind !== "data_request" && kind !== "redact") throw new HttpError(400, "kind must be data_request or redact");
    deps.lifecycle.customerRequest(kind, stringField(body, "email"));
    sendJson(res, 200, { ok: true });
  });
  router.on("POST", "/sandbox/app/access", async ({ req, res }) => {
    const body = await readJsonObject(req);
    const customerData = optionalStringField(body, "customerData");
    if (customerData !== undefined && customerData !== "approved" && customerData !== "refused") throw new HttpError(400, "customerData must be approved or refused");
    const revoke = body.revokeScopes;
    if (revoke !== undefined && !(Array.isArray(revoke) && revoke.every((scope) => typeof scope === "string"))) throw new HttpError(400, "revokeScopes must be a list of scopes");
    if (customerData) deps.appAccess.customerData = customerData;
    if (revoke?.length) deps.lifecycle.revokeScopes(revoke as string[]);
    sendJson(res, 200, { customerData: deps.appAccess.customerData, granted: deps.grantedScopes() });
  });
  router.on("POST", "/sandbox/app/shop-redact", ({ res }) => {
    deps.lifecycle.shopRedact();
    sendJson(res, 200, { ok: true });
  });
  router.on("GET", "/sandbox/admin-api/requests", ({ res }) => sendJson(res, 200, { requests: deps.adminApiRequests() }));

  router.on("POST", "/sandbox/session-token", async ({ req, res }) => {
    const body = await readJsonObject(req);
    const userId = body.userId === undefined ? undefined : String(body.userId);
    sendJson(res, 200, { token: await deps.mintSessionToken(userId === undefined ? {} : { userId }) });
  });
}
