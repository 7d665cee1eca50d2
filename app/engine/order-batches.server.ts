/**
 * Holds, releases, tags and ship dates for a batch of orders, from what the app already knows
 * (its lines, the fulfillment orders it held, its hold ids), many orders per request. An order
 * the app cannot decide from that, or whose write Shopify refuses (the knowledge is stale: not on
 * hold any more, closed, moved, cancelled), gets the full sync (`sync-order`: read, plan, write).
 *
 * Exactly once: a batch is recomputed from the database whenever it runs, so a duplicate job finds
 * nothing left to do. After a crash between a write and its record, the rerun's hold finds the
 * app's handle taken, and its release finds no hold: both are refusals, so the order's full sync
 * reads what landed and only records it. Holds stay synchronous: this job runs right after the
 * variant sync that decided them.
 */
import { bulkReleaseOf, knownOrderWrite, type KnownLine, type KnownOrderWrite } from "../domain/known-order-writes";
import { chunksOf } from "../db-chunks.server";
import { BACKORDER_TAG, HOLD_HANDLE, HOLD_REASON } from "../domain/hold-plan";
import { ALIAS_POINTS, AliasedMutation, DOCUMENT_POINTS, METAFIELDS_PER_DELETE, METAFIELDS_PER_SET, type AliasResult } from "../graphql/order-batches";
import { forgetHolds, holdIdsOf, rememberHold } from "./app-holds.server";
import { markForBulkRelease, ordersInBulkRelease, PENDING_BULK_RELEASE } from "./bulk-release-marks.server";
import type { EngineContext } from "./context.server";
import { recordReleaseTriggers } from "./flow-triggers.server";
import { logAction } from "./order-writes.server";
import { fulfilmentModeOf } from "./settings.server";
import { BACKORDER_NAMESPACE } from "./variant-writes.server";

/** Orders per `write-orders` job: about one request of holds or releases (see DOCUMENT_POINTS). */
export const ORDERS_PER_JOB = 35;

/**
 * Fulfillment orders one decision releases from which the release goes as one bulk mutation
 * (app/engine/bulk-release.server.ts). Synchronously a release costs about 20 points a fulfillment
 * order: 500 are ~10,000 points, 100 s of a Standard store's whole budget (100 points/s), shared
 * with the merchant's other apps; the bulk release costs a few tens of points whatever its size.
 * Below it the batches win: their first release lands within a second, a bulk operation runs when
 * Shopify schedules it, and each one takes one of the app's five concurrent slots.
 */
export function bulkReleaseThreshold(): number {
  return Number(process.env.BACKORDER_BULK_RELEASE_MIN_FULFILLMENT_ORDERS) || 500;
}

/** The variant sync's hand-off: the orders whose holds, tags or ship dates must follow its decision. */
export async function enqueueOrderWrites(ctx: EngineContext, orderIds: readonly string[]): Promise<void> {
  let ids = [...new Set(orderIds)];
  if (ids.length > Math.min(ORDERS_PER_JOB, bulkReleaseThreshold())) ids = await releaseInBulkWhenLarge(ctx, ids);
  await enqueueWriteBatches(ctx, ids);
}

/** `write-orders` jobs for these orders, ORDERS_PER_JOB a job. */
export async function enqueueWriteBatches(ctx: EngineContext, orderIds: readonly string[]): Promise<void> {
  for (const chunk of chunksOf(orderIds, ORDERS_PER_JOB)) await ctx.enqueue({ kind: "write-orders", subject: chunk.join(" ") });
}

/** A large release goes to the bulk release; returns the orders left for the batches. */
async function releaseInBulkWhenLarge(ctx: EngineContext, orderIds: string[]): Promise<string[]> {
  const writes = new Map([...(await knownWritesOf(ctx, orderIds))].map(([orderId, { write }]) => [orderId, write]));
  const bulk = bulkReleaseOf(writes, bulkReleaseThreshold());
  if (!bulk) return orderIds;
  await markForBulkRelease(ctx, bulk.fulfillmentOrderIds);
  await ctx.enqueue({ kind: "bulk-release", subject: PENDING_BULK_RELEASE });
  const inBulk = new Set(bulk.orderIds);
  return orderIds.filter((orderId) => !inBulk.has(orderId));
}

type KnownWrites = Map<string, { write: KnownOrderWrite; lines: LineRow[] }>;

