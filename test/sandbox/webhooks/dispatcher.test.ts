import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { ShopEvent } from "../state/contract";
import { createWebhookDispatcher, resolveUri, type WebhookDispatcher, type WebhookDispatcherOptions } from "./dispatcher";
import { signWebhookBody, verifyWebhookBody } from "./sign";

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const SECRET = "sandbox-secret";

/** A stand-in for the app: records every POST and answers with `status(received)`. */
async function startReceiver(status: (request: Received, index: number) => number = () => 200) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request = { path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      received.push(request);
      res.statusCode = status(request, received.length - 1);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { url: `http://127.0.0.1:${port}`, received, stop };
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(status?: (request: Received, index: number) => number, extra: Partial<WebhookDispatcherOptions> = {}) {
  const receiver = await startReceiver(status);
  const dispatcher: WebhookDispatcher = createWebhookDispatcher({
    appUrl: receiver.url,
    apiSecret: SECRET,
    apiVersion: "2026-10",
    shopDomain: "sandbox.myshopify.com",
    subscriptions: [
      { topic: "orders/create", uri: "/webhooks/orders/create" },
      { topic: "orders/create", uri: "/webhooks/audit", name: "audit" },
      { topic: "inventory_levels/update", uri: "/webhooks/inventory_levels/update" },
    ],
    retrySchedule: [5, 10, 20],
    ...extra,
  });
  cleanups.push(receiver.stop, () => dispatcher.close());
  return { receiver, dispatcher };
}

function event(topic: string, payload: Record<string, unknown>): ShopEvent {
  return { topic, payload, triggeredAt: "2026-11-02T10:00:00.000Z" };
}

describe("webhook dispatcher", () => {
  it("sends one signed POST per subscription with Shopify's headers", async () => {
    const { receiver, dispatcher } = await setUp();
    const ids = dispatcher.deliver(event("orders/create", { id: 1, name: "#1001" }));
    await dispatcher.idle();

    expect(ids).toHaveLength(2);
    expect(receiver.received.map((r) => r.path).sort()).toEqual(["/webhooks/audit", "/webhooks/orders/create"]);
    for (const request of receiver.received) {
      const h = request.headers;
      expect(JSON.parse(request.body)).toEqual({ id: 1, name: "#1001" });
      expect(h["content-type"]).toBe("application/json");
      expect(h["user-agent"]).toBe("Shopify-Captain-Hook");
      expect(h["x-shopify-topic"]).toBe("orders/create");
      expect(h["x-shopify-shop-domain"]).toBe("sandbox.myshopify.com");
      expect(h["x-shopify-api-version"]).toBe("2026-10");
      expect(h["x-shopify-triggered-at"]).toBe("2026-11-02T10:00:00.000Z");
      expect(verifyWebhookBody(request.body, SECRET, String(h["x-shopify-hmac-sha256"]))).toBe(true);
      expect(h["x-shopify-hmac-sha256"]).toBe(signWebhookBody(request.body, SECRET));
    }
    const [a, b] = receiver.received;
    expect(a?.headers["x-shopify-event-id"]).toBe(b?.headers["x-shopify-event-id"]);
    expect(a?.headers["x-shopify-webhook-id"]).not.toBe(b?.headers["x-shopify-webhook-id"]);
    expect(receiver.received.map((r) => r.headers["x-shopify-name"]).sort()).toEqual(["audit", "orders/create"]);
    expect(dispatcher.deliveries().map((d) => d.outcome)).toEqual(["delivered", "delivered"]);
  });

  it("ignores topics nobody subscribed to", async () => {
    const { receiver, dispatcher } = await setUp();
    expect(dispatcher.deliver(event("products/delete", { id: 3 }))).toEqual([]);
    await dispatcher.idle();
    expect(receiver.received).toHaveLength(0);
  });

  it("retries a failing delivery with the same body and webhook id until it succeeds", async () => {
    const { receiver, dispatcher } = await setUp((_, index) => (index < 2 ? 500 : 200));
    dispatcher.deliver(event("inventory_levels/update", { inventory_item_id: 7, available: 3 }));
    await dispatcher.idle();

    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.headers["x-shopify-webhook-id"])).size).toBe(1);
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    const [entry] = dispatcher.deliveries();
    expect(entry?.statusCodes).toEqual([500, 500, 200]);
    expect(entry?.attempts).toBe(3);
    expect(entry?.outcome).toBe("delivered");
  });

  it("gives up after the retry schedule and logs the failure", async () => {
    const { receiver, dispatcher } = await setUp(() => 503);
    dispatcher.deliver(event("inventory_levels/update", { available: 1 }));
    await dispatcher.idle();
    expect(receiver.received).toHaveLength(4); // first attempt + 3 retries
    expect(dispatcher.deliveries()[0]?.outcome).toBe("failed");
  });

  it("counts a refused connection as a failed attempt", async () => {
    const { receiver, dispatcher } = await setUp();
    await receiver.stop();
    cleanups.splice(cleanups.indexOf(receiver.stop), 1);
    dispatcher.deliver(event("inventory_levels/update", { available: 1 }));
    await dispatcher.idle();
    const [entry] = dispatcher.deliveries();
    expect(entry?.outcome).toBe("failed");
    expect(entry?.history.every((a) => a.status === null && a.error)).toBe(true);
    expect(entry?.statusCodes).toEqual([null, null, null, null]);
  });

  it("times out a slow app after the total timeout and retries", async () => {
    let calls = 0;
    const slowThenFine: typeof fetch = async (_input, init) => {
      calls++;
      if (calls === 1) {
        await new Promise((_, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)));
      }
      return new Response(null, { status: 200 });
    };
    const { dispatcher } = await setUp(undefined, { fetch: slowThenFine, totalTimeoutMs: 50 });
    dispatcher.deliver(event("inventory_levels/update", { available: 1 }));
    await dispatcher.idle();
    const [entry] = dispatcher.deliveries();
    expect(entry?.statusCodes).toEqual([null, 200]);
    expect(entry?.history[0]?.error).toMatch(/timeout|abort/i);
  });

  it("resolves relative URIs against the app URL path", () => {
    expect(resolveUri("https://app.example/base/", "/webhooks/x")).toBe("https://app.example/base/webhooks/x");
    expect(resolveUri("https://app.example", "https://other.example/hook")).toBe("https://other.example/hook");
  });
});

