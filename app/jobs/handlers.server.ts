/** What each kind of job does. Every handler is safe to run again. */
import type { Job } from "@prisma/client";
import type { EngineContext } from "../engine/context.server";
import { finishBulkOperation, pollBulkOperation, startBulkRelease } from "../engine/bulk-release.server";
import { answerDataRequest, redactCustomer, redactShop } from "../engine/compliance.server";
import { isOwnEcho, isRoutineUpdate, isStale, routeDelivery } from "../engine/delivery-routing";
import { INVENTORY_ITEM_VARIANT_QUERY } from "../graphql/inventory";
import { readOrderVariantIds } from "../engine/order-reader.server";
import { writeOrders } from "../engine/order-batches.server";
import { syncOrder } from "../engine/order-sync.server";
import { reconcileShop } from "../engine/reconcile.server";
import { forgetVariants } from "../engine/variant-facts.server";
import { rememberNotifiedOrder, variantsAwaitingRouting } from "../engine/notified-orders.server";
import { syncVariant } from "../engine/variant-sync.server";
import { syncSupplyAndVariants } from "../engine/supply.server";
import { sendFlowTriggers } from "../engine/flow-triggers.server";
import { finishedBulkOperation } from "../shopify/bulk-operations.server";
import { sendPendingNotices } from "../notices/send.server";

export const JOB_KINDS = ["delivery", "sync-variant", "recheck-variant", "sync-order", "write-orders", "expand-order", "reconcile", "bulk-operation-finished", "sync-supply", "send-notices", "bulk-release", "bulk-operation-poll", "send-flow-triggers"] as const;
export type JobKind = (typeof JOB_KINDS)[number];

const ROUTINE_UPDATE_DELAY_MS = 1500;

/** Jobs that need no Admin API access, so they run for uninstalled shops too. */
export const OFFLINE_JOB_KINDS: ReadonlySet<string> = new Set(["delivery"]);

export async function runJob(ctx: EngineContext, job: Job): Promise<void> {
  switch (job.kind as JobKind) {
    case "delivery":
      return handleDelivery(ctx, job.subject);
    case "sync-variant":
      return syncVariant(ctx, job.subject);
    case "recheck-variant":
      return syncVariant(ctx, job.subject, { afterSearchCaughtUp: true });
    case "sync-order":
      return syncOrder(ctx, job.subject);
    case "write-orders":
      return writeOrders(ctx, job.subject);
    case "expand-order":
      return expandOrder(ctx, job.subject);
    case "reconcile":
      return reconcileShop(ctx);
    case "bulk-operation-finished":
      return finishBulkOperation(ctx, job.subject);
    case "sync-supply":
      return syncSupplyAndVariants(ctx, job.subject);
    case "send-notices":
      return sendPendingNotices(ctx);
    case "bulk-release":
      return startBulkRelease(ctx);
    case "bulk-operation-poll":
      return pollBulkOperation(ctx, job.subject);
    case "send-flow-triggers":
      return sendFlowTriggers(ctx);
    default:
      throw new Error(`Unknown job kind ${job.kind}`);
  }
}

async function handleDelivery(ctx: EngineContext, webhookId: string): Promise<void> {
  const { db, shop } = ctx;
  const delivery = await db.webhookDelivery.findUnique({ where: { webhookId } });
  if (!delivery || delivery.status === "processed") return;
  const payload = JSON.parse(delivery.payload) as Record<string, unknown>;
  switch (delivery.topic) {
    case "app/uninstalled":
      await db.shopSettings.updateMany({ where: { shop }, data: { uninstalledAt: delivery.triggeredAt ?? new Date() } });
      await db.job.deleteMany({ where: { shop, status: "pending", kind: { not: "delivery" } } });
      break;
    case "shop/redact":
      await redactShop(db, shop);
      return;
    case "customers/redact":
      await redactCustomer(db, shop, payload, webhookId);
      break;
    case "customers/data_request":
      await answerDataRequest(db, shop, payload, webhookId);
      break;
    case "bulk_operations/finish": {
      const operationId = finishedBulkOperation(payload)?.id;
      if (operationId && !ctx.settings.uninstalledAt && (await isInstalled(ctx))) await ctx.enqueue({ kind: "bulk-operation-finished", subject: operationId });
      break;
    }
    default:
      // After an uninstall nothing may call Shopify for the shop; the delivery is kept for the record.
      // Before the first install there is no token to call it with: the install's reconciliation
      // reads everything this delivery could have pointed at.
      if (!ctx.settings.uninstalledAt && (await isInstalled(ctx))) await enqueueRoute(ctx, routeDelivery(delivery.topic, payload));
  }
  // Raw: one statement, where updateMany would wrap it in a transaction of its own.
  await db.$executeRaw`UPDATE "WebhookDelivery" SET "status" = 'processed', "processedAt" = ${new Date()} WHERE "webhookId" = ${webhookId}`;
}

/** Installed: the merchant has opened the app, so it holds the shop's offline session. */
async function isInstalled(ctx: EngineContext): Promise<boolean> {
  return (await ctx.db.session.count({ where: { shop: ctx.shop, isOnline: false } })) > 0;
}

