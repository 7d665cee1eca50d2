/**
 * Shopify Flow triggers for back-order events ("Backorder started", "Backorder date changed",
 * "Backorder released"), through an outbox. `flowTriggerReceive` takes a handle and a payload and
 * nothing that would let Shopify drop a repeat (no idempotency key: its arguments are `handle` and
 * `payload`, https://shopify.dev/docs/api/admin-graphql/latest/mutations/flowTriggerReceive), so the
 * app makes sure it asks once: each trigger is a `FlowTrigger` row keyed by its event (the line and
 * the stored state it leaves, read before the change is written), written just before that change.
 * A duplicate or late webhook finds the change made and records nothing; a rerun after a crash
 * between the row and the change writes the same key. The send-flow-triggers job sends unsettled rows
 * and marks them; a crash between Shopify's answer and that mark sends the trigger again (at least once).
 * Settled rows are dropped after 30 days. Only handles the shop has an enabled workflow for are recorded
 * (Flow's lifecycle callbacks, flow-lifecycle.server.ts): an event before the callback is never sent.
 */
import type { BackorderLine } from "@prisma/client";
import { findInChunks } from "../db-chunks.server";
import { isUniqueViolation } from "../db-errors.server";
import type { PlannedLine } from "../domain/backorder-plan";
import { addDays } from "../domain/restock-eta";
import { isShipDateNews } from "../domain/ship-date-news";
import { FLOW_TRIGGERS_PER_REQUEST, receiveFlowTriggers } from "../graphql/flow";
import type { EngineContext } from "./context.server";
import { enabledFlowHandles } from "./flow-lifecycle.server";
import type { OrderFacts } from "./open-orders.server";
import { numericIdOf } from "../shopify/ids";

/** The extensions' handles (shopify.extension.toml under extensions/backorder-flow-…). */
export const FLOW_TRIGGER_HANDLES = { started: "backorder-started", dateChanged: "backorder-date-changed", released: "backorder-released" } as const;

type Handle = (typeof FLOW_TRIGGER_HANDLES)[keyof typeof FLOW_TRIGGER_HANDLES];
interface Trigger {
  eventKey: string;
  handle: Handle;
  payload: Record<string, unknown>;
}

/** Reference fields carry the resource's numeric id under `<resource>_id` (order_reference → order_id). */
const numericId = (gid: string) => Number(numericIdOf(gid));
const DAY_MS = 86_400_000;
const KEEP_SETTLED_DAYS = 30;
const lineKeyOf = (line: { lineItemId: string; locationId: string }) => `${line.lineItemId}|${line.locationId}`;

async function variantFacts(ctx: EngineContext, variantIds: readonly string[]) {
  const rows = await findInChunks(variantIds, (chunk) => ctx.db.trackedVariant.findMany({ where: { shop: ctx.shop, variantId: { in: chunk } }, select: { variantId: true, productId: true, title: true, sku: true } }));
  return new Map(rows.map((row) => [row.variantId, row]));
}

/** The fields every trigger shares (the extensions list them in this order). */
function linePayload(variant: { productId: string; title: string; sku: string | null } | undefined, line: { orderId: string; orderName: string; variantId: string }) {
  return {
    order_id: numericId(line.orderId),
    product_id: variant ? numericId(variant.productId) : 0,
    "Order name": line.orderName,
    "Variant ID": line.variantId,
    "Variant title": variant?.title ?? "",
    SKU: variant?.sku ?? "",
  };
}

