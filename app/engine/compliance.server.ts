/**
 * Shopify's mandatory privacy webhooks, answered from what this app stores:
 * back-order lines (customer name, email and language) and the webhook inbox (payloads).
 */
import type { PrismaClient } from "@prisma/client";
import { logActivity } from "./activity.server";
import { numericIdOf, shopifyGid } from "../shopify/ids";

interface CustomerRequest {
  customer?: { id?: number; email?: string | null } | null;
  orders_to_redact?: (number | string)[];
  orders_requested?: (number | string)[];
}

const orderGids = (ids: readonly (number | string)[] | undefined) =>
  (ids ?? []).map((id) => (String(id).startsWith("gid://") ? String(id) : shopifyGid("Order", String(id))));

/** Emails are compared lower-cased (stored so, see variant-sync): portable, unlike LIKE's case rules. */
const emailOf = (payload: CustomerRequest) => payload.customer?.email?.trim().toLowerCase() || null;

function customerLines(shop: string, email: string | null, orderIds: string[]) {
  const or = [...(email ? [{ customerEmail: email }] : []), ...(orderIds.length > 0 ? [{ orderId: { in: orderIds } }] : [])];
  return or.length === 0 ? null : { shop, OR: or };
}

const REDACTED_PAYLOAD = JSON.stringify({ redacted: true });
const SCAN_BATCH = 200;

/** customers/redact: forget the customer's name, email and language everywhere the app kept them. */
export async function redactCustomer(db: PrismaClient, shop: string, payload: CustomerRequest, source: string): Promise<void> {
  const email = emailOf(payload);
  const orderIds = orderGids(payload.orders_to_redact);
  const customerId = payload.customer?.id ? shopifyGid("Customer", String(payload.customer.id)) : null;
  const where = customerLines(shop, email, orderIds);
  // The names to look for elsewhere are the ones stored with the customer's lines.
  const named = where ? await db.backorderLine.findMany({ where, select: { customerName: true } }) : [];
  const person: Person = { email, names: new Set(named.flatMap((line) => (line.customerName?.trim() ? [line.customerName.trim().toLowerCase()] : []))) };
  const lines = where ? await db.backorderLine.updateMany({ where, data: { customerEmail: null, customerName: null, customerLocale: null } }) : { count: 0 };
  const answers = await redactDataRequestAnswers(db, shop, { customerId, orderIds, person });
  const payloads = await redactStoredPayloads(db, shop, { customerId: payload.customer?.id ?? null, orderIds, person });
  await logActivity(db, shop, source, {
    kind: "compliance.customer_redact",
    subject: customerId ?? "customer",
    message: `Customer data redacted: back-order lines ${lines.count}, data request answers ${answers}, stored webhook payloads ${payloads}`,
    details: { lines: lines.count, answers, payloads },
  });
}

/** Lower-cased. A text names the person when it contains the email or is one of the names (a short name inside other words is not them). */
interface Person {
  email: string | null;
  names: ReadonlySet<string>;
}

const namesPerson = (text: string, person: Person) => {
  const lower = text.toLowerCase();
  return (person.email !== null && lower.includes(person.email)) || person.names.has(lower.trim());
};

/** Whether any text in a JSON value names the person. */
function mentionsPerson(value: unknown, person: Person): boolean {
  if (typeof value === "string") return namesPerson(value, person);
  if (Array.isArray(value)) return value.some((item) => mentionsPerson(item, person));
  if (value && typeof value === "object") return Object.values(value).some((item) => mentionsPerson(item, person));
  return false;
}

interface Needles {
  customerId: string | null;
  orderIds: readonly string[];
  person: Person;
}

/** The answers to the customer's earlier data requests name them: keep what was sent, without the person. */
async function redactDataRequestAnswers(db: PrismaClient, shop: string, needles: Needles): Promise<number> {
  const answers = await db.activity.findMany({ where: { shop, kind: "compliance.data_request" }, select: { id: true, subject: true, details: true } });
  let redacted = 0;
  for (const answer of answers) {
    const isTheirs = answer.subject === needles.customerId;
    const lines = JSON.parse(answer.details ?? "[]") as Record<string, unknown>[];
    const aboutThem = (line: Record<string, unknown>) => isTheirs || needles.orderIds.includes(String(line.orderId)) || mentionsPerson(line, needles.person);
    if (!lines.some(aboutThem)) continue;
    const details = lines.map((line) => (aboutThem(line) ? { ...line, customerName: null, customerEmail: null, customerLocale: null } : line));
    await db.activity.update({ where: { id: answer.id }, data: { details: JSON.stringify(details) } });
    redacted++;
  }
  return redacted;
}

