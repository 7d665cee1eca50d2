/** The variant's waiting lines as the plan leaves them, stored: what changed at once, queue places after. */
import { Prisma, type BackorderLine } from "@prisma/client";
import type { PlannedLine, VariantPlan } from "../domain/backorder-plan";
import { checkoutPromiseOf, promiseFor } from "../domain/customer-promise";
import { lineKey } from "../domain/hold-plan";
import type { EngineContext } from "./context.server";
import { recordWaitingTriggers } from "./flow-triggers.server";
import { readNewLineFacts, type NewLineFacts, type OrderFacts } from "./open-orders.server";
import { askToSend, noticeRow, noticesDueFor } from "../notices/outbox.server";
import { inOneTransaction, promiseRecorder, type PromiseRecord } from "./promise-history.server";

/**
 * Stores the waiting lines; returns the orders whose holds, tags or dates must follow, and the
 * lines whose only change is their place in the queue (written after, many a statement).
 */
export async function recordLines(
  ctx: EngineContext,
  variantId: string,
  variantPrice: string,
  plan: VariantPlan,
  orders: Map<string, OrderFacts>,
  known: BackorderLine[],
): Promise<{ touchedOrders: string[]; movedUp: QueueMove[] }> {
  const { db, shop } = ctx;
  const knownByKey = new Map(known.map((line) => [lineKey(line), line]));
  const touched = new Set<string>();
  const writes = [];
  const updates = new SameChangeUpdates();
  const movedUp: QueueMove[] = [];
  const starting = plan.waitingLines.filter((line) => !knownByKey.has(lineKey(line)));
  const promises = await promiseRecorder(ctx, variantId, plan, known);
  const { checkoutPromises, customers, notices: noticeFacts } = await startingLineFacts(ctx, starting, orders);
  // Customer notices go in the same transaction as the line's record that makes them due.
  const notices = await noticesDueFor(ctx, plan.waitingLines.map((line) => ({ line, existing: knownByKey.get(lineKey(line)) })));
  for (const line of plan.waitingLines) {
    const existing = knownByKey.get(lineKey(line));
    knownByKey.delete(lineKey(line));
    const changes = { waitingUnits: line.waitingUnits, queuePosition: line.queuePosition, shipsOn: line.shipsOn, quantity: line.openQuantity };
    if (existing) {
      // The promise was made once; a line with none yet (no date known before) gets its first date.
      const promisedOn = promiseFor({ kept: existing.promisedOn, checkout: null, shipsOn: line.shipsOn });
      if (existing.waitingUnits !== line.waitingUnits || existing.shipsOn !== line.shipsOn) touched.add(line.orderId);
      const same = existing.waitingUnits === line.waitingUnits && existing.shipsOn === line.shipsOn && existing.quantity === line.openQuantity && existing.promisedOn === promisedOn;
      if (existing.queuePosition !== line.queuePosition) movedUp.push({ lineItemId: line.lineItemId, locationId: line.locationId, queuePosition: line.queuePosition });
      if (same) continue;
      const change = { waitingUnits: line.waitingUnits, shipsOn: line.shipsOn, quantity: line.openQuantity, promisedOn };
      const record = promises.changeOf(existing, line);
      // A line whose new date is owed a notice: its own statement, in one transaction with the notice
      // (which says why, from the promise record's cause) and the record.
      const notice = noticeRow(ctx, notices, line.lineItemId, variantId, record?.cause ?? null);
      if (!notice) updates.add(line, change, record);
      else writes.push(inOneTransaction(db, [db.backorderLine.update({ where: { shop_lineItemId_locationId: { shop, lineItemId: line.lineItemId, locationId: line.locationId } }, data: change }), notice, ...(record ? [promises.written(record)] : [])]));
      continue;
    }
    const order = orders.get(line.orderId);
    touched.add(line.orderId);
    const data = {
      ...changes,
      // Waiting anew after a release is a new promise: today's date, not the old checkout's.
      promisedOn: promiseFor({ kept: null, checkout: checkoutPromises.get(line.lineItemId) ?? null, shipsOn: line.shipsOn }),
      orderName: order?.name ?? line.orderId,
      orderedAt: new Date(line.orderedAt),
      orderId: line.orderId,
      variantId,
      fulfillmentOrderId: order?.fulfillmentOrderOf.get(lineKey(line)) ?? null,
      unitPrice: variantPrice,
      customerEmail: customers.get(line.orderId)?.email ?? null,
      customerName: customers.get(line.orderId)?.name ?? null,
      customerLocale: noticeFacts.get(line.orderId)?.locale ?? null,
      orderUnits: noticeFacts.get(line.orderId)?.units ?? null,
      state: "waiting",
    };
    // A line that waited before (released, then oversold again) waits again.
    const notice = noticeRow(ctx, notices, line.lineItemId, variantId);
    writes.push(inOneTransaction(db, [db.backorderLine.upsert({
      where: { shop_lineItemId_locationId: { shop, lineItemId: line.lineItemId, locationId: line.locationId } },
      create: { shop, lineItemId: line.lineItemId, locationId: line.locationId, ...data },
      // Waiting anew: what the app held for it before is history.
      update: { ...data, releasedAt: null, heldIn: null },
    }), ...promises.started(line, checkoutPromises.get(line.lineItemId) ?? null), ...(notice ? [notice] : [])]));
  }
  // Known waiting lines no longer in the tail of the queue are covered (or gone): their orders decide.
  for (const line of knownByKey.values()) {
    touched.add(line.orderId);
    if (line.waitingUnits === 0 && line.queuePosition === null) continue;
    updates.add(line, { waitingUnits: 0, queuePosition: null });
  }
  // Shopify Flow: lines starting to wait and dates that moved, recorded before the lines are written.
  await recordWaitingTriggers(ctx, variantId, plan.waitingLines, known, orders);
  // Not in a transaction: each write stands alone (a rerun recomputes the rest), and a transaction
  // would hold the database while other jobs in this process wait on it. A line's record, its
  // promise records and its notice go in one small transaction (inOneTransaction).
  await askToSend(ctx, notices, "before");
  for (const write of writes) await write;
  await updates.write(ctx, variantId);
  await askToSend(ctx, notices, "after");
  return { touchedOrders: [...touched], movedUp };
}

