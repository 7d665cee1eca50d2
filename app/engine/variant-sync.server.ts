/**
 * Brings one variant in line with Shopify's current counts: its policy and
 * storefront metafields, and which open lines wait for it. Reads everything
 * fresh, so a stale, duplicate or reordered webhook only causes a recompute
 * that lands on the same answer.
 */
import type { BackorderLine, TrackedVariant } from "@prisma/client";
import { promiseFor } from "../domain/customer-promise";
import { demandWindowIsEnough, missingDemand, planVariant, type LocatedDemand, type LocationStock, type VariantPlan } from "../domain/backorder-plan";
import { demandSearchGivesUp } from "../domain/online-stock";
import { unaccountedNewWaiting } from "../domain/window-completeness";
import type { InventoryPolicy, VariantOverride } from "../domain/variant-policy";
import { VARIANT_STOCK_QUERY } from "../graphql/inventory";
import { OPEN_ORDERS_QUERY } from "../graphql/orders";
import type { OpenOrdersQuery, VariantStockQuery } from "../types/admin.generated";
import type { EngineContext } from "./context.server";
import { readKnownOrders, readOrdersById } from "./known-orders.server";
import { recordMovableLines } from "./location-moves.server";
import { enqueueOrderWrites } from "./order-batches.server";
import { forgetNotifiedOrders, notifiedOrdersOf } from "./notified-orders.server";
import { isNotRoutedYet, isTruncated, ORDERS_PAGE, readCheckoutPromises, readDemandPage, readOrderCustomers, wholeOrderNode, type MerchantChoices, type OrderFacts, type OrderNode } from "./open-orders.server";
import { endRestockEpisode } from "./restock-episode.server";
import { rulesOf } from "./settings.server";
import { forgetVariants, recordVariantFacts } from "./variant-facts.server";
import { applyVariantDecision } from "./variant-writes.server";

export type VariantNode = NonNullable<VariantStockQuery["productVariant"]>;

const lineKey = (line: { lineItemId: string; locationId: string }) => `${line.lineItemId}@${line.locationId}`;

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
  const levels: LocationStock[] = variant.inventoryItem.inventoryLevels.nodes.map((level) => ({
    locationId: level.location.id,
    available: quantityOf(level.quantities, "available"),
    incoming: quantityOf(level.quantities, "incoming"),
    fulfillsOnlineOrders: level.location.fulfillsOnlineOrders,
  }));
  const choices = await merchantChoices(ctx, variantId);
  // Shopify's levels at the last decided sync, when the held lines were stored (see keepHeldLines).
  const lastLevels = await db.variantLevel.findMany({ where: { shop, variantId }, select: { locationId: true, available: true, incoming: true, syncedAt: true } });
  const previousLevels: LocationStock[] = lastLevels.map(({ locationId, available, incoming }) => ({ locationId, available, incoming }));
  const { demand, orders, undecided } = variant.inventoryItem.tracked ? await readDemandWindow(ctx, variant, levels, choices, known.map((line) => line.orderId)) : { demand: [], orders: new Map<string, OrderFacts>(), undecided: false };

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
    defaultLeadTimeDays: ctx.settings.defaultLeadTimeDays,
    handlingDays: ctx.settings.handlingDays,
    today: ctx.today,
  });

  await endRestockEpisode(ctx, variantId, rule, tracked, plan);
  await applyVariantDecision(ctx, variant, tracked, plan, merchantPolicy);
  const lastDecision = lastLevels[0] ? { levels: previousLevels, decidedAt: lastLevels[0].syncedAt.toISOString() } : null;
  const ordersUnseen = !options.afterSearchCaughtUp && unaccountedNewWaiting(levels, demand, lastDecision) > 0;
  if (!options.afterSearchCaughtUp && (ordersUnseen || plan.unexplainedUnits > (tracked?.unexplainedUnits ?? 0))) await lookAgainAfterSearchCatchesUp(ctx, variantId);
  // Not routed yet, or orders the app cannot see yet, is not decided yet: the lines, and the levels
  // they were decided on, stay as they are until routing completes (its webhook brings the next
  // sync) or the order is seen (its webhook, or the look again).
  if (undecided || ordersUnseen) return;
  const touchedOrders = await recordLines(ctx, variantId, variant.price, plan, orders, known);
  const moving = await recordMovableLines(ctx, variantId, plan, levels);
  await recordVariantFacts(ctx, variant, levels, levelsReadAt);
  // In batches, from what the app knows; what that cannot settle is read again (order-batches).
  await enqueueOrderWrites(ctx, [...touchedOrders, ...moving]);
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