/**
 * Inbox payloads carry customer details too (orders, and the privacy webhooks' own). A processed
 * one is only kept for the record, so it is replaced whole; one still waiting keeps its ids (its
 * job needs them) and loses every text that names the customer. Matched here, not in SQL, so
 * case does not matter on any database; read in batches so memory stays small.
 */
async function redactStoredPayloads(db: PrismaClient, shop: string, needles: { customerId: number | null; orderIds: readonly string[]; person: Person }): Promise<number> {
  const orderNumbers = new Set(needles.orderIds.map(numericIdOf));
  let redacted = 0;
  let cursor: string | undefined;
  for (;;) {
    const batch = await db.webhookDelivery.findMany({
      where: { shop, payload: { not: REDACTED_PAYLOAD }, ...(cursor ? { webhookId: { gt: cursor } } : {}) },
      select: { webhookId: true, payload: true, status: true },
      orderBy: { webhookId: "asc" },
      take: SCAN_BATCH,
    });
    for (const delivery of batch) {
      const parsed = (JSON.parse(delivery.payload) ?? {}) as { id?: unknown; customer?: { id?: unknown } | null };
      const aboutThem =
        mentionsPerson(parsed, needles.person) ||
        (needles.customerId !== null && parsed.customer?.id === needles.customerId) ||
        (parsed.id !== undefined && orderNumbers.has(String(parsed.id)));
      if (!aboutThem) continue;
      const payload = delivery.status === "processed" ? REDACTED_PAYLOAD : JSON.stringify(withoutPersonalText(parsed, needles.person));
      await db.webhookDelivery.update({ where: { webhookId: delivery.webhookId }, data: { payload } });
      redacted++;
    }
    if (batch.length < SCAN_BATCH) return redacted;
    cursor = batch.at(-1)!.webhookId;
  }
}

/** A copy of a JSON value in which every text naming the customer is null. */
function withoutPersonalText(value: unknown, person: Person): unknown {
  if (typeof value === "string") return namesPerson(value, person) ? null : value;
  if (Array.isArray(value)) return value.map((item) => withoutPersonalText(item, person));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutPersonalText(item, person)]));
  return value;
}

/** customers/data_request: the stored data, recorded for the merchant to send to the customer. */
export async function answerDataRequest(db: PrismaClient, shop: string, payload: CustomerRequest, source: string): Promise<void> {
  const where = customerLines(shop, emailOf(payload), orderGids(payload.orders_requested));
  const lines = where ? await db.backorderLine.findMany({ where, orderBy: { orderedAt: "asc" } }) : [];
  await logActivity(db, shop, source, {
    kind: "compliance.data_request",
    subject: payload.customer?.id ? shopifyGid("Customer", String(payload.customer.id)) : "customer",
    message: `Customer data request: back-order lines stored ${lines.length}`,
    details: lines.map((line) => ({
      order: line.orderName,
      orderId: line.orderId,
      orderedAt: line.orderedAt.toISOString(),
      variantId: line.variantId,
      quantity: line.quantity,
      state: line.state,
      shipsOn: line.shipsOn,
      customerName: line.customerName,
      customerEmail: line.customerEmail,
      customerLocale: line.customerLocale,
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
  await db.notifiedOrder.deleteMany({ where: { shop } });
  await db.bulkOperationRun.deleteMany({ where: { shop } });
  await db.appHold.deleteMany({ where: { shop } });
  await db.supplyLine.deleteMany({ where: { shop } });
  await db.promiseChange.deleteMany({ where: { shop } });
  await db.noticeOutbox.deleteMany({ where: { shop } });
  await db.noticeTemplate.deleteMany({ where: { shop } });
  await db.flowTrigger.deleteMany({ where: { shop } });
  await db.flowWorkflowState.deleteMany({ where: { shop } });
  await db.shopSettings.deleteMany({ where: { shop } });
  await db.session.deleteMany({ where: { shop } });
  await db.job.deleteMany({ where: { shop, status: { not: "running" } } });
  await db.webhookDelivery.deleteMany({ where: { shop } });
}
