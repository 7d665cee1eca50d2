/**
 * The send-notices job: sends the shop's pending outbox rows through SMTP, one at a time, and marks
 * each sent. A failure leaves the row pending and fails the job, which the job queue retries with
 * backoff; Activity says so in words. A crash after the SMTP server accepted a message and before
 * its row is marked sent sends that one message again on the retry: at most one duplicate each.
 */
import nodemailer, { type Transporter } from "nodemailer";
import type { BackorderLine, NoticeOutbox } from "@prisma/client";
import { noticeLocaleOf, type NoticeKind } from "../domain/notices";
import type { EngineContext } from "../engine/context.server";
import { NOTICE_ORDER_QUERY } from "../graphql/notices";
import { cancelLinkFor } from "../engine/customer-cancel.server";
import { noticeMailConfig } from "./config.server";
import { noticeTemplatesOf } from "./settings.server";
import { renderNotice } from "./templates";
import { SEND_NOTICES_JOB } from "./outbox.server";
import { strings } from "../i18n/strings";
import { AdminApiError } from "../shopify/admin-client.server";
import type { NoticeOrderQuery } from "../types/admin.generated";
import { numericIdOf } from "../shopify/ids";

/** Rows one job sends before it asks for another, so one job never runs for long. */
const ROWS_PER_JOB = 25;

const transports = new Map<string, Transporter>();
function transportFor(smtpUrl: string): Transporter {
  let transport = transports.get(smtpUrl);
  if (!transport) transports.set(smtpUrl, (transport = nodemailer.createTransport(smtpUrl)));
  return transport;
}

export async function sendPendingNotices(ctx: EngineContext): Promise<void> {
  const config = noticeMailConfig();
  if (!config.ok) return;
  const rows = await ctx.db.noticeOutbox.findMany({ where: { shop: ctx.shop, status: "pending" }, orderBy: { createdAt: "asc" }, take: ROWS_PER_JOB });
  for (const row of rows) await sendOne(ctx, row, config);
  if (rows.length === ROWS_PER_JOB) await ctx.enqueue(SEND_NOTICES_JOB);
}

const keyOf = (row: NoticeOutbox) => ({ shop_lineItemId_kind_shipsOn: { shop: row.shop, lineItemId: row.lineItemId, kind: row.kind, shipsOn: row.shipsOn } });

