/**
 * createAdminClient against the Shopify sandbox over real HTTP: the client's
 * default fetch (shopifyFetch) routes `https://{shop}/admin/api/...` to the
 * sandbox via SHOPIFY_SANDBOX_URL, exactly as the app does in sandbox mode.
 * Throttling, 5xx and GraphQL errors come from the sandbox itself (its leaky
 * bucket, failNext and schema validation), not from a mocked fetch.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import { VARIANTS_PAGE_QUERY } from "../../app/graphql/inventory";
import { STOCK_OVERVIEW_QUERY } from "../../app/graphql/stock-overview";
import { AdminApiError, createAdminClient, type AdminClientOptions, type QueryCost } from "../../app/shopify/admin-client.server";
import type { StockOverviewQuery } from "../../app/types/admin.generated";
import { ID_TOKEN_TYPE, OFFLINE_TOKEN_TYPE, TOKEN_EXCHANGE_GRANT } from "../sandbox/auth/access-tokens";
import { startSandbox, type Sandbox } from "../sandbox/server";
import { TEST_APP, TOML_PATH } from "../support/stack";

/** The throttling tests use a page of the reconciliation's variant reads: a request with a real price. */
const PRICED_QUERY = VARIANTS_PAGE_QUERY;
/** Its requested cost by Shopify's rules: productVariants 2 + 100 × (1 + inventoryItem 1). */
const PRICED_COST = 202;
const DEFAULT_BUCKET = { maximumAvailable: 2000, restoreRate: 100 };

let sandbox: Sandbox;
let accessToken: string;
let requestMark = 0;
const previousSandboxUrl = process.env.SHOPIFY_SANDBOX_URL;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  // appUrl only matters for webhooks, and these tests change nothing in the shop.
  sandbox = await startSandbox({ port: 0, app: { ...TEST_APP, appUrl: "http://127.0.0.1:9", tomlPath: TOML_PATH }, seed: true });
  process.env.SHOPIFY_SANDBOX_URL = sandbox.url;
  accessToken = await offlineAccessToken();
});

afterAll(async () => {
  if (previousSandboxUrl === undefined) delete process.env.SHOPIFY_SANDBOX_URL;
  else process.env.SHOPIFY_SANDBOX_URL = previousSandboxUrl;
  await sandbox?.close();
});

beforeEach(async () => {
  sandbox.adminApi.failNext(0);
  await setBucket(DEFAULT_BUCKET.maximumAvailable, DEFAULT_BUCKET);
  requestMark = sandbox.adminApiRequests().length;
});

afterEach(() => {
  sandbox.adminApi.failNext(0);
});

/** Token exchange over HTTP, as the app does on install: a session token for an offline access token. */
async function offlineAccessToken(): Promise<string> {
  const response = await fetch(`${sandbox.url}/admin/oauth/access_token`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Sandbox-Shop": sandbox.shop.domain },
    body: JSON.stringify({
      client_id: TEST_APP.apiKey,
      client_secret: TEST_APP.apiSecret,
      grant_type: TOKEN_EXCHANGE_GRANT,
      subject_token: await sandbox.mintSessionToken(),
      subject_token_type: ID_TOKEN_TYPE,
      requested_token_type: OFFLINE_TOKEN_TYPE,
    }),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { access_token?: unknown };
  expect(body.access_token).toMatch(/^shpat_/);
  return body.access_token as string;
}

/** Puts `level` points in the sandbox bucket (up or down), then sets its size and restore rate. */
async function setBucket(level: number, bucket: { maximumAvailable: number; restoreRate: number }): Promise<void> {
  sandbox.adminApi.setThrottle({ maximumAvailable: level, restoreRate: 1e9 });
  await delay(5); // at 1e9 points/s, any elapsed millisecond fills it to `level`
  sandbox.adminApi.setThrottle(bucket);
  expect(sandbox.adminApi.currentlyAvailable()).toBeGreaterThanOrEqual(level);
}

/** Admin API requests the sandbox answered since this test began. */
function sandboxRequests() {
  return sandbox.adminApiRequests().slice(requestMark);
}

type Event = { type: "sleep"; ms: number } | { type: "cost"; operation: string; cost: QueryCost };

/** Records sleeps and costs in one ordered log. */
function recorder() {
  const events: Event[] = [];
  return {
    events,
    sleeps: () => events.flatMap((e) => (e.type === "sleep" ? [e.ms] : [])),
    costs: () => events.flatMap((e) => (e.type === "cost" ? [e] : [])),
    /** Really waits (a few ms past the ask, for timer slop against the sandbox's clock). */
    realSleep: async (ms: number) => {
      events.push({ type: "sleep", ms });
      await delay(ms + 5);
    },
    /** Returns at once: for backoff, whose length is not the behaviour under test. */
    instantSleep: async (ms: number) => {
      events.push({ type: "sleep", ms });
    },
    onCost: (operation: string, cost: QueryCost) => {
      events.push({ type: "cost", operation, cost });
    },
  };
}

function adminClient(options: Partial<AdminClientOptions> = {}) {
  return createAdminClient({ shop: sandbox.shop.domain, accessToken, ...options });
}

/** What the client must wait after THROTTLED: until the bucket holds the requested cost again. */
function throttleWaitFor(cost: QueryCost): number {
  const { currentlyAvailable, restoreRate } = cost.throttleStatus;
  const deficit = Math.max(0, cost.requestedQueryCost - currentlyAvailable);
  return Math.max(50, Math.ceil((deficit / Math.max(1, restoreRate)) * 1000));
}

async function rejection(promise: Promise<unknown>): Promise<AdminApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AdminApiError);
  return error as AdminApiError;
}