/**
 * Newest open orders for the variant, read until they hold every waiting unit (none when nothing
 * waits), or until a run of pages brought none of its lines: negative stock no open order explains
 * is recorded as such (`unexplainedUnits`), not searched for through every open order. Order
 * search lags writes, so the orders Shopify announced are read by id and join the window; one
 * older than the last order search reached counts only once search got that far (an order search
 * shows in between could be newer). The window is undecided while an order in it is not routed
 * yet: its units are in the levels, but not where they wait.
 */
async function readDemandWindow(ctx: EngineContext, variant: VariantNode, levels: LocationStock[], choices: MerchantChoices, knownOrders: readonly string[]) {
  const demandOf = (nodes: readonly OrderNode[]) => {
    const demand: LocatedDemand[] = [];
    const orders = new Map<string, OrderFacts>();
    readDemandPage(nodes, variant.id, choices, demand, orders);
    return { demand, orders };
  };
  if (demandWindowIsEnough(levels, [])) return { ...demandOf([]), undecided: false };
  const notified = await notifiedOrdersOf(ctx, variant.id);
  const announced = await readOrdersById(ctx, notified);
  const searched: OrderNode[] = [];
  const sku = variant.sku?.trim();
  // Fulfilled orders owe nothing; an order still open after fulfilment would only cost a read. The
  // filter follows `displayFulfillmentStatus`, where the orders the app holds are `on_hold` (others
  // `scheduled`, `in_progress`): only `fulfilled` is left out, not everything but `unfulfilled`.
  const open = "status:open -fulfillment_status:fulfilled";
  const query = sku ? `${open} sku:"${sku.replace(/(["\\])/g, "\\$1")}"` : open;
  let after: string | null = null;
  let exhausted = false;
  let fruitlessPages = 0;
  const window = () => {
    const reached = searched.at(-1)?.createdAt;
    const ids = new Set(searched.map((order) => order.id));
    return [...searched, ...announced.filter((order) => !ids.has(order.id) && (exhausted || (reached !== undefined && order.createdAt >= reached)))];
  };
  while (!exhausted && !demandWindowIsEnough(levels, demandOf(window()).demand) && !demandSearchGivesUp(fruitlessPages)) {
    const linesBefore = demandOf(window()).demand.length;
    const page: OpenOrdersQuery = await ctx.admin.request(OPEN_ORDERS_QUERY, { query, after, ...ORDERS_PAGE, first: pageSizeFor(levels, demandOf(window()).demand) });
    for (const order of page.orders.nodes) {
      const whole = isTruncated(order) ? await wholeOrderNode(ctx, order) : order;
      if (whole) searched.push(whole);
    }
    fruitlessPages = demandOf(window()).demand.length > linesBefore ? 0 : fruitlessPages + 1;
    exhausted = !page.orders.pageInfo.hasNextPage;
    after = page.orders.pageInfo.endCursor ?? null;
  }
  // Announced orders beyond the window are older than it: they add covered lines only.
  const ids = new Set(searched.map((order) => order.id));
  const nodes = [...searched, ...announced.filter((order) => !ids.has(order.id))];
  // Waiting orders neither brought (a renamed SKU, or past the window) are read by id.
  nodes.push(...(await readKnownOrders(ctx, knownOrders, new Set(nodes.map((order) => order.id)))));
  const found = new Set(announced.map((order) => order.id));
  await forgetNotifiedOrders(ctx, variant.id, notified.filter((id) => ids.has(id) || !found.has(id) || announced.some((order) => order.id === id && order.cancelledAt)));
  return { ...demandOf(nodes), undecided: nodes.some((order) => isNotRoutedYet(order)) };
}

