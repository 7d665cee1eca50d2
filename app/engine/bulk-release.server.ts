/**
 * A large release as one bulk mutation (https://shopify.dev/docs/api/usage/bulk-operations/imports):
 * one `fulfillmentOrderReleaseHold` per line (a bulk mutation runs one top-level field per line,
 * and Shopify has no plural release), outside the shop's rate-limit budget. The decision marks the
 * holds (`AppHold.bulkRelease`), so no batch or full sync writes those orders until the results are
 * recorded. When the operation ends (`bulk_operations/finish`, or a poll of `bulkOperation(id:)`
 * should that webhook be lost), each order whose holds were all released is recorded once (holds
 * forgotten, lines released, activity logged), in the transaction that takes its marks; any other
 * goes to its full sync (`sync-order`), which reads what landed. Then its tag and ship date follow:
 * `tagsRemove` as a second bulk mutation, `metafieldsDelete` for 250 orders a call.
 *
 * Exactly once: Shopify releases a hold id once (a second release of it is a userError); a crash
 * before the operation is recorded leaves the holds "pending", the rerun starts a new operation
 * whose lines for holds already gone are refused and read by the full sync; a crash while recording
 * leaves the rest of the marks, so a rerun (or a duplicate finish) records only those.
 */
import type { BulkOperationRun, PrismaClient } from "@prisma/client";
import { chunksOf } from "../db-chunks.server";
import { BACKORDER_TAG } from "../domain/hold-plan";
import { RELEASE_HOLD_IN_BULK } from "../graphql/bulk-operations";
import { REMOVE_TAGS } from "../graphql/mutations";
import { ALIAS_POINTS, AliasedMutation, DOCUMENT_POINTS, METAFIELDS_PER_DELETE } from "../graphql/order-batches";
import { enqueueJob } from "../jobs/job-queue.server";
import { BulkOperationRefused, bulkMutationResults, startBulkMutation, type BulkOperationStatus } from "../shopify/bulk-operations.server";
import { activityLogger } from "./context.server";
import type { EngineContext } from "./context.server";
import { recordBulkOperationEnd, startRecordedBulkMutation } from "./bulk-operations.server";
import { PENDING_BULK_RELEASE } from "./bulk-release-marks.server";
import { enqueueWriteBatches, recordRelease, shipsOnField } from "./order-batches.server";

const RELEASE = "release";
const TIDY = "release-tidy";
/** Bulk operations an app may run at once per shop, from API 2026-01 (changelog "Faster bulk operations", 2025-12-15). */
const MAX_CONCURRENT_BULK_OPERATIONS = 5;
/** Shopify ends a bulk operation that ran 24 hours; a record older than that no longer takes a slot. */
const OPERATION_LIFETIME_MS = 24 * 3600 * 1000;
/** Orders recorded per transaction. */
const ORDERS_PER_TRANSACTION = 50;

/** How long after the start, and between looks, the app asks Shopify whether an operation ended, should its finish webhook be lost. */
const pollMs = () => Number(process.env.BACKORDER_BULK_POLL_MS) || 120_000;

interface ReleasePayload {
  fulfillmentOrder?: { id: string; order?: { id: string } | null } | null;
  userErrors?: readonly unknown[] | null;
}

/** The `bulk-release` job: one bulk mutation for every hold the decisions left pending. */
export async function startBulkRelease(ctx: EngineContext): Promise<void> {
  const { db, shop } = ctx;
  const holds = await db.appHold.findMany({ where: { shop, bulkRelease: PENDING_BULK_RELEASE }, orderBy: { fulfillmentOrderId: "asc" } });
  if (holds.length === 0) return;
  const running = await db.bulkOperationRun.count({ where: { shop, finishedAt: null, createdAt: { gt: new Date(Date.now() - OPERATION_LIFETIME_MS) } } });
  const operationId = running < MAX_CONCURRENT_BULK_OPERATIONS ? await startUnlessLimitReached(ctx, holds) : null;
  const ids = holds.map((hold) => hold.fulfillmentOrderId);
  if (!operationId) {
    // Five already run: the release goes now, in batches, rather than wait for a slot.
    for (const chunk of chunksOf(ids)) await db.appHold.updateMany({ where: { shop, fulfillmentOrderId: { in: chunk }, bulkRelease: PENDING_BULK_RELEASE }, data: { bulkRelease: null } });
    await enqueueWriteBatches(ctx, [...new Set(holds.map((hold) => hold.orderId))]);
    return;
  }
  // The record, the marks and the first look together: a finish seen before them finds no release
  // to record (the look records it), one seen after finds every hold it released.
  await db.$transaction(
    async (tx) => {
      await tx.bulkOperationRun.upsert({ where: { operationId }, create: { operationId, shop, purpose: RELEASE, lines: holds.length, status: "CREATED" }, update: { purpose: RELEASE, lines: holds.length } });
      for (const chunk of chunksOf(ids)) await tx.appHold.updateMany({ where: { shop, fulfillmentOrderId: { in: chunk }, bulkRelease: PENDING_BULK_RELEASE }, data: { bulkRelease: operationId } });
      await pollLater(inTransaction(ctx, tx as unknown as PrismaClient), operationId, 1);
    },
    { timeout: 60_000 },
  );
}