describe("createAdminClient against the sandbox Admin API", () => {
  it("returns the typed StockOverview data of the sandbox shop", async () => {
    const log = recorder();
    const data = await adminClient({ sleep: log.instantSleep, onCost: log.onCost }).request(STOCK_OVERVIEW_QUERY);
    expectTypeOf(data).toEqualTypeOf<StockOverviewQuery>();

    const snapshot = sandbox.shop.snapshot();
    expect(data.shop).toEqual({ name: snapshot.shop.name, myshopifyDomain: sandbox.shop.domain, currencyCode: snapshot.shop.currencyCode });
    expect(data.locations.nodes).toEqual(snapshot.locations.slice(0, 20).map(({ id, name }) => ({ id, name })));

    expect(log.sleeps()).toEqual([]);
    expect(sandboxRequests()).toEqual([expect.objectContaining({ shop: sandbox.shop.domain, operationName: "StockOverview", status: 200, throttled: false })]);
  });

  it("reports each response's cost to onCost, as the sandbox charged it", async () => {
    await setBucket(1500, { maximumAvailable: 1500, restoreRate: 50 });
    const log = recorder();
    const client = adminClient({ sleep: log.instantSleep, onCost: log.onCost });
    await client.request(PRICED_QUERY);
    await client.request(PRICED_QUERY);

    const costs = log.costs();
    expect(costs).toHaveLength(2);
    const charged = sandboxRequests().map((r) => r.cost);
    costs.forEach(({ operation, cost }, i) => {
      expect(operation).toBe("VariantsPage");
      expect(cost.requestedQueryCost).toBe(PRICED_COST);
      expect(cost.actualQueryCost).toBe(charged[i]);
      expect(cost.actualQueryCost).toBeGreaterThan(0);
      expect(cost.actualQueryCost).toBeLessThanOrEqual(PRICED_COST);
      expect(cost.throttleStatus).toMatchObject({ maximumAvailable: 1500, restoreRate: 50 });
    });
    // The bucket went down by what was charged (plus at most a little restore in between).
    const [first, second] = costs.map((c) => c.cost);
    expect(first!.throttleStatus.currentlyAvailable).toBeGreaterThanOrEqual(1500 - first!.actualQueryCost! - 1);
    expect(first!.throttleStatus.currentlyAvailable).toBeLessThan(1500);
    expect(second!.throttleStatus.currentlyAvailable).toBeLessThan(first!.throttleStatus.currentlyAvailable);
    expect(log.sleeps()).toEqual([]);
  });

  it("paces a request by the bucket the last response reported instead of running into THROTTLED", async () => {
    // Room for one request; what the first one leaves is short of the second's requested cost.
    // 100 points/s: the pause is hundreds of ms, so a slow machine between the two requests does not use it up.
    await setBucket(PRICED_COST + 8, { maximumAvailable: PRICED_COST + 8, restoreRate: 100 });
    const log = recorder();
    const client = adminClient({ sleep: log.realSleep, onCost: log.onCost });
    await client.request(PRICED_QUERY);
    const [{ cost: after } = { cost: undefined }] = log.costs();
    expect(after!.throttleStatus.currentlyAvailable).toBeLessThan(PRICED_COST);

    await client.request(PRICED_QUERY);
    // Paced in short steps (a reply to another request may correct the estimate meanwhile) adding up to the shortfall.
    const sleeps = log.sleeps();
    const paused = sleeps.reduce((sum, ms) => sum + ms, 0);
    expect(sleeps.every((ms) => ms > 0 && ms <= 250)).toBe(true);
    // The time to restore the shortfall at the reported rate (less what restored while the response travelled).
    const shortfallMs = ((PRICED_COST - after!.throttleStatus.currentlyAvailable) / 100) * 1000;
    expect(paused).toBeLessThanOrEqual(Math.ceil(shortfallMs));
    expect(paused).toBeGreaterThan(shortfallMs - 200);
    expect(sandboxRequests().map((r) => [r.status, r.throttled])).toEqual([
      [200, false],
      [200, false],
    ]);
  });

  it("waits out THROTTLED for as long as the reported bucket needs, and every request succeeds", async () => {
    // 100 points, 202 per request, 500 points/s back: concurrent requests run into THROTTLED.
    await setBucket(100, { maximumAvailable: 250, restoreRate: 500 });
    const log = recorder();
    const client = adminClient({ sleep: log.realSleep, onCost: log.onCost });
    const started = Date.now();
    const results = await Promise.all([1, 2, 3].map(() => client.request(PRICED_QUERY)));
    const elapsed = Date.now() - started;

    for (const data of results) expect(data.productVariants.nodes.length).toBeGreaterThan(0);
    const requests = sandboxRequests();
    const throttled = requests.filter((r) => r.throttled);
    expect(throttled.length).toBeGreaterThanOrEqual(1);
    expect(requests.filter((r) => r.status === 200 && !r.throttled)).toHaveLength(3);

    // Every THROTTLED answer is followed at once by a sleep for the time its own bucket figures say.
    const throttledCosts = log.events.flatMap((event, i) => (event.type === "cost" && event.cost.actualQueryCost === null ? [i] : []));
    expect(throttledCosts).toHaveLength(throttled.length);
    for (const i of throttledCosts) {
      const event = log.events[i] as Extract<Event, { type: "cost" }>;
      expect(event.cost.requestedQueryCost).toBe(PRICED_COST);
      expect(event.cost.throttleStatus.restoreRate).toBe(500);
      expect(event.cost.throttleStatus.currentlyAvailable).toBeLessThan(PRICED_COST);
      const wait = throttleWaitFor(event.cost);
      expect(log.events[i + 1]).toEqual({ type: "sleep", ms: wait });
      expect(wait).toBeGreaterThanOrEqual(50);
      expect(wait).toBeLessThanOrEqual((PRICED_COST / 500) * 1000);
    }
    // The first answer was THROTTLED with the 100 points set up (plus what restored since): at most (202 - 100) / 500 per s = 204 ms.
    const firstThrottled = (log.events[throttledCosts[0]!] as Extract<Event, { type: "cost" }>).cost;
    expect(firstThrottled.throttleStatus.currentlyAvailable).toBeGreaterThanOrEqual(100);
    const first = log.events[throttledCosts[0]! + 1] as Extract<Event, { type: "sleep" }>;
    expect(first.ms).toBe(throttleWaitFor(firstThrottled));
    expect(first.ms).toBeLessThanOrEqual(((PRICED_COST - 100) / 500) * 1000);
    // It really waited; three requests' worth at 500 points/s is about a second, not minutes.
    expect(elapsed).toBeGreaterThanOrEqual(first.ms);
    expect(elapsed).toBeLessThan(4000);
  });

  it("gives up with kind 'throttled' when one wait would exceed maxThrottleWaitMs, without sleeping", async () => {
    // 1 point/s: 202 points is minutes away.
    await setBucket(0, { maximumAvailable: 2000, restoreRate: 1 });
    const log = recorder();
    const error = await rejection(adminClient({ sleep: log.instantSleep, onCost: log.onCost, maxThrottleWaitMs: 1000 }).request(PRICED_QUERY));
    expect(error.kind).toBe("throttled");
    expect(error.status).toBeUndefined();
    expect(error.message).toMatch(/^VariantsPage: still throttled after \d+ ms$/);
    expect(log.sleeps()).toEqual([]);
    expect(sandboxRequests().map((r) => r.throttled)).toEqual([true]);
  });

  it("gives up with kind 'throttled' once the THROTTLED waits add up past maxThrottleWaitMs", async () => {
    // One point short at 1 point/s: each THROTTLED asks for 1000 ms, and the instant sleep lets none of it pass.
    await setBucket(PRICED_COST - 1, { maximumAvailable: 2000, restoreRate: 1 });
    const log = recorder();
    const error = await rejection(adminClient({ sleep: log.instantSleep, onCost: log.onCost, maxThrottleWaitMs: 2500 }).request(PRICED_QUERY));
    expect(error.kind).toBe("throttled");
    // The instant sleep lets no time pass: after the THROTTLED wait, pacing sees the same shortfall and gives up
    // as soon as waiting longer would break the allowance.
    expect(error.message).toMatch(/^VariantsPage: would wait \d+ ms for throttling$/);
    expect(sandboxRequests().map((r) => r.throttled)).toEqual([true]);
    expect(log.sleeps()[0]).toBe(1000);
    expect(log.sleeps().reduce((sum, ms) => sum + ms, 0)).toBeLessThanOrEqual(2500);
  });

  it("counts the pacing pause against maxThrottleWaitMs too, so no request waits longer than allowed", async () => {
    // The first request leaves about 20 points; at 1 point/s the next one would pause for minutes.
    await setBucket(PRICED_COST + 20, { maximumAvailable: 2000, restoreRate: 1 });
    const log = recorder();
    const client = adminClient({ sleep: log.instantSleep, maxThrottleWaitMs: 1000 });
    await client.request(PRICED_QUERY);
    const error = await rejection(client.request(PRICED_QUERY));
    expect(error.kind).toBe("throttled");
    expect(error.message).toMatch(/^VariantsPage: would wait \d+ ms for throttling$/);
    expect(log.sleeps()).toEqual([]);
    expect(sandboxRequests()).toHaveLength(1);
  });

  it("retries 5xx with backoff and succeeds", async () => {
    sandbox.adminApi.failNext(2, 503);
    const log = recorder();
    const data = await adminClient({ sleep: log.instantSleep }).request(STOCK_OVERVIEW_QUERY);
    expect(data.shop.myshopifyDomain).toBe(sandbox.shop.domain);
    expect(sandboxRequests().map((r) => r.status)).toEqual([503, 503, 200]);
    // 0.5 s then 1 s, each jittered down to at most half.
    const [first, second] = log.sleeps();
    expect(log.sleeps()).toHaveLength(2);
    expect(first).toBeGreaterThanOrEqual(250);
    expect(first).toBeLessThanOrEqual(500);
    expect(second).toBeGreaterThanOrEqual(500);
    expect(second).toBeLessThanOrEqual(1000);
  });

  it("fails with kind 'http' and the status when 5xx outlasts maxRetries", async () => {
    sandbox.adminApi.failNext(10, 500);
    const log = recorder();
    const error = await rejection(adminClient({ sleep: log.instantSleep, maxRetries: 2 }).request(STOCK_OVERVIEW_QUERY));
    expect(error.kind).toBe("http");
    expect(error.status).toBe(500);
    expect(error.message).toMatch(/^StockOverview: /);
    expect(sandboxRequests().map((r) => r.status)).toEqual([500, 500, 500]);
    expect(log.sleeps()).toHaveLength(2);
  });

  it("does not retry a 4xx: a token the sandbox did not issue is kind 'http' 401 at once", async () => {
    const log = recorder();
    const error = await rejection(adminClient({ accessToken: "shpat_not_issued", sleep: log.instantSleep }).request(STOCK_OVERVIEW_QUERY));
    expect(error).toMatchObject({ kind: "http", status: 401 });
    expect(sandboxRequests().map((r) => r.status)).toEqual([401]);
    expect(log.sleeps()).toEqual([]);
  });

  it("fails with kind 'graphql' on GraphQL errors, without retrying", async () => {
    // StockOverview takes no variables, and the sandbox answers a malformed GID with null rather than
    // an error, so a variable of the wrong type needs a document of its own. It stays here in the test
    // (codegen only reads app/) and is cast to a map key only to get past request()'s signature.
    const FIRST_VARIANTS = `
      query FirstVariants($first: Int!) {
        productVariants(first: $first) { nodes { id } }
      }
    `;
    const log = recorder();
    const client = adminClient({ sleep: log.instantSleep, onCost: log.onCost, maxRetries: 5 });
    const error = await rejection(client.request(FIRST_VARIANTS as typeof STOCK_OVERVIEW_QUERY, { first: "fifty" } as never));
    expect(error.kind).toBe("graphql");
    expect(error.status).toBe(200);
    expect(error.message).toMatch(/^FirstVariants: Variable "\$first" got invalid value "fifty"/);
    expect(sandboxRequests()).toEqual([expect.objectContaining({ operationName: "FirstVariants", status: 200, throttled: false })]);
    expect(log.sleeps()).toEqual([]);
  });
});