async function enqueueRoute(ctx: EngineContext, route: ReturnType<typeof routeDelivery>): Promise<void> {
  const { db, shop } = ctx;
  const variants = new Set(route.variants);
  if (route.updatedOrder) {
    const written = await db.backorderLine.findFirst({ where: { shop, orderId: route.updatedOrder }, orderBy: { orderUpdatedAt: { sort: "desc", nulls: "last" } }, select: { orderUpdatedAt: true } });
    // Our own tag change coming back: the sync that made it already knows.
    if (isOwnEcho(route.changedAt, written?.orderUpdatedAt)) route.variantsIfManaged = [];
  }
  const managed = await managedAmong(ctx, route.variantsIfManaged.filter((variantId) => !variants.has(variantId)));
  if (route.changedOrder && managed.length > 0) {
    const waiting = await db.backorderLine.findMany({ where: { shop, orderId: route.changedOrder, variantId: { in: managed }, state: "waiting" }, select: { lineItemId: true, quantity: true } });
    if (isRoutineUpdate(route, waiting)) managed.length = 0;
    // The syncs read the changed order by id; every other waiting order stands as stored.
    else await rememberNotifiedOrder(ctx, route.changedOrder, managed);
  }
  // Order updates come in bursts: one sync a moment later covers them all.
  for (const variantId of managed) await ctx.enqueue({ kind: "sync-variant", subject: variantId }, { delayMs: ROUTINE_UPDATE_DELAY_MS });
  for (const itemId of route.inventoryItems) {
    const tracked = await db.trackedVariant.findFirst({ where: { shop, inventoryItemId: itemId } });
    if (isStale(route.changedAt, tracked?.levelsUpdatedAt)) continue;
    const variantId = tracked?.variantId ?? (await ctx.admin.request(INVENTORY_ITEM_VARIANT_QUERY, { id: itemId })).inventoryItem?.variant.id;
    if (variantId) variants.add(variantId);
  }
  // Before the syncs: they read the announced order by id while order search does not show it yet.
  if (route.createdOrder) await rememberNotifiedOrder(ctx, route.createdOrder, route.variants);
  for (const variantId of variants) await ctx.enqueue({ kind: "sync-variant", subject: variantId });
  for (const id of route.orders) await ctx.enqueue({ kind: "expand-order", subject: id });
  for (const id of route.transfers) await ctx.enqueue({ kind: "sync-supply", subject: id });
  if (route.fulfillmentOrders.length > 0) await afterRouting(ctx);
  for (const orderId of await ordersHeldIn(ctx, route.releasedHoldsOn)) await ctx.enqueue({ kind: "sync-order", subject: orderId });
  if (route.deletedProduct) await forgetVariants(db, shop, { productId: route.deletedProduct });
}

/**
 * Orders with lines waiting in these fulfillment orders: once another hold is gone, their own sync
 * carries on (in ship-in-stock-first mode the lines in stock split off and ship; a merchant's release is seen at once).
 */
async function ordersHeldIn(ctx: EngineContext, fulfillmentOrderIds: readonly string[]): Promise<string[]> {
  const orders = new Set<string>();
  for (const id of fulfillmentOrderIds) {
    const lines = await ctx.db.backorderLine.findMany({
      where: { shop: ctx.shop, state: "waiting", OR: [{ fulfillmentOrderId: id }, { heldIn: { contains: id } }] },
      select: { orderId: true, fulfillmentOrderId: true, heldIn: true },
    });
    // `contains` also matches a longer id with the same start: compare whole ids.
    for (const line of lines) if (line.fulfillmentOrderId === id || line.heldIn?.split(" ").includes(id)) orders.add(line.orderId);
  }
  return [...orders];
}

/** Variants the app is acting on: out of stock in scope, or with someone waiting. */
async function managedAmong(ctx: EngineContext, variantIds: readonly string[]): Promise<string[]> {
  if (variantIds.length === 0) return [];
  const { db, shop } = ctx;
  const [tracked, waiting] = await Promise.all([
    db.trackedVariant.findMany({ where: { shop, variantId: { in: [...variantIds] }, status: { in: ["backorder", "sold_out"] } }, select: { variantId: true } }),
    db.backorderLine.findMany({ where: { shop, variantId: { in: [...variantIds] }, state: "waiting" }, select: { variantId: true } }),
  ]);
  return [...new Set([...tracked, ...waiting].map((row) => row.variantId))];
}

/**
 * A webhook named an order but not its lines: sync the managed variants in it; the syncs read the
 * order by id, as its stored lines may no longer be what it owes (an edit).
 */
async function expandOrder(ctx: EngineContext, orderId: string): Promise<void> {
  const managed = await managedAmong(ctx, await readOrderVariantIds(ctx, orderId));
  await rememberNotifiedOrder(ctx, orderId, managed);
  for (const variantId of managed) await ctx.enqueue({ kind: "sync-variant", subject: variantId });
}

/**
 * Shopify routed an order. Only announced orders the syncs found not routed yet wait for it: their
 * variants are synced again, with no read of the fulfillment order (the webhook names nothing
 * else). Any other order is decided by its own webhook's sync, or, were that lost, by the look
 * again that units waiting unexplained bring.
 */
async function afterRouting(ctx: EngineContext): Promise<void> {
  for (const variantId of await variantsAwaitingRouting(ctx)) await ctx.enqueue({ kind: "sync-variant", subject: variantId });
}
