/**
 * Shopify Flow's trigger lifecycle callback (extensions/backorder-flow-lifecycle, `url = "/flow/lifecycle"`):
 * Flow signs it like a webhook, base64 HMAC-SHA256 of the raw body with the app's API secret in
 * X-Shopify-Hmac-SHA256 (https://shopify.dev/docs/apps/build/flow/track-lifecycle-events; the library's
 * `authenticate.flow` checks the same header). A merchant cannot enable the workflow until the app
 * answers 2xx promptly, so the answer follows one write: 401 forged, 400 not a callback, else 200.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import prisma from "../db.server";
import { parseLifecycleCallback, recordWorkflowState } from "../engine/flow-lifecycle.server";
import { BodyTooLargeError, readBoundedBody } from "../webhooks/bounded-body.server";
import { signatureMatches } from "../webhooks/signature.server";

/** A callback is a few hundred bytes. */
const MAX_CALLBACK_BYTES = 64 * 1024;

export const action = async ({ request }: ActionFunctionArgs) => {
  if (request.method !== "POST") return new Response(null, { status: 405 });
  let body: Uint8Array;
  try {
    body = await readBoundedBody(request, MAX_CALLBACK_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return new Response(null, { status: 413 });
    throw error;
  }
  const secret = process.env.SHOPIFY_API_SECRET;
  if (!secret) throw new Error(`SHOPIFY_API_SECRET is not set; see README "Configuration"`);
  const signature = request.headers.get("x-shopify-hmac-sha256");
  if (!signature || !signatureMatches(body, signature, secret)) return new Response(null, { status: 401 });
  let callback;
  try {
    callback = parseLifecycleCallback(JSON.parse(Buffer.from(body).toString("utf8")));
  } catch {
    callback = null;
  }
  if (!callback) return new Response(null, { status: 400 });
  await recordWorkflowState(prisma, callback);
  return new Response(null, { status: 200 });
};
