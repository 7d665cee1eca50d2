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
import { knownOrderWrite, type KnownLine, type KnownOrderWrite } from "../domain/known-order-writes";
import { BACKORDER_TAG, HOLD_HANDLE, HOLD_REASON } from "../domain/hold-plan";
import { ALIAS_POINTS, AliasedMutation, DOCUMENT_POINTS, METAFIELDS_PER_DELETE, METAFIELDS_PER_SET, type AliasResult } from "../graphql/order-batches";
import { forgetHolds, holdIdsOf, rememberHold } from "./app-holds.server";
import type { EngineContext } from "./context.server";
import { recordReleaseTriggers } from "./flow-triggers.server";
import { logAction } from "./order-writes.server";
import { fulfilmentModeOf } from "./settings.server";
import { BACKORDER_NAMESPACE } from "./variant-writes.server";

/** Orders per `write-orders` job: about one request of holds or releases (see DOCUMENT_POINTS). */
export const ORDERS_PER_JOB = 35;

/** The variant sync's hand-off: the orders whose holds, tags or ship dates must follow its decision. */
export async function enqueueOrderWrites(ctx: EngineContext, orderIds: readonly string[]): Promise<void> {
  const ids = [...new Set(orderIds)];
  for (let start = 0; start < ids.length; start += ORDERS_PER_JOB) {
    await ctx.enqueue({ kind: "write-orders", subject: ids.slice(start, start + ORDERS_PER_JOB).join(" ") });
  }
}

type LineRow = Awaited<ReturnType<EngineContext["db"]["backorderLine"]["findMany"]>>[number];

interface OrderWork {
  orderId: string;
  orderName: string;
  lines: LineRow[];
  write: Exclude<KnownOrderWrite, { kind: "nothing" | "read" }>;
  /** Aliases of this order's writes in its document. */
  aliases: string[];
  tagAlias?: string;
  holdAliases: Map<string, string>;
}

/** `subject`: the batch's order ids, space-separated. */
export async function writeOrders(ctx: EngineContext, subject: string): Promise<void> {
  const { db, shop } = ctx;
  const orderIds = [...new Set(subject.split(" ").filter(Boolean))];
  if (orderIds.length === 0) return;
  const lines = await db.backorderLine.findMany({ where: { shop, orderId: { in: orderIds } } });
  const holdIds = await holdIdsOf(ctx, orderIds);
  const mode = fulfilmentModeOf(ctx.settings);
  const toRead: string[] = [];
  const work: OrderWork[] = [];
  for (const orderId of orderIds) {
    const own = lines.filter((line) => line.orderId === orderId);
    const write = knownOrderWrite({ mode, lines: own.map(knownLine), holdIds });
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

const shipsOnField = (orderId: string) => ({ ownerId: orderId, namespace: BACKORDER_NAMESPACE, key: "ships_on" });

/** One request for these orders; returns the orders Shopify refused a write for (stale knowledge). */
async function writeBatch(ctx: EngineContext, orders: OrderWork[]): Promise<string[]> {
  const mutation = new AliasedMutation("WriteKnownOrders");
  for (const order of orders) {
    const { write } = order;
    if (write.kind === "release") {
      order.aliases.push(...write.holds.map((hold) => mutation.release(hold.fulfillmentOrderId, hold.holdId)));
      order.tagAlias = mutation.tags("remove", order.orderId, [BACKORDER_TAG]);
    }
    if (write.kind === "hold") {
      for (const hold of write.holds) {
        const alias = mutation.hold(hold.fulfillmentOrderId, { reason: HOLD_REASON, handle: HOLD_HANDLE, reasonNotes: hold.notes, notifyMerchant: false });
        order.holdAliases.set(hold.fulfillmentOrderId, alias);
        order.aliases.push(alias);
      }
      order.tagAlias = mutation.tags("add", order.orderId, [BACKORDER_TAG]);
    }
    if (order.tagAlias) order.aliases.push(order.tagAlias);
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
    const updatedAt = order.tagAlias ? answers[order.tagAlias]?.node?.updatedAt : undefined;
    if (order.write.kind === "release") stale.push(...(await recordRelease(ctx, order, order.write, updatedAt)));
    if (order.write.kind === "hold") await recordHolds(ctx, order, order.write, answers, updatedAt);
  }
  return stale;
}

async function recordRelease(ctx: EngineContext, order: OrderWork, write: Extract<KnownOrderWrite, { kind: "release" }>, updatedAt: string | undefined): Promise<string[]> {
  const { db, shop } = ctx;
  const released = write.holds.map((hold) => hold.fulfillmentOrderId);
  const pending = order.lines.filter((line) => line.state === "waiting");
  // Only lines still as they were read: one that waits again since (a newer variant sync) is not released in the database.
  const { count } = await db.backorderLine.updateMany({
    where: { shop, orderId: order.orderId, state: "waiting", waitingUnits: 0, merchantAction: null },
    data: { state: "released", queuePosition: null, releasedAt: new Date(), ...(updatedAt ? { orderUpdatedAt: new Date(updatedAt) } : {}) },
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
  updatedAt: string | undefined,
): Promise<void> {
  const { db, shop } = ctx;
  for (const hold of write.holds) {
    const holdId = answers[order.holdAliases.get(hold.fulfillmentOrderId)!]?.fulfillmentHold?.id;
    if (holdId) await rememberHold(ctx, order.orderId, hold.fulfillmentOrderId, holdId);
    // Only lines still unheld: one held meanwhile by the order's full sync keeps what it recorded.
    for (const line of hold.lines) {
      await db.backorderLine.updateMany({
        where: { shop, ...line, state: "waiting", heldIn: null },
        data: { heldIn: hold.fulfillmentOrderId, ...(updatedAt ? { orderUpdatedAt: new Date(updatedAt) } : {}) },
      });
    }
    await logAction(ctx, order.orderName, { kind: "hold", fulfillmentOrderId: hold.fulfillmentOrderId, lines: null, notes: hold.notes });
  }
}