async function store(ctx: EngineContext, all: readonly Trigger[]): Promise<void> {
  if (all.length === 0) return;
  // No workflow uses a handle the shop has not enabled: nothing to record, nothing to spend on sending it.
  const enabled = await enabledFlowHandles(ctx.db, ctx.shop);
  const triggers = all.filter((trigger) => enabled.has(trigger.handle));
  if (triggers.length === 0) return;
  for (const trigger of triggers) {
    try {
      await ctx.db.flowTrigger.create({ data: { eventKey: trigger.eventKey, shop: ctx.shop, handle: trigger.handle, payload: JSON.stringify(trigger.payload) } });
    } catch (error) {
      // Written before, by the run a crash cut short: left as it is, sent or not.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  await ctx.enqueue({ kind: "send-flow-triggers", subject: ctx.shop });
}

/**
 * The variant sync's triggers: lines that start waiting, and waiting lines whose ship date moved.
 * Called with the lines as stored before the sync writes its own.
 */
export async function recordWaitingTriggers(ctx: EngineContext, variantId: string, planned: readonly PlannedLine[], known: readonly BackorderLine[], orders: Map<string, OrderFacts>): Promise<void> {
  const knownByKey = new Map(known.map((line) => [lineKeyOf(line), line]));
  const starting = planned.filter((line) => !knownByKey.has(lineKeyOf(line)));
  const { defaultLeadTimeDays, handlingDays } = ctx.settings;
  const leadTimeDate = defaultLeadTimeDays === null ? null : addDays(ctx.today, defaultLeadTimeDays + handlingDays);
  const moved = planned.filter((line) => {
    const before = knownByKey.get(lineKeyOf(line));
    const daysPassed = before ? Math.floor((Date.now() - before.updatedAt.getTime()) / DAY_MS) + 1 : 0;
    return before !== undefined && isShipDateNews({ before: before.shipsOn, after: line.shipsOn, leadTimeDate, daysPassed });
  });
  if (starting.length === 0 && moved.length === 0) return;
  // A line that waited before (released, then oversold again) starts a new wait: its old row's last change names it.
  const earlier = await findInChunks(starting.map((line) => line.lineItemId), (chunk) => ctx.db.backorderLine.findMany({ where: { shop: ctx.shop, lineItemId: { in: chunk } }, select: { lineItemId: true, locationId: true, updatedAt: true } }));
  const earlierByKey = new Map(earlier.map((line) => [lineKeyOf(line), line.updatedAt.toISOString()]));
  const variant = (await variantFacts(ctx, [variantId])).get(variantId);
  const triggers: Trigger[] = [
    ...starting.map((line) => ({
      eventKey: `started|${ctx.shop}|${lineKeyOf(line)}|${earlierByKey.get(lineKeyOf(line)) ?? "first"}`,
      handle: FLOW_TRIGGER_HANDLES.started,
      payload: { ...linePayload(variant, { ...line, variantId, orderName: orders.get(line.orderId)?.name ?? line.orderId }), "Units waiting": line.waitingUnits, "Ships on": line.shipsOn ?? "" },
    })),
    ...moved.map((line) => {
      const before = knownByKey.get(lineKeyOf(line))!;
      return {
        eventKey: `date|${ctx.shop}|${lineKeyOf(line)}|${before.updatedAt.toISOString()}`,
        handle: FLOW_TRIGGER_HANDLES.dateChanged,
        payload: { ...linePayload(variant, before), "Units waiting": line.waitingUnits, "Ships on": line.shipsOn ?? "", "Previous ships on": before.shipsOn ?? "", Later: before.shipsOn !== null && line.shipsOn! > before.shipsOn },
      };
    }),
  ];
  await store(ctx, triggers);
}

/** Lines about to be recorded as released (or fulfilled by the app): their units ship. */
export async function recordReleaseTriggers(ctx: EngineContext, lines: readonly BackorderLine[]): Promise<void> {
  if (lines.length === 0) return;
  const variants = await variantFacts(ctx, lines.map((line) => line.variantId));
  await store(
    ctx,
    lines.map((line) => ({
      eventKey: `released|${ctx.shop}|${lineKeyOf(line)}|${line.updatedAt.toISOString()}`,
      handle: FLOW_TRIGGER_HANDLES.released,
      payload: { ...linePayload(variants.get(line.variantId), line), Units: line.quantity, "Released on": ctx.today },
    })),
  );
}

/** The send-flow-triggers job: unsettled triggers, oldest first, many a request. */
export async function sendFlowTriggers(ctx: EngineContext): Promise<void> {
  const { db, shop } = ctx;
  // Settled rows only guard against a rerun of their event, which comes within hours, not weeks.
  await db.flowTrigger.deleteMany({ where: { shop, settledAt: { lt: new Date(Date.now() - KEEP_SETTLED_DAYS * DAY_MS) } } });
  const due = await db.flowTrigger.findMany({ where: { shop, settledAt: null }, orderBy: { createdAt: "asc" }, take: FLOW_TRIGGERS_PER_REQUEST });
  if (due.length === 0) return;
  const answers = await receiveFlowTriggers(ctx.admin, due.map((trigger) => ({ handle: trigger.handle, payload: JSON.parse(trigger.payload) as Record<string, unknown> })));
  for (const [index, trigger] of due.entries()) {
    // Shopify's refusal is final for this payload (sending it again gets the same answer): kept with the reason.
    const answer = answers[index];
    const refused = answer ? answer.userErrors.map((error) => error.message).join("; ") || null : "Shopify gave no answer for this trigger";
    await db.flowTrigger.update({ where: { eventKey: trigger.eventKey }, data: { settledAt: new Date(), lastError: refused } });
  }
  if (due.length === FLOW_TRIGGERS_PER_REQUEST) await ctx.enqueue({ kind: "send-flow-triggers", subject: shop });
}
