/**
 * Shopify's webhook signature: base64 HMAC-SHA256 of the raw body with the app's secret, in
 * X-Shopify-Hmac-Sha256 (https://shopify.dev/docs/apps/build/webhooks/subscribe/https#step-2-validate-the-origin-of-your-webhook-to-ensure-its-coming-from-shopify).
 * Compared in constant time, as @shopify/shopify-api does.
 */
import crypto from "node:crypto";

export function signatureMatches(body: Uint8Array, signature: string, secret: string): boolean {
  const expected = crypto.createHmac("sha256", secret).update(body).digest();
  const given = Buffer.from(signature, "base64");
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}