/**
 * Every order found holds at least one unit, so asking for one more order than
 * units still unaccounted for usually ends the read in one page; a page of
 * orders costs Shopify points for its full requested size.
 */
function pageSizeFor(levels: LocationStock[], demand: LocatedDemand[]): number {
  return Math.min(ORDERS_PAGE.first, Math.max(2, missingDemand(levels, demand) + 1));
}

/** Stores the waiting lines; returns the orders whose holds, tags or dates must follow. */
async function recordLines(
  ctx: EngineContext,
  variantId: string,
  variantPrice: string,
  plan: VariantPlan,
  orders: Map<string, OrderFacts>,
  known: BackorderLine[],
): Promise<string[]> {
  const { db, shop } = ctx;
  const knownByKey = new Map(known.map((line) => [lineKey(line), line]));
  const touched = new Set<string>();
  const writes = [];
  const checkoutPromises = await checkoutPromisesOfFirstWaits(ctx, plan, knownByKey);
  // Once per line that starts waiting, not on every sync: names and emails may be refused (see readOrderCustomers).
  const starting = plan.waitingLines.filter((line) => !knownByKey.has(lineKey(line)));
  const customers = starting.length === 0 ? new Map() : await readOrderCustomers(ctx, starting.map((line) => line.orderId));
  for (const line of plan.waitingLines) {
    const existing = knownByKey.get(lineKey(line));
    knownByKey.delete(lineKey(line));
    const changes = { waitingUnits: line.waitingUnits, queuePosition: line.queuePosition, shipsOn: line.shipsOn, quantity: line.openQuantity };
    if (existing) {
      // The promise was made once; a line with none yet (no date known before) gets its first date.
      const promisedOn = promiseFor({ kept: existing.promisedOn, checkout: null, shipsOn: line.shipsOn });
      if (existing.waitingUnits !== line.waitingUnits || existing.shipsOn !== line.shipsOn) touched.add(line.orderId);
      if (existing.waitingUnits === line.waitingUnits && existing.queuePosition === line.queuePosition && existing.shipsOn === line.shipsOn && existing.quantity === line.openQuantity && existing.promisedOn === promisedOn) continue;
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
  // One by one, not in a transaction: each write stands alone (a rerun recomputes the rest), and a
  // libsql transaction would hold the file while other jobs in this process wait on it.
  for (const write of writes) await write;
  return [...touched];
}

/**
 * What checkout showed for lines starting their first wait. Lines the app knew before (released,
 * then waiting again) are left out, and nothing is read when no line is new.
 */
async function checkoutPromisesOfFirstWaits(ctx: EngineContext, plan: VariantPlan, knownByKey: Map<string, BackorderLine>): Promise<Map<string, string>> {
  const starting = plan.waitingLines.filter((line) => !knownByKey.has(lineKey(line))).map((line) => line.lineItemId);
  if (starting.length === 0) return new Map();
  const seenIds = new Set<string>();
  // In slices: a list of ids is one bound parameter each, and databases cap how many a query takes.
  for (let start = 0; start < starting.length; start += 500) {
    const seen = await ctx.db.backorderLine.findMany({ where: { shop: ctx.shop, lineItemId: { in: starting.slice(start, start + 500) } }, select: { lineItemId: true } });
    for (const line of seen) seenIds.add(line.lineItemId);
  }
  const firstWaits = starting.filter((lineItemId) => !seenIds.has(lineItemId));
  return firstWaits.length === 0 ? new Map() : readCheckoutPromises(ctx, firstWaits);
}

async function enqueueOrders(ctx: EngineContext, orderIds: readonly string[]): Promise<void> {
  for (const orderId of new Set(orderIds)) await ctx.enqueue({ kind: "sync-order", subject: orderId });
}
