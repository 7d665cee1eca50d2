/**
 * Each waiting line's promise history (`PromiseChange`): the checkout's date, the first date the
 * app gave, every later change with its cause, written in one transaction with the line's new
 * date (waiting-lines.server.ts); releases come from the line itself (`BackorderLine.releasedAt`).
 */
import type { BackorderLine, Prisma, PrismaClient } from "@prisma/client";
import { findInChunks } from "../db-chunks.server";
import type { PlannedLine, VariantPlan } from "../domain/backorder-plan";
import { causeOfChange, promiseCauseOf, type PromiseCause, type SupplyChange, type SupplyChangeKind } from "../domain/promise-history";
import { sourceKey } from "../domain/supply-promises";
import type { EngineContext } from "./context.server";

type LineWrite = Prisma.PrismaPromise<unknown>;

/**
 * A line's record with what must land with it (its promise records, its notice), in one small
 * transaction; alone, a plain statement. Awaited in turn by recordLines: it starts only then.
 */
export function inOneTransaction(db: PrismaClient, writes: readonly LineWrite[]): PromiseLike<unknown> {
  if (writes.length === 1) return writes[0]!;
  return { then: (resolve, reject) => db.$transaction([...writes]).then(resolve, reject) };
}
/** One row of a line's promise history, as written. */
export type PromiseRecord = Prisma.PromiseChangeCreateManyInput;

/** What a variant sync needs to date its lines' changes, read once per sync. */
export async function promiseRecorder(ctx: EngineContext, variantId: string, plan: VariantPlan, known: readonly BackorderLine[]) {
  const { db, shop } = ctx;
  const changing = known.filter((line) => plan.waitingLines.some((planned) => planned.lineItemId === line.lineItemId && planned.locationId === line.locationId && planned.shipsOn !== line.shipsOn));
  const [lastRecords, supply, rule] = changing.length === 0
    ? [[], [], null]
    : await Promise.all([
        // In id order: the last record of a line is the one kept below.
        findInChunks(changing.map((line) => line.lineItemId), (chunk) => db.promiseChange.findMany({ where: { shop, variantId, lineItemId: { in: chunk } }, orderBy: { id: "asc" }, select: { id: true, lineItemId: true, locationId: true, at: true, source: true } })).then((rows) => rows.sort((a, b) => a.id - b.id)),
        db.supplyLine.findMany({ where: { shop, variantId }, select: { shipmentId: true, locationId: true, lastChange: true, lastChangeAt: true } }),
        db.variantRule.findUnique({ where: { shop_variantId: { shop, variantId } }, select: { updatedAt: true } }),
      ]);
  const last = new Map(lastRecords.map((record) => [`${record.lineItemId}@${record.locationId}`, record]));
  const supplyChanges: SupplyChange[] = supply.map((row) => ({ shipmentId: row.shipmentId, locationId: row.locationId, kind: row.lastChange as SupplyChangeKind, at: row.lastChangeAt.toISOString() }));
  const sourceOf = (line: PlannedLine) => sourceKey(plan.promiseSources.get(`${line.lineItemId}@${line.locationId}`) ?? null);
  const recordOf = (line: PlannedLine, fromDate: string | null, toDate: string | null, cause: PromiseCause): PromiseRecord =>
    ({ shop, lineItemId: line.lineItemId, locationId: line.locationId, orderId: line.orderId, variantId, at: new Date(), fromDate, toDate, cause, source: sourceOf(line), queuePosition: line.queuePosition });
  const record = (line: PlannedLine, fromDate: string | null, toDate: string | null, cause: PromiseCause) => db.promiseChange.create({ data: recordOf(line, fromDate, toDate, cause) });

  return {
    /** The record of a known line's new date; null when its date stays. */
    changeOf(existing: BackorderLine, line: PlannedLine): PromiseRecord | null {
      if (existing.shipsOn === line.shipsOn) return null;
      const before = last.get(`${line.lineItemId}@${line.locationId}`);
      const cause = causeOfChange({
        locationId: line.locationId,
        before: { shipsOn: existing.shipsOn, source: before?.source ?? null, queuePosition: existing.queuePosition, recordedAt: (before?.at ?? existing.updatedAt).toISOString() },
        after: { shipsOn: line.shipsOn, source: sourceOf(line), queuePosition: line.queuePosition },
        supplyChanges,
        restockChangedAt: rule?.updatedAt.toISOString() ?? null,
      });
      return recordOf(line, existing.shipsOn, line.shipsOn, existing.shipsOn === null ? "first_date" : cause);
    },
    /** The records of a line starting to wait: what checkout showed, and the first date the app gives. */
    started(line: PlannedLine, checkoutDate: string | null): LineWrite[] {
      return [...(checkoutDate ? [record(line, null, checkoutDate, "checkout")] : []), ...(line.shipsOn ? [record(line, checkoutDate, line.shipsOn, "first_date")] : [])];
    },
    /** The record of a known line's new date, to go in one transaction with it. */
    written: (change: PromiseRecord): LineWrite => db.promiseChange.create({ data: change }),
  };
}

export interface PromiseEvent {
  lineItemId: string;
  locationId: string;
  orderId: string;
  variantId: string;
  at: Date;
  fromDate: string | null;
  toDate: string | null;
  cause: PromiseCause;
}

/**
 * Every promise recorded or line released in the shop after `since`, oldest first: what the
 * notices tell customers about ("new date", with its cause) and accuracy counts.
 */
export async function promiseChangesSince(db: PrismaClient, shop: string, since: Date): Promise<PromiseEvent[]> {
  const [changes, released] = await Promise.all([
    db.promiseChange.findMany({ where: { shop, at: { gt: since } }, orderBy: { id: "asc" } }),
    db.backorderLine.findMany({ where: { shop, releasedAt: { gt: since } }, select: { lineItemId: true, locationId: true, orderId: true, variantId: true, releasedAt: true, shipsOn: true } }),
  ]);
  const events: PromiseEvent[] = changes.flatMap((change) => {
    const cause = promiseCauseOf(change.cause);
    return cause ? [{ lineItemId: change.lineItemId, locationId: change.locationId, orderId: change.orderId, variantId: change.variantId, at: change.at, fromDate: change.fromDate, toDate: change.toDate, cause }] : [];
  });
  for (const line of released) {
    events.push({ lineItemId: line.lineItemId, locationId: line.locationId, orderId: line.orderId, variantId: line.variantId, at: line.releasedAt!, fromDate: line.shipsOn, toDate: line.releasedAt!.toISOString().slice(0, 10), cause: "released" });
  }
  return events.sort((a, b) => a.at.getTime() - b.at.getTime());
}
