/**
 * The webhook intake over real HTTP on a real SQLite file, as the app's server runs it before
 * Remix: what it acknowledges is stored with its job by then, and what it refuses leaves nothing.
 * (test/e2e/webhooks.test.ts and webhook-replay.test.ts run the same through the whole app.)
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_WEBHOOK_BODY_BYTES } from "../../app/webhooks/delivery-guards";
import { postOversizedWebhook, postWebhook, signBody, webhookHeaders } from "../support/signed-webhook";
import { TEST_APP } from "../support/stack";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const SHOP = "intake-shop.myshopify.com";
let database: TestDatabase;
let server: http.Server;
let appUrl: string;

beforeAll(async () => {
  database = await createTestDatabase();
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    SHOPIFY_API_KEY: TEST_APP.apiKey,
    SHOPIFY_API_SECRET: TEST_APP.apiSecret,
    SHOPIFY_APP_URL: "http://127.0.0.1:1",
  });
  // The routes say which topics the app takes; the server leaves the rest to Remix (here: 404).
  await Promise.all(["orders.create", "customers.redact", "shop.redact"].map((route) => import(`../../app/routes/webhooks.${route}.ts`)));
  const { handleWebhookRequest } = await import("../../app/webhooks/intake.server");
  server = http.createServer((request, response) => {
    if (!handleWebhookRequest(request, response)) response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await database.drop();
});

const order = (id: number) => JSON.stringify({ id, admin_graphql_api_id: `gid://shopify/Order/${id}`, line_items: [] });
const send = (topic: string, body: string, overrides: Record<string, string | null> = {}) => {
  const headers = webhookHeaders(topic, SHOP, body, overrides);
  return postWebhook(appUrl, topic, body, headers).then((status) => ({ status, webhookId: headers["X-Shopify-Webhook-Id"]! }));
};
const stored = () => database.db.webhookDelivery.count();

describe("webhook intake before Remix", () => {
  it("acknowledges a burst of deliveries, each stored with its pending job by the time it is answered", async () => {
    const answers = await Promise.all(Array.from({ length: 200 }, (_, index) => send("orders/create", order(index))));
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
    const ids = answers.map((answer) => answer.webhookId);
    expect(await database.db.webhookDelivery.count({ where: { webhookId: { in: ids }, status: "pending" } })).toBe(200);
    const jobs = await database.db.job.findMany({ where: { kind: "delivery", subject: { in: ids } } });
    expect(jobs.map((job) => [job.status, job.shop, job.source === job.subject])).toEqual(ids.map(() => ["pending", SHOP, true]));
  });

  it("refuses a forged delivery with 401, compliance topics included, and stores nothing", async () => {
    const before = await stored();
    const redact = JSON.stringify({ shop_id: 1, shop_domain: SHOP, customer: { id: 1 }, orders_to_redact: [] });
    for (const [topic, body] of [["orders/create", order(1)], ["customers/redact", redact]] as const) {
      expect((await send(topic, body, { "X-Shopify-Hmac-Sha256": signBody(body, "not-the-secret") })).status).toBe(401);
      expect((await send(topic, body, { "X-Shopify-Hmac-Sha256": "not base64 at all" })).status).toBe(401);
    }
    expect(await stored()).toBe(before);
  });

  it("answers 400 without Shopify's headers and 413 over the size bound, and stores nothing", async () => {
    const before = await stored();
    const body = order(2);
    for (const header of ["X-Shopify-Topic", "X-Shopify-Webhook-Id", "X-Shopify-Shop-Domain", "X-Shopify-Hmac-Sha256"]) {
      expect((await send("orders/create", body, { [header]: null })).status).toBe(400);
    }
    expect(await postOversizedWebhook(appUrl, "orders/create", webhookHeaders("orders/create", SHOP, "{}"), MAX_WEBHOOK_BODY_BYTES + 1, 0)).toBe(413);
    expect(await stored()).toBe(before);
  });

  it("changes nothing for a redelivery of a processed delivery, and queues one still unprocessed again", async () => {
    const body = order(3);
    const headers = webhookHeaders("orders/create", SHOP, body);
    const webhookId = headers["X-Shopify-Webhook-Id"]!;
    const job = { id: `${SHOP}|delivery|${webhookId}` };
    expect(await postWebhook(appUrl, "orders/create", body, headers)).toBe(200);

    // Worked off: the same delivery again is acknowledged and changes nothing.
    await database.db.webhookDelivery.update({ where: { webhookId }, data: { status: "processed" } });
    await database.db.job.update({ where: job, data: { status: "done" } });
    expect(await postWebhook(appUrl, "orders/create", body, headers)).toBe(200);
    expect(await database.db.job.findUniqueOrThrow({ where: job })).toMatchObject({ status: "done" });
    expect(await database.db.webhookDelivery.count({ where: { webhookId } })).toBe(1);

    // Stored but its work lost (a crash): Shopify's retry brings the job back.
    await database.db.webhookDelivery.update({ where: { webhookId }, data: { status: "pending" } });
    expect(await postWebhook(appUrl, "orders/create", body, headers)).toBe(200);
    expect(await database.db.job.findUniqueOrThrow({ where: job })).toMatchObject({ status: "pending" });
  });

  it("stores shop/redact only while the shop has no session: once reinstalled, it is about an earlier install", async () => {
    const redact = JSON.stringify({ shop_id: 1, shop_domain: SHOP });
    const first = await send("shop/redact", redact);
    expect(first.status).toBe(200);
    expect(await database.db.webhookDelivery.count({ where: { webhookId: first.webhookId } })).toBe(1);

    await database.db.session.create({ data: { id: `offline_${SHOP}`, shop: SHOP, state: "", isOnline: false, accessToken: "token" } });
    const replayed = await send("shop/redact", redact);
    expect(replayed.status).toBe(200);
    expect(await database.db.webhookDelivery.count({ where: { webhookId: replayed.webhookId } })).toBe(0);
  });

  it("leaves other methods and topics without a route to Remix", async () => {
    const before = await stored();
    expect((await send("carts/create", order(4))).status).toBe(404);
    expect((await fetch(`${appUrl}/webhooks/orders/create`)).status).toBe(404);
    expect(await stored()).toBe(before);
  });
});
