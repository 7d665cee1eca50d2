/**
 * The app's bulk-mutation client against the Shopify sandbox over real HTTP: staged upload,
 * run, state by polling or from the finish webhook's payload, and each input line's result.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { HOLD_FULFILLMENT_ORDER, RELEASE_FULFILLMENT_HOLD } from "../../app/graphql/mutations";
import { createAdminClient, type AdminClient } from "../../app/shopify/admin-client.server";
import { BulkOperationRefused, bulkMutationResults, bulkQueryObjects, finishedBulkOperation, readBulkOperation, startBulkMutation, startBulkQuery, waitForBulkOperation } from "../../app/shopify/bulk-operations.server";
import { ID_TOKEN_TYPE, OFFLINE_TOKEN_TYPE, TOKEN_EXCHANGE_GRANT } from "../sandbox/auth/access-tokens";
import type { ShopEvent } from "../sandbox/state/contract";
import { startSandbox, type Sandbox } from "../sandbox/server";
import { TEST_APP, TOML_PATH } from "../support/stack";

let sandbox: Sandbox;
let admin: AdminClient;
const events: ShopEvent[] = [];
const previousSandboxUrl = process.env.SHOPIFY_SANDBOX_URL;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, app: { ...TEST_APP, appUrl: "http://127.0.0.1:9", tomlPath: TOML_PATH }, seed: true, routingDelayMs: 0 });
  process.env.SHOPIFY_SANDBOX_URL = sandbox.url;
  sandbox.shop.onEvent((event) => events.push(event));
  const response = await fetch(`${sandbox.url}/admin/oauth/access_token`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Sandbox-Shop": sandbox.shop.domain },
    body: JSON.stringify({ client_id: TEST_APP.apiKey, client_secret: TEST_APP.apiSecret, grant_type: TOKEN_EXCHANGE_GRANT, subject_token: await sandbox.mintSessionToken(), subject_token_type: ID_TOKEN_TYPE, requested_token_type: OFFLINE_TOKEN_TYPE }),
  });
  const { access_token: accessToken } = (await response.json()) as { access_token: string };
  admin = createAdminClient({ shop: sandbox.shop.domain, accessToken });
});

afterAll(async () => {
  if (previousSandboxUrl === undefined) delete process.env.SHOPIFY_SANDBOX_URL;
  else process.env.SHOPIFY_SANDBOX_URL = previousSandboxUrl;
  await sandbox?.close();
});

beforeEach(() => sandbox.adminApi.bulk.failNext(null));

/** Orders whose fulfillment orders the app held, as the engine would have. */
async function heldFulfillmentOrders(count: number, handle: string): Promise<string[]> {
  const variant = sandbox.shop.snapshot().variants.find((v) => v.levels.some((l) => l.available > count))!;
  const orderIds = Array.from({ length: count }, (_, i) => sandbox.shop.placeOrder({ customer: { email: `bulk${i}@example.com` }, lines: [{ variantId: variant.id, quantity: 1 }] }).orderId);
  sandbox.shop.routing.routeAll();
  const ids = sandbox.shop.snapshot().orders.filter((o) => orderIds.includes(o.id)).map((o) => o.fulfillmentOrders[0]!.id);
  for (const id of ids) await admin.request(HOLD_FULFILLMENT_ORDER, { id, hold: { reason: "INVENTORY_OUT_OF_STOCK", handle } });
  return ids;
}

const holdsLeft = (ids: string[]) => sandbox.shop.snapshot().orders.flatMap((o) => o.fulfillmentOrders).filter((fo) => ids.includes(fo.id) && fo.holds.length > 0).length;

describe("startBulkMutation", () => {
  it("releases many holds in two requests and reads each line's result once the operation ended", async () => {
    const ids = await heldFulfillmentOrders(6, "bulk-release");
    expect(holdsLeft(ids)).toBe(6);
    const mark = sandbox.adminApiRequests().length;
    const variables = [...ids.map((id) => ({ id })), { id: "gid://shopify/FulfillmentOrder/1" }];
    const operationId = await startBulkMutation(admin, RELEASE_FULFILLMENT_HOLD, variables);
    expect(sandbox.adminApiRequests().slice(mark).map((r) => r.operationName)).toEqual(["StageBulkVariables", "RunBulkMutation"]);

    const state = await waitForBulkOperation(admin, operationId, { pollMs: 20 });
    expect(state).toMatchObject({ id: operationId, status: "COMPLETED", errorCode: null, objectCount: 7 });
    const results = await bulkMutationResults(state);
    expect([...results.keys()]).toEqual([0, 1, 2, 3, 4, 5, 6]);
    for (const [line, id] of ids.entries()) expect(results.get(line)?.data).toEqual({ fulfillmentOrderReleaseHold: { fulfillmentOrder: { id, status: "OPEN" }, userErrors: [] } });
    expect((results.get(6)?.data?.fulfillmentOrderReleaseHold as { userErrors: unknown[] }).userErrors).toHaveLength(1);
    expect(holdsLeft(ids)).toBe(0);
  });

  it("knows the operation from its finish webhook, and a failed one's lines that never ran", async () => {
    const ids = await heldFulfillmentOrders(4, "bulk-partial");
    sandbox.adminApi.bulk.failNext({ afterLines: 3 });
    const operationId = await startBulkMutation(admin, RELEASE_FULFILLMENT_HOLD, ids.map((id) => ({ id })));
    await sandbox.adminApi.bulk.idle();
    const finish = events.find((e) => e.topic === "bulk_operations/finish" && e.payload.admin_graphql_api_id === operationId)!;
    expect(finishedBulkOperation(finish.payload)).toEqual({ id: operationId, status: "FAILED", errorCode: "INTERNAL_SERVER_ERROR" });
    const state = (await readBulkOperation(admin, operationId))!;
    const results = await bulkMutationResults(state);
    expect([...results.keys()]).toEqual([0, 1, 2]);
    expect(holdsLeft(ids)).toBe(1);
  });

  it("says why Shopify refused to start it", async () => {
    const refusal = await startBulkMutation(admin, "mutation { shop { id } }", [{}]).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(BulkOperationRefused);
    expect((refusal as BulkOperationRefused).code).toBe("INVALID_MUTATION");
  });
});

describe("startBulkQuery", () => {
  it("reads every order with its fulfillment orders and lines in one operation, children naming their order", async () => {
    sandbox.shop.orderSearch.lagMs = 0; // the orders list is search-backed: let it show the new orders now
    const ids = await heldFulfillmentOrders(3, "bulk-read");
    const orderOf = new Map(sandbox.shop.snapshot().orders.flatMap((o) => o.fulfillmentOrders.map((fo) => [fo.id, o.id] as const)));
    const operationId = await startBulkQuery(admin, "{ orders { edges { node { id fulfillmentOrders { edges { node { id status } } } lineItems { edges { node { id quantity } } } } } } }");
    const state = await waitForBulkOperation(admin, operationId, { pollMs: 20 });
    expect(state.status).toBe("COMPLETED");
    const objects = await bulkQueryObjects(state);
    for (const id of ids) expect(objects).toContainEqual({ id, status: "ON_HOLD", __parentId: orderOf.get(id) });
    expect(objects.filter((o) => o.__parentId === undefined).length).toBe(sandbox.shop.snapshot().orders.length);
  });
});
