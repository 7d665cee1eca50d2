/**
 * What the merchant does to the queue by hand on Orders waiting: release an
 * order to ship it now, or cancel the back-ordered units of one line. Both take
 * lines out of the queue for good (`merchantAction`); the order's own sync then
 * releases its holds, so a crash part-way is finished by the next sync.
 */
import type { Prisma, PrismaClient } from "@prisma/client";
import { BEGIN_ORDER_EDIT, COMMIT_ORDER_EDIT, SET_ORDER_EDIT_QUANTITY } from "../graphql/order-edits";
import { enqueueJob } from "../jobs/job-queue.server";
import { logActivity } from "./activity.server";
import type { EngineContext } from "./context.server";
import { assertNoUserErrors } from "./user-errors.server";
import { syncVariant } from "./variant-sync.server";
import { plural } from "../i18n/format";
import { numericIdOf } from "../shopify/ids";

const waiting = (shop: string): Prisma.BackorderLineWhereInput => ({ shop, state: "waiting", merchantAction: null, waitingUnits: { gt: 0 } });

/** Marks lines as out of the queue; they stay "waiting" until their order's sync has released them. */
async function takeOutOfQueue(db: PrismaClient, where: Prisma.BackorderLineWhereInput, action: "released" | "cancelled"): Promise<void> {
  await db.backorderLine.updateMany({ where, data: { merchantAction: action, merchantActionAt: new Date(), waitingUnits: 0, queuePosition: null } });
}

async function resyncAfter(db: PrismaClient, shop: string, orderId: string, variantIds: readonly string[]): Promise<void> {
  await enqueueJob(db, { shop, kind: "sync-order", subject: orderId }, { source: "merchant" });
  // The units the order no longer takes fall to the next lines in each queue.
  for (const variantId of variantIds) await enqueueJob(db, { shop, kind: "sync-variant", subject: variantId }, { source: "merchant" });
}

export type ReleaseResult = { ok: true; orderName: string; units: number } | { ok: false; status: 404 };

/**
 * "Release now": the merchant ships the order without waiting for its turn.
 * Its holds are released (never fulfilled by the app, even in hold-and-fulfil
 * mode) and its lines leave the queue, so the next orders move up.
 */
export async function releaseOrderNow(db: PrismaClient, shop: string, orderId: string): Promise<ReleaseResult> {
  const lines = await db.backorderLine.findMany({ where: { ...waiting(shop), orderId } });
  if (lines.length === 0) return { ok: false, status: 404 };
  await takeOutOfQueue(db, { ...waiting(shop), orderId }, "released");
  const units = lines.reduce((sum, line) => sum + line.waitingUnits, 0);
  const orderName = lines[0]!.orderName;
  await logActivity(db, shop, "merchant", {
    kind: "order.released_by_merchant",
    subject: orderId,
    message: `${orderName}: released by the merchant (units still waiting: ${units}); it left the queue`,
    details: { orderName, lines: lines.map((line) => ({ lineItemId: line.lineItemId, variantId: line.variantId, waitingUnits: line.waitingUnits })) },
  });
  await resyncAfter(db, shop, orderId, [...new Set(lines.map((line) => line.variantId))]);
  return { ok: true, orderName, units };
}

/** What the order owes the customer after the edit (Shopify's outstanding total, negative when a refund is due). */
export type RefundDue = { amount: string; currencyCode: string } | null;

export type CancelResult =
  | { ok: true; orderName: string; units: number; refundDue: RefundDue }
  | { ok: false; status: 404 }
  | { ok: false; status: 409; reason: "nothing_waiting" | "line_not_editable"; orderName: string };


/**
 * "Cancel back-order": removes the line's waiting units from the order with
 * an order edit, so the customer is no longer owed them (Shopify shows the
 * refund due). The variant is re-read first and only what still waits is
 * removed: pressing it twice, or again after a crash, removes nothing more.
 */
export async function cancelLineBackorder(
  ctx: EngineContext,
  line: { lineItemId: string; locationId: string },
  options: { notifyCustomer: boolean; by?: "merchant" | "customer" },
): Promise<CancelResult> {
  const byCustomer = options.by === "customer";
  const { db, shop } = ctx;
  const key = { shop_lineItemId_locationId: { shop, lineItemId: line.lineItemId, locationId: line.locationId } };
  const before = await db.backorderLine.findUnique({ where: key });
  if (!before || before.state !== "waiting" || before.merchantAction !== null) return { ok: false, status: 404 };
  await syncVariant(ctx, before.variantId);
  const current = await db.backorderLine.findUnique({ where: key });
  if (!current || current.state !== "waiting" || current.waitingUnits === 0) return { ok: false, status: 409, reason: "nothing_waiting", orderName: before.orderName };

  const begun = (await ctx.admin.request(BEGIN_ORDER_EDIT, { id: current.orderId })).orderEditBegin;
  assertNoUserErrors("orderEditBegin", begun?.userErrors);
  // A calculated line item carries the number of the order's line item.
  const edited = begun?.calculatedOrder?.lineItems.nodes.find((item) => numericIdOf(item.id) === numericIdOf(current.lineItemId));
  const session = begun?.orderEditSession?.id ?? begun?.calculatedOrder?.id;
  if (!edited || !session || edited.editableQuantity < current.waitingUnits) {
    return { ok: false, status: 409, reason: "line_not_editable", orderName: current.orderName };
  }
  const set = (await ctx.admin.request(SET_ORDER_EDIT_QUANTITY, { id: session, lineItemId: edited.id, quantity: edited.quantity - current.waitingUnits })).orderEditSetQuantity;
  assertNoUserErrors("orderEditSetQuantity", set?.userErrors);
  const staffNote = `Backorder Manager: removed ${plural(current.waitingUnits, { one: "# back-ordered unit", other: "# back-ordered units" })} at the ${byCustomer ? "customer's request (cancel link)" : "merchant's request"}.`;
  const committed = (await ctx.admin.request(COMMIT_ORDER_EDIT, { id: session, notifyCustomer: options.notifyCustomer, staffNote })).orderEditCommit;
  assertNoUserErrors("orderEditCommit", committed?.userErrors);

  await takeOutOfQueue(db, { shop, lineItemId: line.lineItemId, locationId: line.locationId }, "cancelled");
  const outstanding = set?.calculatedOrder?.totalOutstandingSet.shopMoney;
  const refundDue = outstanding ? { amount: outstanding.amount as string, currencyCode: outstanding.currencyCode as string } : null;
  const facts = { orderName: current.orderName, lineItemId: current.lineItemId, variantId: current.variantId, units: current.waitingUnits, notifyCustomer: options.notifyCustomer };
  await ctx.log(
    byCustomer
      ? { kind: "line.cancelled_by_customer", subject: current.orderId, message: `The customer cancelled the back-ordered items of ${current.orderName} from the link in their email (${current.waitingUnits})`, details: facts }
      : {
          kind: "line.cancelled_by_merchant",
          subject: current.orderId,
          message: `${current.orderName}: back-ordered units removed from the order by the merchant (${current.waitingUnits})${options.notifyCustomer ? "; customer notified" : ""}`,
          details: facts,
        },
  );
  await resyncAfter(db, shop, current.orderId, [current.variantId]);
  return { ok: true, orderName: current.orderName, units: current.waitingUnits, refundDue };
}