async function startUnlessLimitReached(ctx: EngineContext, holds: readonly { fulfillmentOrderId: string; holdId: string }[]): Promise<string | null> {
  try {
    return await startBulkMutation(ctx.admin, RELEASE_HOLD_IN_BULK, holds.map((hold) => ({ id: hold.fulfillmentOrderId, holdIds: [hold.holdId] })));
  } catch (error) {
    if (error instanceof BulkOperationRefused && error.code === "LIMIT_REACHED") return null;
    throw error;
  }
}

function pollLater(ctx: EngineContext, operationId: string, look: number): Promise<void> {
  return ctx.enqueue({ kind: "bulk-operation-poll", subject: `${operationId} ${look}` }, { delayMs: pollMs() });
}

/** The `bulk-operation-poll` job (`subject`: the operation's id and the look's number): finishes it, or looks again later. */
export async function pollBulkOperation(ctx: EngineContext, subject: string): Promise<void> {
  const [operationId, look] = subject.split(" ") as [string, string | undefined];
  await finishBulkOperation(ctx, operationId);
  const run = await ctx.db.bulkOperationRun.findUnique({ where: { operationId } });
  const looks = Number(look) || 1;
  if (run && !run.finishedAt && looks * pollMs() < OPERATION_LIFETIME_MS) await pollLater(ctx, operationId, looks + 1);
}

/**
 * The `bulk-operation-finished` job (and each poll): records how the operation ended, read from
 * Shopify, then what it did, once (`resultsReadAt`). A duplicate webhook finds it all done.
 */
export async function finishBulkOperation(ctx: EngineContext, operationId: string): Promise<void> {
  const { db } = ctx;
  let run = await db.bulkOperationRun.findUnique({ where: { operationId } });
  if (run?.resultsReadAt) return;
  if (!run?.finishedAt) {
    await recordBulkOperationEnd(ctx, operationId);
    run = await db.bulkOperationRun.findUnique({ where: { operationId } });
  }
  if (!run?.finishedAt) return;
  if (run.purpose === RELEASE) await recordBulkRelease(ctx, run);
  else if (run.purpose !== TIDY) return;
  await db.bulkOperationRun.update({ where: { operationId }, data: { resultsReadAt: new Date() } });
  // The finish webhook came: the looks still planned have nothing left to find.
  await db.job.deleteMany({ where: { shop: ctx.shop, kind: "bulk-operation-poll", status: "pending", subject: { startsWith: `${operationId} ` } } });
}

