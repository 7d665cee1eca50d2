/**
 * Brings one variant in line with Shopify's current counts: its policy and
 * storefront metafields, and which open lines wait for it. Reads everything
 * fresh, so a stale, duplicate or reordered webhook only causes a recompute
 * that lands on the same answer.
 */
import type { BackorderLine, TrackedVariant } from "@prisma/client";
import { promiseFor } from "../domain/customer-promise";
import { demandWindowIsEnough, missingDemand, planVariant, type LocatedDemand, type LocationStock, type PlannedLine, type VariantPlan } from "../domain/backorder-plan";
import { demandSearchGivesUp, unexplainedUnitsAt } from "../domain/online-stock";
import { storedQueueHolds, unitsLeftByOrdersRead, type DecidedLevel } from "../domain/stored-queue";
import { unaccountedNewWaiting } from "../domain/window-completeness";
import type { InventoryPolicy, VariantOverride } from "../domain/variant-policy";
import { VARIANT_STOCK_QUERY } from "../graphql/inventory";
import { OPEN_ORDERS_QUERY } from "../graphql/orders";
import type { OpenOrdersQuery, VariantStockQuery } from "../types/admin.generated";
import type { EngineContext } from "./context.server";
import { readKnownOrders, readOrdersById } from "./known-orders.server";
import { recordMovableLines } from "./location-moves.server";
import { enqueueOrderWrites } from "./order-batches.server";
import { forgetNotifiedOrders, markAwaitingRouting, notifiedOrdersOf } from "./notified-orders.server";
import { isNotRoutedYet, isTruncated, ORDERS_PAGE, readDemandPage, readNewLineFacts, wholeOrderNode, type MerchantChoices, type OrderCustomer, type OrderFacts, type OrderNode } from "./open-orders.server";
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
  const touchedOrders = await recordLines(ctx, variantId, variant.price, plan, orders, known);
  const moving = await recordMovableLines(ctx, variantId, plan, levels);
  await recordVariantFacts(ctx, variant, levels.map((level) => ({ ...level, unexplained: unexplainedUnitsAt(level, plan.waitingLines) })), levelsReadAt);
  await forgetNotifiedOrders(ctx, variantId, window.settledNotices);
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

type CountedStock = LocationStock & { onHand: number };
type StoredLine = Pick<BackorderLine, "lineItemId" | "orderId" | "orderedAt" | "quantity" | "locationId" | "waitingUnits" | "priority">;

interface WindowInput {
  variant: VariantNode;
  levels: CountedStock[];
  choices: MerchantChoices;
  known: readonly StoredLine[];
  decided: readonly (DecidedLevel & { syncedAt: Date })[];
  afterSearchCaughtUp: boolean;
}

interface DemandWindow {
  demand: LocatedDemand[];
  orders: Map<string, OrderFacts>;
  /** Why nothing may be decided yet: an order not routed, or counts the app cannot explain yet. */
  undecided: false | "until-routed" | "until-search-catches-up";
  /** Whether the stored queue stood in for re-reading the orders it holds. */
  fromStoredQueue: boolean;
  /** Announced orders the decision accounts for, forgotten once it is recorded. */
  settledNotices: string[];
}

const demandOf = (nodes: readonly OrderNode[], variantId: string, choices: MerchantChoices) => {
  const demand: LocatedDemand[] = [];
  const orders = new Map<string, OrderFacts>();
  readDemandPage(nodes, variantId, choices, demand, orders);
  return { demand, orders };
};

/**
 * Who waits for the variant. An event reads only what it was told changed: the orders Shopify
 * announced (read by id, as order search lags writes), with the stored lines of every other order
 * standing in for them, as long as Shopify's counts agree (see stored-queue.ts). When they do not,
 * the app waits for the webhook that explains them, and looks once more after search caught up;
 * then (and for a variant's first decision) it reads the window of newest open orders afresh.
 */
