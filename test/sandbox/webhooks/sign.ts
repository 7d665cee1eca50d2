/** Shopify's webhook signature: base64 HMAC-SHA256 of the raw body, keyed with the app secret. */
import { createHmac, timingSafeEqual } from "node:crypto";

export function signWebhookBody(body: string | Buffer, secret: string): string {
  return createHmac("sha256", secret).update(body).digest("base64");
}

export function verifyWebhookBody(body: string | Buffer, secret: string, hmacHeader: string): boolean {
  const expected = Buffer.from(signWebhookBody(body, secret));
  const given = Buffer.from(hmacHeader);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
