import type { ActionFunctionArgs } from "@remix-run/node";
import prisma from "../db.server";
import { authenticate } from "../shopify.server";
import { recordDelivery, topicOf } from "../webhooks/inbox.server";

// app/uninstalled: the shop's tokens are dead; drop its sessions at once so no
// work tries to use them, and keep the delivery for the record.
export const action = async ({ request }: ActionFunctionArgs) => {
  const webhook = await authenticate.webhook(request);
  await recordDelivery({ ...webhook, topic: topicOf(request, webhook.topic) });
  await prisma.session.deleteMany({ where: { shop: webhook.shop } });
  return new Response(null, { status: 200 });
};
