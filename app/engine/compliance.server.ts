/**
 * Shopify's mandatory privacy webhooks, answered from what this app stores:
 * back-order lines (customer name and email) and the webhook inbox (payloads).
 */
import type { PrismaClient } from "@prisma/client";
import { logActivity } from "./activity.server";

interface CustomerRequest {
  customer?: { id?: number; email?: string | null } | null;
  orders_to_redact?: (number | string)[];
  orders_requested?: (number | string)[];
}

const orderGids = (ids: readonly (number | string)[] | undefined) =>
  (ids ?? []).map((id) => (String(id).startsWith("gid://") ? String(id) : `gid://shopify/Order/${id}`));

function customerLines(db: PrismaClient, shop: string, email: string | null, orderIds: string[]) {
  const or = [...(email ? [{ customerEmail: email }] : []), ...(orderIds.length > 0 ? [{ orderId: { in: orderIds } }] : [])];
  return or.length === 0 ? null : { shop, OR: or };
}

/** customers/redact: forget the customer's name and email everywhere the app kept them. */
export async function redactCustomer(db: PrismaClient, shop: string, payload: CustomerRequest, source: string): Promise<void> {
  const email = payload.customer?.email ?? null;
  const orderIds = orderGids(payload.orders_to_redact);
  const where = customerLines(db, shop, email, orderIds);
  const lines = where ? await db.backorderLine.updateMany({ where, data: { customerEmail: null, customerName: null } }) : { count: 0 };
  // Inbox payloads carry customer details too; only their routing facts were ever needed.
  const needles = [...(email ? [email] : []), ...orderIds.map((id) => id.split("/").pop()!)];
  let payloads = 0;
  for (const needle of needles) {
    const { count } = await db.webhookDelivery.updateMany({
      where: { shop, topic: { startsWith: "orders/" }, payload: { contains: needle }, status: "processed" },
      data: { payload: JSON.stringify({ redacted: true }) },
    });
    payloads += count;
  }
  await logActivity(db, shop, source, {
    kind: "compliance.customer_redact",
    subject: payload.customer?.id ? `gid://shopify/Customer/${payload.customer.id}` : "customer",
    message: `Customer data redacted: back-order lines ${lines.count}, stored webhook payloads ${payloads}`,
    details: { lines: lines.count, payloads },
  });
}

/** customers/data_request: the stored data, recorded for the merchant to send to the customer. */
export async function answerDataRequest(db: PrismaClient, shop: string, payload: CustomerRequest, source: string): Promise<void> {
  const where = customerLines(db, shop, payload.customer?.email ?? null, orderGids(payload.orders_requested));
  const lines = where ? await db.backorderLine.findMany({ where, orderBy: { orderedAt: "asc" } }) : [];
  await logActivity(db, shop, source, {
    kind: "compliance.data_request",
    subject: payload.customer?.id ? `gid://shopify/Customer/${payload.customer.id}` : "customer",
    message: `Customer data request: back-order lines stored ${lines.length}`,
    details: lines.map((line) => ({
      order: line.orderName,
      orderedAt: line.orderedAt.toISOString(),
      variantId: line.variantId,
      quantity: line.quantity,
      state: line.state,
      shipsOn: line.shipsOn,
      customerName: line.customerName,
      customerEmail: line.customerEmail,
    })),
  });
}

/** shop/redact (48 hours after uninstall): nothing of the shop stays. */
export async function redactShop(db: PrismaClient, shop: string): Promise<void> {
  // One table at a time (no transaction, see variant-sync); a failed job is retried, and deleting again is harmless.
  await db.backorderLine.deleteMany({ where: { shop } });
  await db.variantLevel.deleteMany({ where: { shop } });
  await db.trackedVariant.deleteMany({ where: { shop } });
  await db.variantRule.deleteMany({ where: { shop } });
  await db.activity.deleteMany({ where: { shop } });
  await db.dailySnapshot.deleteMany({ where: { shop } });
  await db.shopSettings.deleteMany({ where: { shop } });
  await db.session.deleteMany({ where: { shop } });
  await db.job.deleteMany({ where: { shop, status: { not: "running" } } });
  await db.webhookDelivery.deleteMany({ where: { shop } });
}