type LineChange = Pick<Prisma.BackorderLineUpdateManyMutationInput, "waitingUnits" | "shipsOn" | "quantity" | "promisedOn" | "queuePosition">;

/** Line ids per statement: one bound parameter each, well under what SQLite and PostgreSQL take. */
const LINES_PER_STATEMENT = 500;

/**
 * Changes to stored lines, written as one statement per location and identical change: a restock
 * covers hundreds of lines the same way, and a statement per line would delay the first release.
 */
class SameChangeUpdates {
  private readonly groups = new Map<string, { locationId: string; change: LineChange; lineItemIds: string[]; records: Map<string, PromiseRecord> }>();

  /** `record`: the line's date changed; its promise record is written with the change. */
  add(line: { lineItemId: string; locationId: string }, change: LineChange, record: PromiseRecord | null = null): void {
    const key = JSON.stringify([line.locationId, change]);
    const group = this.groups.get(key) ?? { locationId: line.locationId, change, lineItemIds: [] as string[], records: new Map<string, PromiseRecord>() };
    group.lineItemIds.push(line.lineItemId);
    if (record) group.records.set(line.lineItemId, record);
    this.groups.set(key, group);
  }

  async write(ctx: EngineContext, variantId: string): Promise<void> {
    for (const { locationId, change, lineItemIds, records } of this.groups.values()) {
      for (let start = 0; start < lineItemIds.length; start += LINES_PER_STATEMENT) {
        const ids = lineItemIds.slice(start, start + LINES_PER_STATEMENT);
        const update = ctx.db.backorderLine.updateMany({ where: { shop: ctx.shop, variantId, locationId, lineItemId: { in: ids } }, data: change });
        const recorded = ids.flatMap((id) => records.get(id) ?? []);
        if (recorded.length === 0) await update;
        else await ctx.db.$transaction([update, ctx.db.promiseChange.createMany({ data: recorded })]);
      }
    }
  }
}

