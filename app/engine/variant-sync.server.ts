/**
 * Brings one variant in line with Shopify's current counts: its policy and
 * storefront metafields, and which open lines wait for it. Reads the counts
 * fresh every time (who waits: demand-window.server.ts), so a stale, duplicate
 * or reordered webhook only causes a recompute that lands on the same answer.
 */
import type { TrackedVariant } from "@prisma/client";
import { planVariant, type LocationStock } from "../domain/backorder-plan";
import { unexplainedUnitsAt } from "../domain/online-stock";
import type { DecidedLevel } from "../domain/stored-queue";
import { unaccountedNewWaiting } from "../domain/window-completeness";
import type { InventoryPolicy, VariantOverride } from "../domain/variant-policy";
import { VARIANT_STOCK_QUERY } from "../graphql/inventory";
import type { VariantStockQuery } from "../types/admin.generated";
import type { EngineContext } from "./context.server";
import { readDemandWindow, type CountedStock } from "./demand-window.server";
import { recordMovableLines } from "./location-moves.server";
import { enqueueOrderWrites } from "./order-batches.server";
import { forgetNotifiedOrders } from "./notified-orders.server";
import type { MerchantChoices, OrderFacts } from "./open-orders.server";
import { endRestockEpisode } from "./restock-episode.server";
import { rulesOf } from "./settings.server";
import { supplyBatchesFor } from "./supply.server";
import { forgetVariants, recordVariantFacts } from "./variant-facts.server";
import { applyVariantDecision } from "./variant-writes.server";
import { recordLines, writeQueuePositions } from "./waiting-lines.server";

export type VariantNode = NonNullable<VariantStockQuery["productVariant"]>;

/**
 * The merchant's own policy. The app writes its intent before each change, so
 * a policy that is neither the app's intent nor the remembered one can only be
 * the merchant's new choice.
 */
export function merchantPolicyOf(tracked: Pick<TrackedVariant, "merchantPolicy" | "appliedPolicy"> | null, current: InventoryPolicy): InventoryPolicy {
  if (!tracked || tracked.appliedPolicy === null) return current;
  if (current === tracked.appliedPolicy || current === tracked.merchantPolicy) return tracked.merchantPolicy as InventoryPolicy;
  return current;
}

