/**
 * Delivers the sandbox shop's events to the app as Shopify does: one POST per
 * subscription, signed, retried with backoff on failure, at least once and in no
 * guaranteed order (see faults.ts). Keeps a log the control API can show.
 */
import { randomUUID } from "node:crypto";
import type { SandboxShopApi, ShopEvent } from "../state/contract";
import { FaultPlan, type WebhookFaults } from "./faults";
import { fetchPoster, httpPoster, type PostResult, type WebhookPoster } from "./post";
import { signWebhookBody } from "./sign";

export { signWebhookBody } from "./sign";
export type { WebhookFaults } from "./faults";

export interface DispatcherSubscription {
  topic: string;
  uri: string;
  name?: string;
}

export interface WebhookDispatcherOptions {
  /** The app's URL; relative subscription URIs are appended to it. */
  appUrl: string;
  apiSecret: string;
  apiVersion: string;
  shopDomain: string;
  subscriptions: DispatcherSubscription[];
  /** When given, deliveries go through it (total timeout only); otherwise node:http. */
  fetch?: typeof fetch;
  /** Clock for the log, epoch ms. */
  now?: () => number;
  /** Waits in ms before each retry. Shopify: 8 retries over 4 hours; default 0.2 s × 2^n. */
  retrySchedule?: number[];
  connectTimeoutMs?: number;
  totalTimeoutMs?: number;
  faults?: WebhookFaults;
}

export type DeliveryOutcome = "pending" | "delivered" | "failed" | "dropped" | "cancelled";

export interface DeliveryAttempt {
  at: string;
  status: number | null;
  error?: string;
  /** The extra send of a duplicated delivery (same webhook id). */
  duplicate?: boolean;
}

/** One delivery (one subscription × one event). Every send is counted, duplicates included. */
export interface DeliveryLogEntry {
  /** The X-Shopify-Webhook-Id. */
  id: string;
  webhookId: string;
  eventId: string;
  topic: string;
  name: string;
  url: string;
  triggeredAt: string;
  queuedAt: string;
  duplicated: boolean;
  attempts: number;
  /** HTTP status of each send in order; null where no answer came. */
  statusCodes: (number | null)[];
  history: DeliveryAttempt[];
  outcome: DeliveryOutcome;
}

export interface WebhookDispatcher {
  /** Queues one delivery per subscription to the event's topic; returns their webhook ids. */
  deliver(event: ShopEvent): string[];
  /** Delivers every event of the shop from now on; returns the unsubscribe function. */
  attach(shop: Pick<SandboxShopApi, "onEvent">): () => void;
  deliveries(): DeliveryLogEntry[];
  setFaults(faults: WebhookFaults): void;
  faults(): WebhookFaults;
  /** Resolves once no delivery is waiting, in flight or scheduled for retry. */
  idle(): Promise<void>;
  /** Stops timers and aborts requests; unfinished deliveries end as "cancelled". */
  close(): void;
}

export const DEFAULT_RETRY_SCHEDULE_MS: readonly number[] = Array.from({ length: 8 }, (_, n) => 200 * 2 ** n);

interface Delivery {
  log: DeliveryLogEntry;
  headers: Record<string, string>;
  body: string;
  settled: boolean;
}

