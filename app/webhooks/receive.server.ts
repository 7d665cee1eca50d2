/**
 * Every webhook delivery's whole handling in the request: refuse what is too large, forged,
 * malformed or misrouted; store the rest in the inbox and answer 200. Work happens later, off the
 * request (the worker loads the shop's session), so Shopify's 5-second timeout is never at risk.
 * The app's server runs this before Remix (intake.server.ts); the Remix routes run the same code
 * when Remix serves the request itself (`shopify app dev`).
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import prisma from "../db.server";
import { wakeWorker } from "../jobs/worker-thread.server";
import { BodyTooLargeError, readBoundedBody } from "./bounded-body.server";
import { checkDelivery, DESTRUCTIVE_TOPICS, MAX_WEBHOOK_BODY_BYTES } from "./delivery-guards";
import { recordDelivery } from "./inbox.server";
import { actsOnCurrentInstall } from "./install-state.server";
import { signatureMatches } from "./signature.server";

/** A request header by its lower-case name. */
export type HeaderReader = (name: string) => string | undefined;

/** The topics that have a route, each at /webhooks/<topic>: the ones the app subscribes to. */
export const ROUTED_TOPICS = new Set<string>();

/** The action of the route for one topic: `export const action = webhookAction("orders/create")`. */
export function webhookAction(routeTopic: string) {
  ROUTED_TOPICS.add(routeTopic);
  return async ({ request }: ActionFunctionArgs) => {
    if (request.method !== "POST") return new Response(null, { status: 405 });
    let body: Uint8Array;
    try {
      body = await readBoundedBody(request, MAX_WEBHOOK_BODY_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return new Response(null, { status: 413 });
      throw error;
    }
    const status = await receiveDelivery(routeTopic, (name) => request.headers.get(name) ?? undefined, body);
    return new Response(null, { status });
  };
}

/**
 * Shopify's headers on every delivery (https://shopify.dev/docs/apps/build/webhooks/subscribe/https);
 * without one the request is not a delivery (400, as @shopify/shopify-api answers).
 */
const REQUIRED_HEADERS = ["x-shopify-hmac-sha256", "x-shopify-topic", "x-shopify-shop-domain", "x-shopify-api-version", "x-shopify-webhook-id"] as const;

function parsedJson(body: Uint8Array): { payload: unknown; text: string } | null {
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8");
  try {
    return { payload: JSON.parse(text), text };
  } catch {
    return null;
  }
}

/** A delivery's body already read within the bound: answers the status to send. */
export async function receiveDelivery(routeTopic: string, header: HeaderReader, body: Uint8Array): Promise<number> {
  const [signature, topic, shop, apiVersion, webhookId] = REQUIRED_HEADERS.map(header);
  if (!signature || !topic || !shop || !apiVersion || !webhookId) return 400;
  const secret = process.env.SHOPIFY_API_SECRET;
  if (!secret) throw new Error(`SHOPIFY_API_SECRET is not set; see README "Configuration"`);
  if (!signatureMatches(body, signature, secret)) return 401;
  const parsed = parsedJson(body);
  if (!parsed) return 400;

  const verdict = checkDelivery({ routeTopic, topic, shop, payload: parsed.payload });
  if (verdict.refused) {
    console.warn(`[webhooks] refused a delivery for ${shop}: ${verdict.reason}`);
    return 400;
  }
  const triggeredAt = header("x-shopify-triggered-at");
  if (DESTRUCTIVE_TOPICS.has(topic) && !(await actsOnCurrentInstall(prisma, { shop, topic, triggeredAt }))) {
    // Acknowledged so Shopify stops delivering it, and not acted on: it is about an earlier installation.
    console.warn(`[webhooks] ignored ${topic} for ${shop}: not about the current installation`);
    return 200;
  }
  await recordDelivery({ webhookId, shop, topic, apiVersion, triggeredAt, eventId: header("x-shopify-event-id"), payload: parsed.payload, payloadJson: parsed.text });
  // The shop's tokens are dead: drop its sessions at once so no work tries to use them.
  if (topic === "app/uninstalled") await prisma.session.deleteMany({ where: { shop } });
  wakeWorker();
  return 200;
}