async function recordBulkRelease(ctx: EngineContext, run: BulkOperationRun): Promise<void> {
  const { db, shop } = ctx;
  const state = { id: run.operationId, status: run.status as BulkOperationStatus, errorCode: run.errorCode, objectCount: run.objectCount, url: run.url, partialDataUrl: run.partialDataUrl };
  // A line without a result did not run (the operation failed first): its order is read again.
  const releasedIn = new Map<string, string>();
  for (const result of (await bulkMutationResults(state)).values()) {
    const payload = result.data?.fulfillmentOrderReleaseHold as ReleasePayload | undefined;
    const orderId = payload?.fulfillmentOrder?.order?.id;
    if (payload?.fulfillmentOrder && orderId && (payload.userErrors?.length ?? 0) === 0) releasedIn.set(payload.fulfillmentOrder.id, orderId);
  }
  const holds = await db.appHold.findMany({ where: { shop, bulkRelease: run.operationId } });
  const byOrder = new Map<string, typeof holds>();
  for (const hold of holds) byOrder.set(hold.orderId, [...(byOrder.get(hold.orderId) ?? []), hold]);
  for (const orders of chunksOf([...byOrder], ORDERS_PER_TRANSACTION)) {
    await db.$transaction(
      async (tx) => {
        const txCtx = inTransaction(ctx, tx as unknown as PrismaClient);
        for (const [orderId, own] of orders) await recordOrder(txCtx, run.operationId, orderId, own, releasedIn);
      },
      { timeout: 60_000 },
    );
  }
  // From the results, not the marks: a rerun after a crash here still knows which orders they were.
  await tidyReleasedOrders(ctx, [...new Set(releasedIn.values())]);
}

/** The context's writes, activity and new jobs inside one transaction. */
function inTransaction(ctx: EngineContext, tx: PrismaClient): EngineContext {
  return {
    ...ctx,
    db: tx,
    log: activityLogger(tx, ctx.shop, ctx.source),
    enqueue: (key, options) => enqueueJob(tx, { shop: ctx.shop, ...key }, { ...(ctx.source ? { source: ctx.source } : {}), ...(options?.delayMs ? { runAfter: new Date(Date.now() + options.delayMs) } : {}) }),
  };
}

/** One order's part of the results, recorded only by whoever takes its marks. */
async function recordOrder(ctx: EngineContext, operationId: string, orderId: string, holds: readonly { fulfillmentOrderId: string; holdId: string }[], releasedIn: ReadonlyMap<string, string>): Promise<void> {
  const { db, shop } = ctx;
  const mine = { shop, orderId, bulkRelease: operationId };
  if (!holds.every((hold) => releasedIn.has(hold.fulfillmentOrderId))) {
    // Refused (not on hold any more, cancelled, moved) or not run: the full sync reads what landed.
    if ((await db.appHold.updateMany({ where: mine, data: { bulkRelease: null } })).count > 0) await ctx.enqueue({ kind: "sync-order", subject: orderId });
    return;
  }
  if ((await db.appHold.deleteMany({ where: mine })).count === 0) return;
  const lines = await db.backorderLine.findMany({ where: { shop, orderId } });
  if (lines.length === 0) return;
  const write = { kind: "release" as const, holds: holds.map(({ fulfillmentOrderId, holdId }) => ({ fulfillmentOrderId, holdId })) };
  for (const stale of await recordRelease(ctx, { orderId, orderName: lines[0]!.orderName, lines }, write)) await ctx.enqueue({ kind: "sync-order", subject: stale });
}

/** The released orders' tag and ship date, once none of their lines waits any more (one that waits again keeps them). */
async function tidyReleasedOrders(ctx: EngineContext, orderIds: readonly string[]): Promise<void> {
  const { db, shop } = ctx;
  const waiting = new Set<string>();
  for (const chunk of chunksOf(orderIds)) {
    for (const line of await db.backorderLine.findMany({ where: { shop, orderId: { in: chunk }, state: "waiting" }, select: { orderId: true } })) waiting.add(line.orderId);
  }
  const released = orderIds.filter((orderId) => !waiting.has(orderId));
  if (released.length === 0) return;
  const operationId = await startRecordedBulkMutation(ctx, TIDY, REMOVE_TAGS, released.map((id) => ({ id, tags: [BACKORDER_TAG] })));
  await pollLater(ctx, operationId, 1);
  await clearShipDates(ctx, released);
}

/** `metafieldsDelete` takes any owners, 250 a call, and as many calls a request as its cost allows. */
async function clearShipDates(ctx: EngineContext, orderIds: readonly string[]): Promise<void> {
  const callsPerRequest = Math.floor(DOCUMENT_POINTS / ALIAS_POINTS.metafields);
  for (const request of chunksOf(chunksOf(orderIds, METAFIELDS_PER_DELETE), callsPerRequest)) {
    const mutation = new AliasedMutation("ClearShipDates");
    for (const call of request) mutation.deleteMetafields(call.map(shipsOnField));
    // Deleting a ship date that is not there is no error; one Shopify refuses stays until the order's next write.
    await mutation.send(ctx.admin);
  }
}