/** What each order needs, from what the app knows; orders in a bulk release are left out until it completes. */
async function knownWritesOf(ctx: EngineContext, orderIds: readonly string[]): Promise<KnownWrites> {
  const { db, shop } = ctx;
  const inBulk = await ordersInBulkRelease(ctx, orderIds);
  const free = orderIds.filter((orderId) => !inBulk.has(orderId));
  const lines: LineRow[] = [];
  for (const chunk of chunksOf(free)) lines.push(...(await db.backorderLine.findMany({ where: { shop, orderId: { in: chunk } } })));
  const holdIds = new Map<string, string>();
  for (const chunk of chunksOf(free)) for (const [id, holdId] of await holdIdsOf(ctx, chunk)) holdIds.set(id, holdId);
  const mode = fulfilmentModeOf(ctx.settings);
  const byOrder = new Map<string, LineRow[]>();
  for (const line of lines) byOrder.set(line.orderId, [...(byOrder.get(line.orderId) ?? []), line]);
  const writes: KnownWrites = new Map();
  for (const orderId of free) {
    const own = byOrder.get(orderId) ?? [];
    writes.set(orderId, { write: knownOrderWrite({ mode, lines: own.map(knownLine), holdIds }), lines: own });
  }
  return writes;
}

type LineRow = Awaited<ReturnType<EngineContext["db"]["backorderLine"]["findMany"]>>[number];

interface OrderWork {
  orderId: string;
  orderName: string;
  lines: LineRow[];
  write: Exclude<KnownOrderWrite, { kind: "nothing" | "read" }>;
  /** Aliases of this order's writes in its document. */
  aliases: string[];
  holdAliases: Map<string, string>;
}

/** `subject`: the batch's order ids, space-separated. */
export async function writeOrders(ctx: EngineContext, subject: string): Promise<void> {
  const orderIds = [...new Set(subject.split(" ").filter(Boolean))];
  if (orderIds.length === 0) return;
  const toRead: string[] = [];
  const work: OrderWork[] = [];
  for (const [orderId, { write, lines: own }] of await knownWritesOf(ctx, orderIds)) {
    if (write.kind === "read") toRead.push(orderId);
    else if (write.kind !== "nothing") work.push({ orderId, orderName: own[0]!.orderName, lines: own, write, aliases: [], holdAliases: new Map() });
  }
  for (const batch of documentsOf(work)) toRead.push(...(await writeBatch(ctx, batch)));
  for (const orderId of toRead) await ctx.enqueue({ kind: "sync-order", subject: orderId });
}

const knownLine = (line: LineRow): KnownLine => ({
  lineItemId: line.lineItemId,
  locationId: line.locationId,
  state: line.state,
  waitingUnits: line.waitingUnits,
  shipsOn: line.shipsOn,
  fulfillmentOrderId: line.fulfillmentOrderId,
  heldIn: line.heldIn,
  merchantAction: line.merchantAction,
  moveTo: line.moveTo,
});

const shipsOnOf = (write: OrderWork["write"]): string | null | undefined => (write.kind === "release" ? null : write.shipsOn);

/** Requested points of one order's writes, its share of the metafield calls included. */
function pointsOf(order: OrderWork): number {
  const write = order.write;
  const shipDate = ALIAS_POINTS.metafields / METAFIELDS_PER_SET;
  if (write.kind === "release") return write.holds.length * ALIAS_POINTS.release + ALIAS_POINTS.tags + shipDate;
  if (write.kind === "hold") return write.holds.length * ALIAS_POINTS.hold + ALIAS_POINTS.tags + shipDate;
  return shipDate;
}

/** Orders packed into documents under Shopify's single-query cost limit. */
function documentsOf(work: readonly OrderWork[]): OrderWork[][] {
  const documents: OrderWork[][] = [];
  let current: OrderWork[] = [];
  // Room for one metafieldsSet call and the one metafieldsDelete call every document may carry.
  let points = 2 * ALIAS_POINTS.metafields;
  for (const order of work) {
    const cost = pointsOf(order);
    if (current.length > 0 && points + cost > DOCUMENT_POINTS) {
      documents.push(current);
      current = [];
      points = 2 * ALIAS_POINTS.metafields;
    }
    current.push(order);
    points += cost;
  }
  if (current.length > 0) documents.push(current);
  return documents;
}

export const shipsOnField = (orderId: string) => ({ ownerId: orderId, namespace: BACKORDER_NAMESPACE, key: "ships_on" });