async function readDemandWindow(ctx: EngineContext, input: WindowInput): Promise<DemandWindow> {
  const { variant, levels, choices, known, decided } = input;
  const notified = await notifiedOrdersOf(ctx, variant.id);
  // Nothing waits: every announced order took stock.
  if (demandWindowIsEnough(levels, [])) return { ...demandOf([], variant.id, choices), undecided: false, fromStoredQueue: true, settledNotices: notified };
  const announced = await readOrdersById(ctx, notified);
  const notRouted = announced.filter((order) => isNotRoutedYet(order)).map((order) => order.id);
  await markAwaitingRouting(ctx, variant.id, notRouted);
  const undecidedUntilRouted = notRouted.length > 0 ? ("until-routed" as const) : false;
  const fresh = demandOf(announced, variant.id, choices);
  const readAgain = new Set(announced.map((order) => order.id));
  const stored = known.filter((line) => !readAgain.has(line.orderId) && line.waitingUnits > 0 && !choices.leftQueue.has(line.lineItemId)).map((line) => storedDemand(line, choices));
  const window = [...stored, ...fresh.demand];
  const decidedAt = decided[0]?.syncedAt.toISOString() ?? "";
  const holds = storedQueueHolds({ levels, decided, decidedAt, window, leftByOrdersRead: unitsLeftByOrdersRead(known.filter((line) => readAgain.has(line.orderId)), fresh.demand) });
  if (holds) return { demand: window, orders: fresh.orders, undecided: undecidedUntilRouted, fromStoredQueue: true, settledNotices: notified };
  if (decided.length > 0 && !input.afterSearchCaughtUp) return { demand: window, orders: fresh.orders, undecided: "until-search-catches-up", fromStoredQueue: true, settledNotices: [] };
  return readNewestOpenOrders(ctx, input, notified, announced);
}

function storedDemand(line: StoredLine, choices: MerchantChoices): LocatedDemand {
  const priority = choices.priorities.get(line.lineItemId) ?? line.priority;
  return { lineItemId: line.lineItemId, orderId: line.orderId, orderedAt: line.orderedAt.toISOString(), openQuantity: line.quantity, locationId: line.locationId, ...(priority > 0 ? { priority } : {}) };
}

/**
 * Newest open orders for the variant, read until they hold every waiting unit, or until a run of
 * pages brought none of its lines: negative stock no open order explains is recorded as such
 * (`unexplainedUnits`), not searched for through every open order. The announced orders (read by
 * id) join the window; one older than the last order search reached counts only once search got
 * that far (an order search shows in between could be newer). The window is undecided while an
 * order in it is not routed yet: its units are in the levels, but not where they wait.
 */
async function readNewestOpenOrders(ctx: EngineContext, input: WindowInput, notified: readonly string[], announced: readonly OrderNode[]): Promise<DemandWindow> {
  const { variant, levels, choices, known } = input;
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
  const demandNow = () => demandOf(window(), variant.id, choices).demand;
  while (!exhausted && !demandWindowIsEnough(levels, demandNow()) && !demandSearchGivesUp(fruitlessPages)) {
    const linesBefore = demandNow().length;
    const page: OpenOrdersQuery = await ctx.admin.request(OPEN_ORDERS_QUERY, { query, after, ...ORDERS_PAGE, first: pageSizeFor(levels, demandNow()) });
    for (const order of page.orders.nodes) {
      const whole = isTruncated(order) ? await wholeOrderNode(ctx, order) : order;
      if (whole) searched.push(whole);
    }
    fruitlessPages = demandNow().length > linesBefore ? 0 : fruitlessPages + 1;
    exhausted = !page.orders.pageInfo.hasNextPage;
    after = page.orders.pageInfo.endCursor ?? null;
  }
  // Announced orders beyond the window are older than it: they add covered lines only.
  const ids = new Set(searched.map((order) => order.id));
  const nodes = [...searched, ...announced.filter((order) => !ids.has(order.id))];
  // Waiting orders neither brought (a renamed SKU, or past the window) are read by id.
  nodes.push(...(await readKnownOrders(ctx, known.map((line) => line.orderId), new Set(nodes.map((order) => order.id)))));
  const found = new Set(announced.map((order) => order.id));
  const settledNotices = notified.filter((id) => ids.has(id) || !found.has(id) || announced.some((order) => order.id === id && order.cancelledAt));
  const undecided = nodes.some((order) => isNotRoutedYet(order)) ? ("until-routed" as const) : false;
  return { ...demandOf(nodes, variant.id, choices), undecided, fromStoredQueue: false, settledNotices };
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

async function enqueueOrders(ctx: EngineContext, orderIds: readonly string[]): Promise<void> {
  for (const orderId of new Set(orderIds)) await ctx.enqueue({ kind: "sync-order", subject: orderId });
}
