/** The variant's waiting lines as the plan leaves them, stored: what changed at once, queue places after. */
import { Prisma, type BackorderLine } from "@prisma/client";
import type { PlannedLine, VariantPlan } from "../domain/backorder-plan";
import { promiseFor } from "../domain/customer-promise";
import { lineKey } from "../domain/hold-plan";
import type { EngineContext } from "./context.server";
import { recordWaitingTriggers } from "./flow-triggers.server";
import { readNewLineFacts, type OrderCustomer, type OrderFacts } from "./open-orders.server";

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
  const movedUp: QueueMove[] = [];
  // Once per line that starts waiting, not on every sync: names and emails may be refused (see readNewLineFacts).
  const starting = plan.waitingLines.filter((line) => !knownByKey.has(lineKey(line)));
  const { checkoutPromises, customers } = starting.length === 0 ? { checkoutPromises: new Map<string, string>(), customers: new Map<string, OrderCustomer>() } : await readNewLineFacts(ctx, await firstWaits(ctx, starting), starting.map((line) => line.orderId));
  for (const line of plan.waitingLines) {
    const existing = knownByKey.get(lineKey(line));
    knownByKey.delete(lineKey(line));
    const changes = { waitingUnits: line.waitingUnits, queuePosition: line.queuePosition, shipsOn: line.shipsOn, quantity: line.openQuantity };
    if (existing) {
      // The promise was made once; a line with none yet (no date known before) gets its first date.
      const promisedOn = promiseFor({ kept: existing.promisedOn, checkout: null, shipsOn: line.shipsOn });
      if (existing.waitingUnits !== line.waitingUnits || existing.shipsOn !== line.shipsOn) touched.add(line.orderId);
      const same = existing.waitingUnits === line.waitingUnits && existing.shipsOn === line.shipsOn && existing.quantity === line.openQuantity && existing.promisedOn === promisedOn;
      if (same && existing.queuePosition === line.queuePosition) continue;
      if (same) {
        movedUp.push({ lineItemId: line.lineItemId, locationId: line.locationId, queuePosition: line.queuePosition });
        continue;
      }
      writes.push(db.backorderLine.update({ where: { shop_lineItemId_locationId: { shop, lineItemId: line.lineItemId, locationId: line.locationId } }, data: { ...changes, promisedOn } }));
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
      state: "waiting",
    };
    // A line that waited before (released, then oversold again) waits again.
    writes.push(db.backorderLine.upsert({
      where: { shop_lineItemId_locationId: { shop, lineItemId: line.lineItemId, locationId: line.locationId } },
      create: { shop, lineItemId: line.lineItemId, locationId: line.locationId, ...data },
      // Waiting anew: what the app held for it before is history.
      update: { ...data, releasedAt: null, heldIn: null },
    }));
  }
  // Known waiting lines no longer in the tail of the queue are covered (or gone): their orders decide.
  for (const line of knownByKey.values()) {
    touched.add(line.orderId);
    if (line.waitingUnits === 0 && line.queuePosition === null) continue;
    writes.push(db.backorderLine.update({
      where: { shop_lineItemId_locationId: { shop, lineItemId: line.lineItemId, locationId: line.locationId } },
      data: { waitingUnits: 0, queuePosition: null },
    }));
  }
  // Shopify Flow: lines starting to wait and dates that moved, recorded before the lines are written.
  await recordWaitingTriggers(ctx, variantId, plan.waitingLines, known, orders);
  // One by one, not in a transaction: each write stands alone (a rerun recomputes the rest), and a
  // libsql transaction would hold the file while other jobs in this process wait on it.
  for (const write of writes) await write;
  return { touchedOrders: [...touched], movedUp };
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

