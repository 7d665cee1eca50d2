/**
 * Every webhook route's whole job: refuse what is too large, forged, malformed or misrouted;
 * store the rest in the inbox and answer 200. Work happens later, off the request, so Shopify's
 * 5-second timeout is never at risk.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import prisma from "../db.server";
import { wakeWorker, withWebhookPriority } from "../jobs/app-worker.server";
import { authenticate } from "../shopify.server";
import { BodyTooLargeError, readBoundedBody } from "./bounded-body.server";
import { checkDelivery, DESTRUCTIVE_TOPICS, MAX_WEBHOOK_BODY_BYTES } from "./delivery-guards";
import { recordDelivery } from "./inbox.server";
import { actsOnCurrentInstall } from "./install-state.server";

const answer = (status: number) => new Response(null, { status });

/** The action of the route for one topic: `export const action = webhookAction("orders/create")`. */
export function webhookAction(routeTopic: string) {
  return ({ request }: ActionFunctionArgs) => withWebhookPriority(() => receive(routeTopic, request));
}

async function receive(routeTopic: string, request: Request): Promise<Response> {
  if (request.method !== "POST") return answer(405);
  let body: Uint8Array<ArrayBuffer>;
  try {
    body = await readBoundedBody(request, MAX_WEBHOOK_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return answer(413);
    throw error;
  }
  const webhook = await authenticated(new Request(request.url, { method: "POST", headers: request.headers, body }));
  if (!webhook) return answer(400);

  // Shopify's spelling ("orders/create"), not the library's enum form ("ORDERS_CREATE").
  const topic = request.headers.get("X-Shopify-Topic") ?? "";
  const verdict = checkDelivery({ routeTopic, topic, shop: webhook.shop, payload: webhook.payload });
  if (verdict.refused) {
    console.warn(`[webhooks] refused a delivery for ${webhook.shop}: ${verdict.reason}`);
    return answer(400);
  }
  if (DESTRUCTIVE_TOPICS.has(topic) && !(await actsOnCurrentInstall(prisma, { shop: webhook.shop, topic, triggeredAt: webhook.triggeredAt }))) {
    // Acknowledged so Shopify stops delivering it, and not acted on: it is about an earlier installation.
    console.warn(`[webhooks] ignored ${topic} for ${webhook.shop}: not about the current installation`);
    return answer(200);
  }
  await recordDelivery({ ...webhook, topic });
  // The shop's tokens are dead: drop its sessions at once so no work tries to use them.
  if (topic === "app/uninstalled") await prisma.session.deleteMany({ where: { shop: webhook.shop } });
  wakeWorker();
  return answer(200);
}

/**
 * The library's check (401 on a bad HMAC, 400 on missing headers; thrown as responses), or null
 * for a signed body that is not JSON: the library's parse fails only after the HMAC matched.
 */
async function authenticated(request: Request) {
  try {
    return await authenticate.webhook(request);
  } catch (error) {
    if (error instanceof SyntaxError) return null;
    throw error;
  }
}
