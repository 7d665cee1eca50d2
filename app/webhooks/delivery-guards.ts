/**
 * What a signed delivery must also satisfy before the app believes it. Shopify's HMAC covers only
 * the body (https://shopify.dev/docs/apps/build/webhooks/subscribe/https#step-2-validate-the-origin-of-your-webhook-to-ensure-its-coming-from-shopify):
 * the topic and shop headers and the route are not signed, so a captured body could be re-sent
 * anywhere with any headers. Pure: the route feeds it what it read.
 */

/** Topics whose delivery removes things: sessions, or all the shop's data. */
export const DESTRUCTIVE_TOPICS: ReadonlySet<string> = new Set(["app/uninstalled", "shop/redact"]);

/**
 * Well above Shopify's largest real payloads: a products/update for a product with 2,048 variants
 * (the limit since 2025-10, https://shopify.dev/changelog/the-product-variant-limit-is-now-2048-for-all-merchants)
 * runs to a few MB (about 1–2 KB of JSON per variant), and an order with hundreds of lines to
 * well under 1 MB (Shopify's EventBridge payloads are capped at 1 MB). 16 MiB leaves room for
 * either, yet stops a body of hundreds of MB before it is read.
 */
export const MAX_WEBHOOK_BODY_BYTES = 16 * 1024 * 1024;

type Payload = Record<string, unknown>;

export type Refusal = { refused: true; reason: string };
export type Verdict = { refused: false } | Refusal;
const accept: Verdict = { refused: false };
const refuse = (reason: string): Refusal => ({ refused: true, reason });

const isObject = (value: unknown): value is Payload => typeof value === "object" && value !== null && !Array.isArray(value);
const isId = (value: unknown) => (typeof value === "number" && Number.isSafeInteger(value)) || (typeof value === "string" && /^\d+$/.test(value));

/**
 * The shop a payload names, where Shopify's payload for the topic names one. Compliance payloads
 * carry `shop_domain` (https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance);
 * app/uninstalled carries the shop resource, whose `myshopify_domain` is the shop's own domain
 * (`domain` may be a custom domain, so it proves nothing).
 */
function shopNamedBy(topic: string, payload: Payload): unknown {
  if (topic === "app/uninstalled") return payload.myshopify_domain;
  if (topic === "shop/redact" || topic.startsWith("customers/")) return payload.shop_domain;
  return undefined;
}

/** The fields each topic that removes or reveals data must have, as Shopify documents them. */
function hasTopicShape(topic: string, payload: Payload): boolean {
  switch (topic) {
    case "app/uninstalled":
      return isId(payload.id) && typeof payload.myshopify_domain === "string";
    case "shop/redact":
      return isId(payload.shop_id) && typeof payload.shop_domain === "string";
    case "customers/redact":
      return isId(payload.shop_id) && isObject(payload.customer) && Array.isArray(payload.orders_to_redact);
    case "customers/data_request":
      return isId(payload.shop_id) && isObject(payload.customer) && Array.isArray(payload.orders_requested);
    default:
      return true;
  }
}

/**
 * A delivery is believed only on its own route, about the shop it came from, and (for the topics
 * that remove or reveal data) in that topic's documented shape.
 */
export function checkDelivery(input: { routeTopic: string; topic: string; shop: string; payload: unknown }): Verdict {
  const { routeTopic, topic, shop, payload } = input;
  if (topic !== routeTopic) return refuse(`topic ${topic} sent to the ${routeTopic} route`);
  if (!isObject(payload)) return refuse("the body is not a JSON object");
  if (!hasTopicShape(topic, payload)) return refuse(`the body does not have the shape of ${topic}`);
  const named = shopNamedBy(topic, payload);
  if (named !== undefined && named !== shop) return refuse(`the body names another shop than ${shop}`);
  return accept;
}

/**
 * A destructive delivery Shopify triggered before the app's current installation is about an
 * earlier one (Shopify delivers at least once, retries for hours and may deliver late; each
 * delivery carries X-Shopify-Triggered-At: https://shopify.dev/docs/apps/build/webhooks and
 * https://shopify.dev/docs/apps/build/webhooks/ignore-duplicates): acting on it would undo the
 * reinstall. The header is not signed, so the caller also checks the install itself.
 */
export function predatesInstall(triggeredAt: string | undefined, installedAt: Date | null): boolean {
  if (!installedAt || !triggeredAt) return false;
  const triggered = Date.parse(triggeredAt);
  return Number.isNaN(triggered) || triggered < installedAt.getTime();
}