export interface QueueMove {
  lineItemId: string;
  locationId: string;
  queuePosition: number;
}

/** Lines per statement: three bound parameters each, well under what SQLite and PostgreSQL take. */
const MOVES_PER_STATEMENT = 300;

/** New places in the queue, many lines a statement: a release moves every line behind it up one. */
export async function writeQueuePositions(ctx: EngineContext, variantId: string, moves: readonly QueueMove[]): Promise<void> {
  const now = new Date();
  for (let start = 0; start < moves.length; start += MOVES_PER_STATEMENT) {
    const chunk = moves.slice(start, start + MOVES_PER_STATEMENT);
    const positions = Prisma.join(chunk.map((move) => Prisma.sql`WHEN "lineItemId" = ${move.lineItemId} AND "locationId" = ${move.locationId} THEN CAST(${move.queuePosition} AS INTEGER)`), " ");
    // Built whole with Prisma.sql: the PostgreSQL client takes no fragment nested in a tagged template (db-open.server.ts).
    await ctx.db.$executeRaw(Prisma.sql`UPDATE "BackorderLine" SET "queuePosition" = CASE ${positions} ELSE "queuePosition" END, "updatedAt" = ${now}
      WHERE "shop" = ${ctx.shop} AND "variantId" = ${variantId} AND "lineItemId" IN (${Prisma.join(chunk.map((move) => move.lineItemId))})`);
  }
}

/**
 * What the app keeps of lines that start waiting, once per line, not on every sync: from the
 * orders read with it (announced orders are), else read for the rest in one request.
 */
async function startingLineFacts(ctx: EngineContext, starting: readonly PlannedLine[], orders: Map<string, OrderFacts>): Promise<NewLineFacts> {
  const facts: NewLineFacts = { checkoutPromises: new Map(), customers: new Map(), notices: new Map() };
  if (starting.length === 0) return facts;
  const firsts = new Set(await firstWaits(ctx, starting));
  const unread: PlannedLine[] = [];
  for (const line of starting) {
    const order = orders.get(line.orderId);
    const attributes = order?.attributesOf?.get(line.lineItemId);
    if (!attributes) {
      unread.push(line);
      continue;
    }
    const date = firsts.has(line.lineItemId) ? checkoutPromiseOf(attributes, ctx.today) : null;
    if (date !== null) facts.checkoutPromises.set(line.lineItemId, date);
    if (order?.customer) facts.customers.set(line.orderId, order.customer);
    if (order?.notice) facts.notices.set(line.orderId, order.notice);
  }
  if (unread.length === 0) return facts;
  const read = await readNewLineFacts(ctx, unread.map((line) => line.lineItemId).filter((id) => firsts.has(id)), unread.map((line) => line.orderId));
  for (const [lineItemId, date] of read.checkoutPromises) facts.checkoutPromises.set(lineItemId, date);
  for (const [orderId, customer] of read.customers) facts.customers.set(orderId, customer);
  for (const [orderId, notice] of read.notices) facts.notices.set(orderId, notice);
  return facts;
}

/**
 * Lines starting their first wait, whose checkout promise is read. Lines the app knew before
 * (released, then waiting again) are left out: their new wait is a new promise.
 */
async function firstWaits(ctx: EngineContext, starting: readonly PlannedLine[]): Promise<string[]> {
  const ids = starting.map((line) => line.lineItemId);
  const seenIds = new Set<string>();
  // In slices: a list of ids is one bound parameter each, and databases cap how many a query takes.
  for (let start = 0; start < ids.length; start += 500) {
    const seen = await ctx.db.backorderLine.findMany({ where: { shop: ctx.shop, lineItemId: { in: ids.slice(start, start + 500) } }, select: { lineItemId: true } });
    for (const line of seen) seenIds.add(line.lineItemId);
  }
  return ids.filter((lineItemId) => !seenIds.has(lineItemId));
}