export function createWebhookDispatcher(options: WebhookDispatcherOptions): WebhookDispatcher {
  const now = options.now ?? Date.now;
  const timeouts = { connectTimeoutMs: options.connectTimeoutMs ?? 1000, totalTimeoutMs: options.totalTimeoutMs ?? 5000 };
  const post: WebhookPoster = options.fetch ? fetchPoster(options.fetch, timeouts) : httpPoster(timeouts);
  const retrySchedule = options.retrySchedule ?? DEFAULT_RETRY_SCHEDULE_MS;
  const plan = new FaultPlan();
  plan.set(options.faults ?? {});

  const log: DeliveryLogEntry[] = [];
  const live = new Set<Delivery>();
  const timers = new Set<NodeJS.Timeout>();
  const shutdown = new AbortController();
  let idleWaiters: (() => void)[] = [];
  let held: Delivery[] = [];
  let holdTimer: NodeJS.Timeout | undefined;

  const iso = () => new Date(now()).toISOString();

  function later(ms: number, run: () => void): void {
    if (shutdown.signal.aborted) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  }

  function settle(delivery: Delivery, outcome: DeliveryOutcome): void {
    if (delivery.settled) return;
    delivery.settled = true;
    delivery.log.outcome = outcome;
    live.delete(delivery);
    if (live.size === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      waiters.forEach((resolve) => resolve());
    }
  }

  async function send(delivery: Delivery, duplicate: boolean): Promise<PostResult> {
    const at = iso();
    const result = await post(delivery.log.url, delivery.headers, delivery.body, shutdown.signal);
    const attempt: DeliveryAttempt = { at, status: result.status };
    if (result.error) attempt.error = result.error;
    if (duplicate) attempt.duplicate = true;
    delivery.log.history.push(attempt);
    delivery.log.statusCodes.push(result.status);
    delivery.log.attempts = delivery.log.history.length;
    return result;
  }

  /** One attempt; schedules the next on failure. Resolves when this attempt is done. */
  async function attempt(delivery: Delivery, retriesDone: number): Promise<void> {
    if (delivery.settled) return;
    const result = await send(delivery, false);
    if (delivery.settled) return; // closed meanwhile
    if (result.status !== null && result.status >= 200 && result.status < 300) {
      // At least once: the copy carries the same webhook id, as Shopify's own redeliveries do.
      if (delivery.log.duplicated) await send(delivery, true);
      settle(delivery, "delivered");
      return;
    }
    const wait = retrySchedule[retriesDone];
    if (wait === undefined) return settle(delivery, "failed");
    later(wait, () => void attempt(delivery, retriesDone + 1));
  }

  function start(delivery: Delivery): void {
    if (plan.delayMs > 0) later(plan.delayMs, () => void attempt(delivery, 0));
    else void attempt(delivery, 0);
  }

  /** Sends a held window in shuffled order, each first attempt after the previous one answered. */
  async function flushHeld(): Promise<void> {
    if (holdTimer) {
      clearTimeout(holdTimer);
      timers.delete(holdTimer);
      holdTimer = undefined;
    }
    const window = plan.shuffle(held);
    held = [];
    if (plan.delayMs > 0) await new Promise((resolve) => later(plan.delayMs, () => resolve(undefined)));
    for (const delivery of window) await attempt(delivery, 0);
  }

  function hold(delivery: Delivery): void {
    held.push(delivery);
    if (held.length >= plan.reorderWindow) return void flushHeld();
    if (!holdTimer) {
      holdTimer = setTimeout(() => void flushHeld(), plan.reorderHoldMs);
      timers.add(holdTimer);
    }
  }

  function deliver(event: ShopEvent): string[] {
    if (shutdown.signal.aborted) return [];
    const body = JSON.stringify(event.payload);
    const hmac = signWebhookBody(body, options.apiSecret);
    const eventId = randomUUID();
    const ids: string[] = [];
    for (const subscription of options.subscriptions) {
      if (subscription.topic !== event.topic) continue;
      const webhookId = randomUUID();
      const name = subscription.name ?? subscription.topic;
      const headers: Record<string, string> = {
        "Content-Type": "application/json",
        "User-Agent": "Shopify-Captain-Hook",
        "X-Shopify-Topic": event.topic,
        "X-Shopify-Hmac-Sha256": hmac,
        "X-Shopify-Shop-Domain": options.shopDomain,
        "X-Shopify-API-Version": options.apiVersion,
        "X-Shopify-Webhook-Id": webhookId,
        "X-Shopify-Event-Id": eventId,
        "X-Shopify-Triggered-At": event.triggeredAt,
        "X-Shopify-Name": name,
      };
      const entry: DeliveryLogEntry = {
        id: webhookId,
        webhookId,
        eventId,
        topic: event.topic,
        name,
        url: resolveUri(options.appUrl, subscription.uri),
        triggeredAt: event.triggeredAt,
        queuedAt: iso(),
        duplicated: false,
        attempts: 0,
        statusCodes: [],
        history: [],
        outcome: "pending",
      };
      log.push(entry);
      ids.push(webhookId);
      const delivery: Delivery = { log: entry, headers, body, settled: false };
      live.add(delivery);
      if (plan.shouldDrop()) {
        settle(delivery, "dropped");
        continue;
      }
      entry.duplicated = plan.shouldDuplicate();
      if (plan.reorder) hold(delivery);
      else start(delivery);
    }
    return ids;
  }

  return {
    deliver,
    attach: (shop) => shop.onEvent((event) => void deliver(event)),
    deliveries: () => structuredClone(log),
    setFaults(faults) {
      plan.set(faults);
      if (!plan.reorder && held.length > 0) void flushHeld(); // nothing stays held once reordering is off
    },
    faults: () => plan.current(),
    idle: () => (live.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve))),
    close() {
      shutdown.abort(new Error("dispatcher closed"));
      timers.forEach((timer) => clearTimeout(timer));
      timers.clear();
      held = [];
      [...live].forEach((delivery) => settle(delivery, "cancelled"));
    },
  };
}

/** Relative URIs hang off the app URL including its path, as the toml's "/webhooks/..." do. */
export function resolveUri(appUrl: string, uri: string): string {
  if (/^https?:\/\//i.test(uri)) return uri;
  return appUrl.replace(/\/+$/, "") + (uri.startsWith("/") ? uri : `/${uri}`);
}
