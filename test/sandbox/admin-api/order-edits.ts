/**
 * Order editing in the Admin API: orderEditBegin, orderEditSetQuantity and orderEditCommit,
 * and the CalculatedOrder / CalculatedLineItem / OrderEditSession views they answer with.
 * A CalculatedLineItem's number is its LineItem's, as on Shopify.
 */
import { gid } from "../state/ids";
import type { LineItemRecord, OrderRecord } from "../state/model";
import { beginOrderEdit, commitOrderEdit, openSession, setEditQuantity, unfulfilledOf, type OrderEditSession } from "../state/order-edits";
import type { SandboxShop } from "../state/shop";
import { connection, matches, parseSearch, type ConnectionArgs, type Fields } from "./connection";
import { lineItemView, money, orderView } from "./orders";
import { variantView } from "./products";
import { guarded } from "./user-errors";

type Args = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- validated by the schema

export function orderEditSessionView(session: OrderEditSession) {
  return { __typename: "OrderEditSession", id: gid("OrderEditSession", session.sessionId) };
}

const stagedQuantity = (session: OrderEditSession, line: LineItemRecord) => session.staged.get(line.id)?.quantity ?? line.currentQuantity;

/** What this edit does to the line, as Shopify's OrderStagedChange union members. */
function stagedChangesOf(shop: SandboxShop, session: OrderEditSession, order: OrderRecord, line: LineItemRecord) {
  const delta = stagedQuantity(session, line) - line.currentQuantity;
  const lineItem = () => lineItemView(shop, order, line);
  if (delta < 0) return [{ __typename: "OrderStagedChangeDecrementItem", delta: -delta, restock: session.staged.get(line.id)?.restock ?? false, lineItem, lineItemId: line.id }];
  if (delta > 0) return [{ __typename: "OrderStagedChangeIncrementItem", delta, lineItem, lineItemId: line.id }];
  return [];
}

export function calculatedLineItemView(shop: SandboxShop, session: OrderEditSession, order: OrderRecord, line: LineItemRecord) {
  const quantity = stagedQuantity(session, line);
  const editableBefore = unfulfilledOf(shop, order, line);
  const editable = editableBefore + (quantity - line.currentQuantity);
  const variant = line.variantId === null ? undefined : shop.variants.get(line.variantId);
  const price = Number(line.price);
  return {
    __typename: "CalculatedLineItem",
    id: gid("CalculatedLineItem", line.id),
    legacyLineItemId: line.id,
    quantity,
    editableQuantity: editable,
    editableQuantityBeforeChanges: editableBefore,
    restockable: variant !== undefined,
    restocking: session.staged.get(line.id)?.restock ?? false,
    sku: line.sku,
    title: line.title,
    variantTitle: line.variantTitle,
    variant: () => (variant ? variantView(shop, variant) : null),
    image: null,
    customAttributes: Object.entries(line.properties).map(([key, value]) => ({ key, value })),
    calculatedDiscountAllocations: [],
    discountAllocations: [],
    hasStagedLineItemDiscount: false,
    originalUnitPriceSet: money(shop, line.price),
    discountedUnitPriceSet: money(shop, line.price),
    editableSubtotalSet: money(shop, price * editable),
    uneditableSubtotalSet: money(shop, price * (quantity - editable)),
    stagedChanges: stagedChangesOf(shop, session, order, line),
  };
}

type CalculatedLineItemView = ReturnType<typeof calculatedLineItemView>;

/** The filters CalculatedOrder.lineItems documents: `editable` and `id`. */
const CALCULATED_LINE_FIELDS: Fields<CalculatedLineItemView> = {
  editable: (l) => String(l.editableQuantity > 0),
  id: (l) => l.legacyLineItemId,
};

export function calculatedOrderView(shop: SandboxShop, session: OrderEditSession) {
  const order = shop.orders.get(session.orderId)!;
  const lines = () => order.lineItems.map((line) => calculatedLineItemView(shop, session, order, line));
  const total = () => order.lineItems.reduce((sum, l) => sum + Number(l.price) * stagedQuantity(session, l), 0);
  // The sandbox's orders are paid in full, so what is outstanding is the change in total.
  const paid = () => order.lineItems.reduce((sum, l) => sum + Number(l.price) * l.currentQuantity, 0);
  const none = (args: ConnectionArgs) => connection([] as { id: string }[], args, (x) => x.id);
  return {
    __typename: "CalculatedOrder",
    id: gid("CalculatedOrder", session.calculatedOrderId),
    committed: session.committedAt !== null,
    originalOrder: () => orderView(shop, order),
    lineItems: (args: ConnectionArgs & { query?: string | null }) => {
      const terms = parseSearch(args.query);
      return connection(lines().filter((l) => matches(l, terms, CALCULATED_LINE_FIELDS, (x) => x.title)), args, (l) => l.legacyLineItemId);
    },
    addedLineItems: none,
    addedDiscountApplications: none,
    stagedChanges: (args: ConnectionArgs) => connection(order.lineItems.flatMap((l) => stagedChangesOf(shop, session, order, l)), args, (c) => c.lineItemId),
    subtotalLineItemsQuantity: () => order.lineItems.reduce((sum, l) => sum + stagedQuantity(session, l), 0),
    subtotalPriceSet: () => money(shop, total()),
    totalPriceSet: () => money(shop, total()),
    totalOutstandingSet: () => money(shop, total() - paid()),
    cartDiscountAmountSet: null,
    shippingLines: [],
    taxLines: [],
    notificationPreviewTitle: `Order ${order.name} has been updated`,
    notificationPreviewHtml: null,
  };
}

export function orderEditMutations(shop: SandboxShop) {
  return {
    orderEditBegin: (args: Args) => guarded({ calculatedOrder: null, orderEditSession: null }, () => {
      const session = beginOrderEdit(shop, args.id);
      return { calculatedOrder: calculatedOrderView(shop, session), orderEditSession: orderEditSessionView(session) };
    }),
    orderEditSetQuantity: (args: Args) => guarded({ calculatedOrder: null, calculatedLineItem: null, orderEditSession: null }, () => {
      // `locationId` is deprecated in 2026-10 ("No longer supported", the schema's deprecationReason) and
      // ignored: restocked units go back to the location of the fulfillment order that committed them.
      const lineItemId = setEditQuantity(shop, args.id, args.lineItemId, args.quantity, args.restock);
      const { session, order } = openSession(shop, args.id);
      const line = order.lineItems.find((l) => l.id === lineItemId)!;
      return {
        calculatedOrder: calculatedOrderView(shop, session),
        calculatedLineItem: calculatedLineItemView(shop, session, order, line),
        orderEditSession: orderEditSessionView(session),
      };
    }),
    orderEditCommit: (args: Args) => guarded({ order: null, successMessages: null }, () => {
      const order = commitOrderEdit(shop, args.id, args.notifyCustomer, args.staffNote);
      return { order: orderView(shop, order), successMessages: [] };
    }),
  };
}