/** One request for these orders; returns the orders Shopify refused a write for (stale knowledge). */
async function writeBatch(ctx: EngineContext, orders: OrderWork[]): Promise<string[]> {
  const mutation = new AliasedMutation("WriteKnownOrders");
  for (const order of orders) {
    const { write } = order;
    if (write.kind === "release") {
      order.aliases.push(...write.holds.map((hold) => mutation.release(hold.fulfillmentOrderId, hold.holdId)));
      order.aliases.push(mutation.tags("remove", order.orderId, [BACKORDER_TAG]));
    }
    if (write.kind === "hold") {
      for (const hold of write.holds) {
        const alias = mutation.hold(hold.fulfillmentOrderId, { reason: HOLD_REASON, handle: HOLD_HANDLE, reasonNotes: hold.notes, notifyMerchant: false });
        order.holdAliases.set(hold.fulfillmentOrderId, alias);
        order.aliases.push(alias);
      }
      order.aliases.push(mutation.tags("add", order.orderId, [BACKORDER_TAG]));
    }
  }
  const toSet = orders.filter((order) => typeof shipsOnOf(order.write) === "string");
  for (let start = 0; start < toSet.length; start += METAFIELDS_PER_SET) {
    const chunk = toSet.slice(start, start + METAFIELDS_PER_SET);
    const alias = mutation.setMetafields(chunk.map((order) => ({ ...shipsOnField(order.orderId), type: "date", value: shipsOnOf(order.write) })));
    chunk.forEach((order) => order.aliases.push(alias));
  }
  const toClear = orders.filter((order) => shipsOnOf(order.write) === null);
  for (let start = 0; start < toClear.length; start += METAFIELDS_PER_DELETE) {
    const chunk = toClear.slice(start, start + METAFIELDS_PER_DELETE);
    const alias = mutation.deleteMetafields(chunk.map((order) => shipsOnField(order.orderId)));
    chunk.forEach((order) => order.aliases.push(alias));
  }
  if (mutation.isEmpty) return [];

  // Shopify Flow: the releases about to be sent, recorded before (not between a release and its record, which stays quick).
  await recordReleaseTriggers(ctx, orders.filter((order) => order.write.kind === "release").flatMap((order) => order.lines.filter((line) => line.state === "waiting" && line.waitingUnits === 0 && line.merchantAction === null)));
  const answers = await mutation.send(ctx.admin);
  const refused = (alias: string) => {
    const answer: AliasResult | null | undefined = answers[alias];
    return !answer || (answer.userErrors?.length ?? 0) > 0;
  };
  const stale: string[] = [];
  for (const order of orders) {
    // Any refusal: the order's full sync reads what did land and finishes from there.
    if (order.aliases.some(refused)) {
      stale.push(order.orderId);
      continue;
    }
    if (order.write.kind === "release") stale.push(...(await recordRelease(ctx, order, order.write)));
    if (order.write.kind === "hold") await recordHolds(ctx, order, order.write, answers);
  }
  return stale;
}

/** Records a release Shopify took; returns the order when a line waits again (it needs the order's full sync). */
export async function recordRelease(ctx: EngineContext, order: Pick<OrderWork, "orderId" | "orderName" | "lines">, write: Extract<KnownOrderWrite, { kind: "release" }>): Promise<string[]> {
  const { db, shop } = ctx;
  const released = write.holds.map((hold) => hold.fulfillmentOrderId);
  const pending = order.lines.filter((line) => line.state === "waiting");
  // Only lines still as they were read: one that waits again since (a newer variant sync) is not released in the database.
  const { count } = await db.backorderLine.updateMany({
    where: { shop, orderId: order.orderId, state: "waiting", waitingUnits: 0, merchantAction: null },
    data: { state: "released", queuePosition: null, releasedAt: new Date() },
  });
  await forgetHolds(ctx, released);
  for (const hold of write.holds) await logAction(ctx, order.orderName, { kind: "release", fulfillmentOrderId: hold.fulfillmentOrderId, holdId: hold.holdId });
  if (count === pending.length) return [];
  // A line that waits again lost its hold to this release, not to the merchant: it is held again from a fresh read.
  const waitingAgain = await db.backorderLine.findMany({ where: { shop, orderId: order.orderId, state: "waiting" } });
  for (const line of waitingAgain) {
    const heldIn = (line.heldIn?.split(" ") ?? []).filter((id) => id && !released.includes(id)).join(" ") || null;
    if (heldIn !== line.heldIn) await db.backorderLine.update({ where: { shop_lineItemId_locationId: { shop, lineItemId: line.lineItemId, locationId: line.locationId } }, data: { heldIn } });
  }
  return [order.orderId];
}

async function recordHolds(
  ctx: EngineContext,
  order: OrderWork,
  write: Extract<KnownOrderWrite, { kind: "hold" }>,
  answers: Record<string, AliasResult | null>,
): Promise<void> {
  const { db, shop } = ctx;
  for (const hold of write.holds) {
    const holdId = answers[order.holdAliases.get(hold.fulfillmentOrderId)!]?.fulfillmentHold?.id;
    if (holdId) await rememberHold(ctx, order.orderId, hold.fulfillmentOrderId, holdId);
    // Only lines still unheld: one held meanwhile by the order's full sync keeps what it recorded.
    for (const line of hold.lines) {
      await db.backorderLine.updateMany({
        where: { shop, ...line, state: "waiting", heldIn: null },
        data: { heldIn: hold.fulfillmentOrderId },
      });
    }
    await logAction(ctx, order.orderName, { kind: "hold", fulfillmentOrderId: hold.fulfillmentOrderId, lines: null, notes: hold.notes });
  }
}
