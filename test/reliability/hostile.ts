/**
 * Deliveries the app must not act on: forged, oversized, malformed, misrouted, naming another
 * shop, or genuine bodies replayed to destructive routes. Counts how many were refused (not acted
 * on) and what they wrote.
 */
import type { PrismaClient } from "@prisma/client";
import { MAX_WEBHOOK_BODY_BYTES } from "../../app/webhooks/delivery-guards";
import { postOversizedWebhook, postWebhook, signBody, webhookHeaders } from "../support/signed-webhook";
import type { Stack } from "../support/stack";

export interface HostileFigures {
  forged: { sent: number; refused: number };
  oversized: { sent: number; refused: number };
  replayed: { sent: number; refused: number };
  /** Inbox rows, sessions, tracked variants and back-order lines the deliveries added or removed. */
  rowsWritten: number;
}

async function footprint(db: PrismaClient, shop: string): Promise<number[]> {
  return Promise.all([db.webhookDelivery.count(), db.session.count({ where: { shop } }), db.trackedVariant.count({ where: { shop } }), db.backorderLine.count({ where: { shop } })]);
}

/** The app must hold an offline session for the shop and have stored at least one orders/create. */
export async function sendHostileDeliveries(stack: Stack, db: PrismaClient, settle: () => Promise<void>): Promise<HostileFigures> {
  const shop = stack.sandbox.shop.domain;
  const before = await footprint(db, shop);
  // Each answer with the delivery's id, to see whether anything was stored under it.
  const send = async (route: string, body: string, overrides: Record<string, string | null> = {}, topic = route) => {
    const headers = webhookHeaders(topic, shop, body, overrides);
    return { status: await postWebhook(stack.appUrl, route, body, headers), webhookId: headers["X-Shopify-Webhook-Id"]! };
  };
  const oversized = async (declaredBytes: number | null, writeBytes: number) => {
    const headers = webhookHeaders("orders/create", shop, "{}");
    return { status: await postOversizedWebhook(stack.appUrl, "orders/create", headers, declaredBytes, writeBytes), webhookId: headers["X-Shopify-Webhook-Id"]! };
  };
  /** Refused: answered 4xx, or acknowledged (a late genuine one would only come again) with nothing stored. */
  const tally = async (answers: Promise<{ status: number; webhookId: string }>[]) => {
    let refused = 0;
    for (const { status, webhookId } of await Promise.all(answers)) {
      const stored = (await db.webhookDelivery.count({ where: { webhookId } })) > 0;
      if ((status >= 400 && status < 500) || (status >= 200 && status < 300 && !stored)) refused++;
    }
    return { sent: answers.length, refused };
  };

  const inventory = JSON.stringify({ inventory_item_id: 1, location_id: 2, available: 3 });
  const forged = await tally([
    send("inventory_levels/update", inventory, { "X-Shopify-Hmac-Sha256": signBody(inventory, "not-the-secret") }),
    send("app/uninstalled", JSON.stringify({ id: 1, myshopify_domain: shop }), { "X-Shopify-Hmac-Sha256": "AAAA" }),
    send("shop/redact", JSON.stringify({ shop_id: 1, shop_domain: shop }), { "X-Shopify-Hmac-Sha256": null }),
    send("inventory_levels/update", '{"inventory_item_id": 1,'),
    send("inventory_levels/update", inventory, {}, "orders/create"),
    send("shop/redact", JSON.stringify({ shop_id: 2, shop_domain: "someone-else.myshopify.com" })),
  ]);
  const tooLarge = await tally([oversized(400 * 1024 * 1024, 0), oversized(null, MAX_WEBHOOK_BODY_BYTES + 1024 * 1024)]);
  // A genuine body captured from a log, re-sent with new headers to the routes that remove things,
  // and the shop's own uninstall and redact bodies while the app is installed.
  const captured = (await db.webhookDelivery.findFirstOrThrow({ where: { shop, topic: "orders/create" } })).payload;
  const uninstall = JSON.stringify({ id: 1, name: stack.sandbox.shop.name, myshopify_domain: shop, domain: shop });
  const redact = JSON.stringify({ shop_id: 1, shop_domain: shop });
  const replayed = await tally([
    send("app/uninstalled", captured),
    send("shop/redact", captured),
    send("app/uninstalled", captured, {}, "orders/create"),
    send("app/uninstalled", uninstall, { "X-Shopify-Triggered-At": new Date(0).toISOString() }),
    send("app/uninstalled", uninstall),
    send("shop/redact", redact),
  ]);
  await settle();
  const after = await footprint(db, shop);
  const rowsWritten = after.reduce((sum, count, index) => sum + Math.abs(count - before[index]!), 0);
  return { forged, oversized: tooLarge, replayed, rowsWritten };
}