describe("webhook faults", () => {
  it("duplicates: the same delivery arrives twice with one webhook id", async () => {
    const { receiver, dispatcher } = await setUp();
    dispatcher.setFaults({ duplicate: 1 });
    dispatcher.deliver(event("inventory_levels/update", { available: 1 }));
    dispatcher.deliver(event("inventory_levels/update", { available: 2 }));
    await dispatcher.idle();
    expect(receiver.received).toHaveLength(3); // the count of 1 is used up by the first delivery
    const duplicatedId = dispatcher.deliveries()[0]?.webhookId;
    const copies = receiver.received.filter((r) => r.headers["x-shopify-webhook-id"] === duplicatedId);
    expect(copies).toHaveLength(2);
    expect(copies[1]?.body).toBe(copies[0]?.body);
    expect(dispatcher.deliveries().map((d) => d.duplicated)).toEqual([true, false]);
    expect(dispatcher.deliveries()[0]?.history.map((a) => a.duplicate ?? false)).toEqual([false, true]);
  });

  it("drops: the delivery is never sent and is logged as dropped", async () => {
    const { receiver, dispatcher } = await setUp();
    dispatcher.setFaults({ drop: 1 });
    dispatcher.deliver(event("inventory_levels/update", { available: 1 }));
    dispatcher.deliver(event("inventory_levels/update", { available: 2 }));
    await dispatcher.idle();
    expect(receiver.received.map((r) => JSON.parse(r.body).available)).toEqual([2]);
    expect(dispatcher.deliveries().map((d) => d.outcome)).toEqual(["dropped", "delivered"]);
  });

  it("reorders a window of deliveries, the same way under the same seed", async () => {
    async function arrivalOrder(seed: number): Promise<number[]> {
      const { receiver, dispatcher } = await setUp();
      dispatcher.setFaults({ reorder: true, reorderWindow: 4, seed });
      for (let n = 1; n <= 4; n++) dispatcher.deliver(event("inventory_levels/update", { available: n }));
      await dispatcher.idle();
      return receiver.received.map((r) => JSON.parse(r.body).available as number);
    }
    const first = await arrivalOrder(42);
    expect([...first].sort()).toEqual([1, 2, 3, 4]);
    expect(first).not.toEqual([1, 2, 3, 4]);
    expect(await arrivalOrder(42)).toEqual(first);
  });

  it("reorder sends a partly filled window after the hold time", async () => {
    const { receiver, dispatcher } = await setUp();
    dispatcher.setFaults({ reorder: true, reorderWindow: 10, reorderHoldMs: 20 });
    dispatcher.deliver(event("inventory_levels/update", { available: 1 }));
    dispatcher.deliver(event("inventory_levels/update", { available: 2 }));
    await dispatcher.idle();
    expect(receiver.received.map((r) => JSON.parse(r.body).available)).toEqual([2, 1]);
  });

  it("delays deliveries", async () => {
    const { receiver, dispatcher } = await setUp();
    dispatcher.setFaults({ delayMs: 80 });
    const started = Date.now();
    dispatcher.deliver(event("inventory_levels/update", { available: 1 }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(receiver.received).toHaveLength(0);
    await dispatcher.idle();
    expect(receiver.received).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(70);
  });

  it("probabilities are deterministic under a seed", async () => {
    async function outcomes(seed: number) {
      const { dispatcher } = await setUp();
      dispatcher.setFaults({ drop: 0.5, duplicate: 0.5, seed });
      for (let n = 0; n < 12; n++) dispatcher.deliver(event("inventory_levels/update", { available: n }));
      await dispatcher.idle();
      return dispatcher.deliveries().map((d) => `${d.outcome}:${d.duplicated}`);
    }
    const run = await outcomes(7);
    expect(await outcomes(7)).toEqual(run);
    expect(run.some((o) => o.startsWith("dropped"))).toBe(true);
    expect(run.some((o) => o === "delivered:true")).toBe(true);
  });

  it("close cancels scheduled retries", async () => {
    const { dispatcher } = await setUp(() => 500, { retrySchedule: [60_000] });
    dispatcher.deliver(event("inventory_levels/update", { available: 1 }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    dispatcher.close();
    await dispatcher.idle();
    expect(dispatcher.deliveries()[0]?.outcome).toBe("cancelled");
  });
});