/** `afterSearchCaughtUp`: the look again once Shopify's order search caught up; it always decides. */
export async function syncVariant(ctx: EngineContext, variantId: string, options: { afterSearchCaughtUp?: boolean } = {}): Promise<void> {
  const { db, shop } = ctx;
  const levelsReadAt = new Date();
  const { productVariant: variant } = await ctx.admin.request(VARIANT_STOCK_QUERY, { id: variantId });
  const known = await db.backorderLine.findMany({ where: { shop, variantId, state: "waiting" } });
  if (!variant) {
    // Deleted in Shopify: nothing left to sell; the orders' own syncs settle their lines.
    await forgetVariants(db, shop, { variantId });
    await enqueueOrders(ctx, known.map((line) => line.orderId));
    return;
  }
  const [rule, tracked] = await Promise.all([
    db.variantRule.findUnique({ where: { shop_variantId: { shop, variantId } } }),
    db.trackedVariant.findUnique({ where: { shop_variantId: { shop, variantId } } }),
  ]);
  const merchantPolicy = merchantPolicyOf(tracked, variant.inventoryPolicy);
  const levels: CountedStock[] = variant.inventoryItem.inventoryLevels.nodes.map((level) => ({
    locationId: level.location.id,
    available: quantityOf(level.quantities, "available"),
    incoming: quantityOf(level.quantities, "incoming"),
    onHand: quantityOf(level.quantities, "on_hand"),
    fulfillsOnlineOrders: level.location.fulfillsOnlineOrders,
  }));
  const choices = await merchantChoices(ctx, variantId);
  // Shopify's levels at the last decided sync, when the held lines were stored (see keepHeldLines).
  const decided: (DecidedLevel & { syncedAt: Date })[] = await db.variantLevel.findMany({ where: { shop, variantId }, select: { locationId: true, available: true, incoming: true, onHand: true, unexplained: true, syncedAt: true } });
  const previousLevels: LocationStock[] = decided.map(({ locationId, available, incoming }) => ({ locationId, available, incoming }));
  const window = variant.inventoryItem.tracked
    ? await readDemandWindow(ctx, { variant, levels, choices, known, decided, afterSearchCaughtUp: options.afterSearchCaughtUp ?? false })
    : { demand: [], orders: new Map<string, OrderFacts>(), undecided: false, fromStoredQueue: true, settledNotices: [] };
  const { demand, orders } = window;

  const plan = planVariant({
    rules: rulesOf(ctx.settings, rule?.waitingCap ?? null),
    productId: variant.product.id,
    productTags: variant.product.tags,
    tracked: variant.inventoryItem.tracked,
    override: (rule?.override ?? null) as VariantOverride,
    merchantPolicy,
    levels,
    demand,
    previousLevels,
    ...(decided[0] ? { previousReadAt: decided[0].syncedAt.toISOString() } : {}),
    held: known.map((line) => ({
      lineItemId: line.lineItemId,
      orderId: line.orderId,
      orderedAt: line.orderedAt.toISOString(),
      openQuantity: line.quantity,
      locationId: line.locationId,
      waitingUnits: line.waitingUnits,
      ...(line.priority > 0 ? { priority: line.priority } : {}),
    })),
    restockDate: rule?.restockDate ?? null,
    restockQuantity: rule?.restockQuantity ?? null,
    supply: await supplyBatchesFor(ctx, variantId),
    defaultLeadTimeDays: ctx.settings.defaultLeadTimeDays,
    handlingDays: ctx.settings.handlingDays,
    today: ctx.today,
  });

  await endRestockEpisode(ctx, variantId, rule, tracked, plan);
  await applyVariantDecision(ctx, variant, tracked, plan, merchantPolicy);
  // A window read afresh (the first decision, or the look again) is checked against the last decision.
  const lastDecision = decided[0] && !window.fromStoredQueue ? { levels: previousLevels, decidedAt: decided[0].syncedAt.toISOString() } : null;
  const ordersUnseen = !options.afterSearchCaughtUp && unaccountedNewWaiting(levels, demand, lastDecision) > 0;
  const newlyUnexplained = !window.fromStoredQueue && plan.unexplainedUnits > (tracked?.unexplainedUnits ?? 0);
  // Undecided until routed: its webhook brings the next sync; the look again stands in were it lost.
  if (!options.afterSearchCaughtUp && (window.undecided || ordersUnseen || newlyUnexplained)) await lookAgainAfterSearchCatchesUp(ctx, variantId);
  // Not routed yet, or orders the app cannot see yet, is not decided yet: the lines, and the levels
  // they were decided on, stay as they are until routing completes (its webhook brings the next
  // sync) or the order is seen (its webhook, or the look again).
  if (window.undecided || ordersUnseen) return;
  const { touchedOrders, movedUp } = await recordLines(ctx, variantId, variant.price, plan, orders, known);
  const moving = await recordMovableLines(ctx, variantId, plan, levels);
  // In batches, from what the app knows; what that cannot settle is read again (order-batches).
  // Before the queue positions: a restock's first release does not wait for every line behind it.
  await enqueueOrderWrites(ctx, [...touchedOrders, ...moving]);
  await writeQueuePositions(ctx, variantId, movedUp);
  await recordVariantFacts(ctx, variant, levels.map((level) => ({ ...level, unexplained: unexplainedUnitsAt(level, plan.waitingLines) })), levelsReadAt);
  await forgetNotifiedOrders(ctx, variantId, window.settledNotices);
}

/**
 * Shopify's order search lags writes and webhooks come late or out of order, so units newly sold
 * below zero that no order found explains may be orders the app cannot see yet. It looks once
 * more after search caught up; what is still unexplained then is what it seems (a stock
 * correction, a point of sale, a location the app cannot see) and is decided on, not looked for again.
 */
const SEARCH_CATCH_UP_MS = Number(process.env.BACKORDER_SEARCH_CATCH_UP_MS ?? 10_000);

async function lookAgainAfterSearchCatchesUp(ctx: EngineContext, variantId: string): Promise<void> {
  await ctx.enqueue({ kind: "recheck-variant", subject: variantId }, { delayMs: SEARCH_CATCH_UP_MS });
}

/**
 * The merchant's say over the queue. Priority outlives the wait, so a released
 * priority line does not fall back into the queue; a line the merchant released
 * or cancelled never queues again.
 */
async function merchantChoices(ctx: EngineContext, variantId: string): Promise<MerchantChoices> {
  const lines = await ctx.db.backorderLine.findMany({
    where: { shop: ctx.shop, variantId, OR: [{ priority: { gt: 0 } }, { merchantAction: { not: null } }] },
    select: { lineItemId: true, priority: true, merchantAction: true },
  });
  return {
    priorities: new Map(lines.filter((line) => line.priority > 0).map((line) => [line.lineItemId, line.priority])),
    leftQueue: new Set(lines.filter((line) => line.merchantAction !== null).map((line) => line.lineItemId)),
  };
}

function quantityOf(quantities: readonly { name: string; quantity: number }[], name: string): number {
  return quantities.find((quantity) => quantity.name === name)?.quantity ?? 0;
}

async function enqueueOrders(ctx: EngineContext, orderIds: readonly string[]): Promise<void> {
  for (const orderId of new Set(orderIds)) await ctx.enqueue({ kind: "sync-order", subject: orderId });
}
