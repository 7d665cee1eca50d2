import { createAdminApiClient, type AdminOperations } from "@shopify/admin-api-client";
import { ADMIN_API_VERSION } from "../api-version";
import { shopifyFetch } from "../sandbox/route-to-sandbox.server";

/**
 * Admin GraphQL for background work, where nobody is waiting on a page:
 * waits out Shopify's cost-based throttling (THROTTLED comes back as HTTP 200
 * with an error code, which the Shopify libraries do not retry), retries 5xx
 * and network failures with exponential backoff, and paces requests by the
 * bucket Shopify reports instead of a hard-coded one.
 */

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface QueryCost {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
}

export class AdminApiError extends Error {
  constructor(
    message: string,
    readonly kind: "graphql" | "http" | "throttled",
    readonly status?: number,
  ) {
    super(message);
    this.name = "AdminApiError";
  }
}

export interface AdminClientOptions {
  shop: string;
  accessToken: string;
  fetchApi?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Transient failures (5xx, network) tried again this many times. */
  maxRetries?: number;
  /** Longest total time to wait out throttling for one request. */
  maxThrottleWaitMs?: number;
  onCost?: (operation: string, cost: QueryCost) => void;
}

type Variables<Op extends keyof AdminOperations> = AdminOperations[Op]["variables"];
type Result<Op extends keyof AdminOperations> = AdminOperations[Op]["return"];

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const TRANSIENT_STATUS = new Set([429, 500, 502, 503, 504]);
/** How long a paced request sleeps before looking at the bucket again. */
const RECHECK_MS = 250;

export function createAdminClient(options: AdminClientOptions) {
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const maxRetries = options.maxRetries ?? 5;
  const maxThrottleWaitMs = options.maxThrottleWaitMs ?? 120_000;
  const client = createAdminApiClient({
    storeDomain: options.shop,
    apiVersion: ADMIN_API_VERSION,
    accessToken: options.accessToken,
    customFetchApi: options.fetchApi ?? shopifyFetch,
    retries: 0,
  });
  let bucket: { status: ThrottleStatus; at: number } | null = null;
  const lastCostByOperation = new Map<string, number>();

  /** Shopify's bucket refills continuously; estimate it from the last report rather than ask. */
  function estimatedAvailable(status: ThrottleStatus, at: number): number {
    return Math.min(status.maximumAvailable, status.currentlyAvailable + ((now() - at) / 1000) * Math.max(1, status.restoreRate));
  }

  /**
   * Waits until the bucket should hold this operation's cost, then reserves it,
   * so requests sent together queue up instead of all being throttled. Waits in
   * short steps: replies to other requests correct the estimate meanwhile.
   * Returns the time waited; throws when the wait cannot end within `allowanceMs`.
   */
  async function waitForBudget(operation: string, allowanceMs: number): Promise<number> {
    let waited = 0;
    for (;;) {
      if (!bucket) return waited;
      const { status } = bucket;
      const expected = Math.min(lastCostByOperation.get(operation) ?? 0, status.maximumAvailable);
      const available = estimatedAvailable(status, bucket.at);
      if (available >= expected) {
        bucket = { status: { ...status, currentlyAvailable: available - expected }, at: now() };
        return waited;
      }
      const needed = Math.ceil(((expected - available) / Math.max(1, status.restoreRate)) * 1000);
      if (waited + needed > allowanceMs) throw new AdminApiError(`${operation}: would wait ${waited + needed} ms for throttling`, "throttled");
      const pause = Math.min(needed, RECHECK_MS);
      await sleep(pause);
      waited += pause;
    }
  }

  async function request<Op extends keyof AdminOperations & string>(
    operation: Op,
    variables?: Variables<Op>,
  ): Promise<Result<Op>> {
    const name = operationName(operation);
    let transientFailures = 0;
    let throttledFor = 0;
    for (;;) {
      throttledFor += await waitForBudget(name, maxThrottleWaitMs - throttledFor);
      // Typing comes from this function's signature; the client sees a plain document.
      const response = await client.request<Result<Op>>(operation as string, { variables: variables as Record<string, unknown> });
      const cost = (response.extensions as { cost?: QueryCost } | undefined)?.cost;
      if (cost?.throttleStatus) {
        bucket = { status: cost.throttleStatus, at: now() };
        lastCostByOperation.set(name, cost.requestedQueryCost);
        options.onCost?.(name, cost);
      }
      const errors = response.errors;
      if (!errors) return response.data as Result<Op>;

      if (isThrottled(errors.graphQLErrors)) {
        const wait = throttleWaitMs(cost);
        throttledFor += wait;
        if (throttledFor > maxThrottleWaitMs) {
          throw new AdminApiError(`${name}: still throttled after ${throttledFor} ms`, "throttled");
        }
        await sleep(wait);
        continue;
      }
      const status = errors.networkStatusCode;
      const transient = status === undefined || TRANSIENT_STATUS.has(status);
      if (!errors.graphQLErrors?.length && transient && transientFailures < maxRetries) {
        transientFailures++;
        await sleep(backoffMs(transientFailures));
        continue;
      }
      if (errors.graphQLErrors?.length) {
        const messages = errors.graphQLErrors.map((error) => error.message).join("; ");
        throw new AdminApiError(`${name}: ${messages}`, "graphql", status);
      }
      throw new AdminApiError(`${name}: ${errors.message ?? "request failed"}`, "http", status);
    }
  }

  return { request };
}

export type AdminClient = ReturnType<typeof createAdminClient>;

function operationName(document: string): string {
  return /\b(?:query|mutation)\s+(\w+)/.exec(document)?.[1] ?? "anonymous";
}

function isThrottled(errors: readonly { extensions?: Record<string, unknown> }[] | undefined): boolean {
  return errors?.some((error) => error.extensions?.code === "THROTTLED") ?? false;
}

/** Time for the bucket to hold the requested cost again, from Shopify's own figures. */
function throttleWaitMs(cost: QueryCost | undefined): number {
  if (!cost?.throttleStatus) return 1000;
  const { currentlyAvailable, restoreRate } = cost.throttleStatus;
  const deficit = Math.max(0, cost.requestedQueryCost - currentlyAvailable);
  return Math.max(50, Math.ceil((deficit / Math.max(1, restoreRate)) * 1000));
}

/** 0.5 s, 1 s, 2 s, … capped at 30 s, with jitter so retries do not march in step. */
function backoffMs(attempt: number): number {
  const base = Math.min(30_000, 500 * 2 ** (attempt - 1));
  return Math.round(base / 2 + Math.random() * (base / 2));
}
