/** Webhook deliveries as Shopify sends them (headers and HMAC), for tests that post to the app directly. */
import crypto from "node:crypto";
import http from "node:http";
import { ADMIN_API_VERSION } from "../../app/api-version";
import { TEST_APP } from "./stack";

export function signBody(body: string, secret: string = TEST_APP.apiSecret): string {
  return crypto.createHmac("sha256", secret).update(body, "utf8").digest("base64");
}

/** Shopify's headers for `body`, signed with the app secret; `null` in `overrides` leaves a header out. */
export function webhookHeaders(topic: string, shop: string, body: string, overrides: Record<string, string | null> = {}): Record<string, string> {
  const headers: Record<string, string | null> = {
    "Content-Type": "application/json",
    "X-Shopify-Topic": topic,
    "X-Shopify-Hmac-Sha256": signBody(body),
    "X-Shopify-Shop-Domain": shop,
    "X-Shopify-API-Version": ADMIN_API_VERSION,
    "X-Shopify-Webhook-Id": crypto.randomUUID(),
    "X-Shopify-Event-Id": crypto.randomUUID(),
    "X-Shopify-Triggered-At": new Date().toISOString(),
    ...overrides,
  };
  return Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== null));
}

/** Posts a delivery to the app's route for `route` (a topic, e.g. "orders/create") and answers the status. */
export async function postWebhook(appUrl: string, route: string, body: string, headers: Record<string, string>): Promise<number> {
  const response = await fetch(`${appUrl}/webhooks/${route}`, { method: "POST", headers, body });
  await response.arrayBuffer();
  return response.status;
}

/**
 * Declares `declaredBytes` as Content-Length (chunked when null) but writes only up to `writeBytes`,
 * as long as the app is reading: answers the status, which must come before the body is all sent.
 */
export function postOversizedWebhook(appUrl: string, route: string, headers: Record<string, string>, declaredBytes: number | null, writeBytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const sized = declaredBytes === null ? headers : { ...headers, "Content-Length": String(declaredBytes) };
    const request = http.request(`${appUrl}/webhooks/${route}`, { method: "POST", headers: sized }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
      request.destroy();
    });
    // Writes that fail once the app has answered are expected; only its answer counts.
    request.on("error", (error) => (request.destroyed ? undefined : reject(error)));
    let written = 0;
    const writeMore = () => {
      while (written < writeBytes && !request.destroyed) {
        written += chunk.length;
        if (!request.write(chunk)) return void request.once("drain", writeMore);
      }
    };
    request.flushHeaders();
    writeMore();
  });
}