async function sendOne(ctx: EngineContext, row: NoticeOutbox, config: { smtpUrl: string; fromAddress: string }): Promise<void> {
  const { db, shop } = ctx;
  const kind = row.kind as NoticeKind;
  const words = strings.notices.activity;
  const line = await db.backorderLine.findFirst({ where: { shop, lineItemId: row.lineItemId }, orderBy: { updatedAt: "desc" } });
  const orderName = line?.orderName ?? row.orderId;
  // Told in Activity only when the merchant may want to act (an order without an address), not for
  // every email they turned off or every line that shipped before its email went.
  const skip = async (why: string, tell: boolean) => {
    await db.noticeOutbox.update({ where: keyOf(row), data: { status: "skipped", lastError: why } });
    if (tell) await ctx.log({ kind: "notice.skipped", subject: row.orderId, message: words.skipped(kind, orderName, why), details: { orderName, notice: kind, why } });
  };
  const templates = await noticeTemplatesOf(db, shop, kind);
  if (!templates.enabled) return skip(words.whyOff, false);
  // Old news is not sent: the line shipped, was cancelled or no longer waits.
  if (!line || line.state !== "waiting" || line.waitingUnits === 0) return skip(words.whyNotWaiting, false);
  const facts = await noticeFactsOf(ctx, line);
  const to = facts.to;
  if (!to) return skip(words.whyNoAddress, true);
  const waitingInOrder = await db.backorderLine.aggregate({ where: { shop, orderId: row.orderId, state: "waiting" }, _sum: { waitingUnits: true } });
  const { shopName } = facts;
  const locale = noticeLocaleOf(facts.locale);
  const rendered = await renderNotice(templates, {
    kind,
    locale,
    facts: { customerName: facts.customerName, orderName: facts.orderName, title: await titleOf(ctx, line.variantId), units: line.waitingUnits, shopName },
    shipsOn: row.shipsOn || null,
    previousShipsOn: row.previousShipsOn,
    reason: row.reason,
    shipsRestNow: ctx.settings.fulfilmentMode === "ship_available_first" && facts.orderUnits > (waitingInOrder._sum.waitingUnits ?? 0),
    // The cancel page speaks the email's language.
    cancelUrl: kind === "new_date" ? await cancelLinkFor({ shop, lineItemId: row.lineItemId, locale }) : null,
  });
  try {
    await transportFor(config.smtpUrl).sendMail({
      from: { name: shopName, address: config.fromAddress },
      to,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      // The same id on a resend after a crash, so a mail client can tell it is the same message.
      messageId: `<${kind}.${numericIdOf(row.lineItemId)}.${row.shipsOn || "undated"}@${shop}>`,
      headers: { "X-Backorder-Notice": kind },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db.noticeOutbox.update({ where: keyOf(row), data: { attempts: { increment: 1 }, lastError: message } });
    // Once per notice, not on every retry: the job's own dead letter says when it gives up.
    if (row.attempts === 0) await ctx.log({ kind: "notice.failed", subject: row.orderId, message: words.failed(kind, orderName), details: { orderName, notice: kind, error: message } });
    throw error;
  }
  await db.noticeOutbox.update({ where: keyOf(row), data: { status: "sent", sentAt: new Date(), attempts: { increment: 1 }, lastError: null } });
  await ctx.log({ kind: "notice.sent", subject: row.orderId, message: words.sent(kind, orderName, row.attempts + 1), details: { orderName, notice: kind, attempts: row.attempts + 1 } });
}

interface NoticeFacts {
  to: string | null;
  locale: string | null;
  customerName: string | null;
  orderName: string;
  /** The order's units, against those waiting: the rest ships now when it has more. */
  orderUnits: number;
  shopName: string;
}

/**
 * What the email needs, from what the app stored when the line started waiting and at the full
 * sync, so sending reads nothing. Read from Shopify only when some is missing: lines stored before
 * the app kept these, an address Shopify refused, a shop not synced since.
 */
async function noticeFactsOf(ctx: EngineContext, line: BackorderLine): Promise<NoticeFacts> {
  const shopName = ctx.settings.shopName;
  if (line.customerEmail && line.orderUnits !== null && shopName) {
    return { to: line.customerEmail, locale: line.customerLocale, customerName: line.customerName, orderName: line.orderName, orderUnits: line.orderUnits, shopName };
  }
  const { shop, order } = await readNoticeOrder(ctx, line.orderId);
  return {
    to: order?.email ?? line.customerEmail,
    locale: order?.customerLocale ?? null,
    customerName: order?.customer?.displayName ?? line.customerName,
    orderName: order?.name ?? line.orderName,
    orderUnits: order?.currentSubtotalLineItemsQuantity ?? 0,
    shopName: shop.name,
  };
}

/**
 * The order as the notice needs it. Shopify refuses the customer's email and name (a GraphQL error)
 * to an app without protected customer data approval: then read without them, and the address the
 * app stored, if any, is used.
 */
async function readNoticeOrder(ctx: EngineContext, orderId: string): Promise<NoticeOrderQuery> {
  try {
    return await ctx.admin.request(NOTICE_ORDER_QUERY, { id: orderId, withCustomer: true });
  } catch (error) {
    if (!(error instanceof AdminApiError) || error.kind !== "graphql") throw error;
    return ctx.admin.request(NOTICE_ORDER_QUERY, { id: orderId, withCustomer: false });
  }
}

async function titleOf(ctx: EngineContext, variantId: string): Promise<string> {
  const variant = await ctx.db.trackedVariant.findUnique({ where: { shop_variantId: { shop: ctx.shop, variantId } }, select: { title: true } });
  return variant?.title ?? "";
}
