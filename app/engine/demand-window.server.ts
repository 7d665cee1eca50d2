/**
 * Who waits for a variant, as one event sees it: the stored queue with the orders it was told
 * about read by id while Shopify's counts agree with it (stored-queue.ts), else the window of
 * newest open orders read afresh.
 */
import type { BackorderLine } from "@prisma/client";
import { demandWindowIsEnough, missingDemand, type LocatedDemand, type LocationStock } from "../domain/backorder-plan";
import { demandSearchGivesUp } from "../domain/online-stock";
import { storedQueueHolds, unitsLeftByOrdersRead, type DecidedLevel } from "../domain/stored-queue";
import { OPEN_ORDERS_QUERY } from "../graphql/orders";
import type { OpenOrdersQuery } from "../types/admin.generated";
import type { EngineContext } from "./context.server";
import { readKnownOrders, readOrdersById } from "./known-orders.server";
import { markAwaitingRouting, notifiedOrdersOf } from "./notified-orders.server";
import { isNotRoutedYet, isTruncated, ORDERS_PAGE, readDemandPage, wholeOrderNode, type MerchantChoices, type OrderFacts, type OrderNode } from "./open-orders.server";
import type { VariantNode } from "./variant-sync.server";

export type CountedStock = LocationStock & { onHand: number };
type StoredLine = Pick<BackorderLine, "lineItemId" | "orderId" | "orderedAt" | "quantity" | "locationId" | "waitingUnits" | "priority">;

export interface WindowInput {
  variant: VariantNode;
  levels: CountedStock[];
  choices: MerchantChoices;
  known: readonly StoredLine[];
  decided: readonly (DecidedLevel & { syncedAt: Date })[];
  afterSearchCaughtUp: boolean;
}

export interface DemandWindow {
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
export async function readDemandWindow(ctx: EngineContext, input: WindowInput): Promise<DemandWindow> {
  const { variant, levels, choices, known, decided } = input;
  const notified = await notifiedOrdersOf(ctx, variant.id);
  // Nothing waits: every announced order took stock.
  if (demandWindowIsEnough(levels, [])) return { ...demandOf([], variant.id, choices), undecided: false, fromStoredQueue: true, settledNotices: notified };
  const announced = await readOrdersById(ctx, notified, { withLineFacts: true });
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

