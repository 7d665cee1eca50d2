/**
 * Order edit sessions behind the Admin API's orderEditBegin / orderEditSetQuantity /
 * orderEditCommit. Changes are staged on the session and touch the shop only on commit,
 * through the same line editing the control API uses. Refusals are ShopUserErrors, which
 * the Admin API answers as `userErrors`.
 */
import { SandboxError, type Gid } from "./contract";
import { ShopUserError } from "./errors";
import { parseGid } from "./ids";
import type { LineItemRecord, OrderRecord } from "./model";
import { editLines, openFulfillmentLines } from "./order-line-edits";
import type { SandboxShop } from "./shop";

export interface StagedQuantity {
  quantity: number;
  restock: boolean;
}

export interface OrderEditSession {
  /** Number of the `CalculatedOrder` GID. */
  calculatedOrderId: number;
  /** Number of the `OrderEditSession` GID; Shopify accepts either id in the later mutations. */
  sessionId: number;
  orderId: number;
  beganAt: string;
  /** Each line's current and unfulfilled quantity when the edit began; a commit after either moved is stale. */
  basis: Map<number, { current: number; unfulfilled: number }>;
  /** New quantity per line item id; lines left as they were are absent. */
  staged: Map<number, StagedQuantity>;
  committedAt: string | null;
}

/** One shop's edit sessions, found by either of their GIDs. */
export class OrderEditSessions {
  private readonly byCalculatedOrder = new Map<number, OrderEditSession>();
  private readonly bySessionId = new Map<number, OrderEditSession>();

  add(session: OrderEditSession): void {
    this.byCalculatedOrder.set(session.calculatedOrderId, session);
    this.bySessionId.set(session.sessionId, session);
  }

  find(value: Gid): OrderEditSession | undefined {
    const parsed = parseGid(value);
    if (parsed?.type === "CalculatedOrder") return this.byCalculatedOrder.get(parsed.id);
    if (parsed?.type === "OrderEditSession") return this.bySessionId.get(parsed.id);
    return undefined;
  }
}

/** Units of the line not yet fulfilled: the part an edit may change. */
export function unfulfilledOf(shop: SandboxShop, order: OrderRecord, line: LineItemRecord): number {
  return order.cancelledAt ? 0 : (shop.fulfillableQuantities(order).get(line.id) ?? 0);
}

function refuseUneditable(order: OrderRecord): void {
  if (order.cancelledAt) throw new ShopUserError(`Order ${order.name} is canceled and can't be edited.`, ["id"]);
  if (order.closedAt) throw new ShopUserError(`Order ${order.name} is closed and can't be edited.`, ["id"]);
  // "Previously apps could only edit orders created through a Shopify channel (for example, POS, online
  // store, or draft orders). Going forward, apps can now edit orders they created" (shopify.dev/changelog/
  // apps-can-now-edit-orders-they-created): an order another app created is not editable by this one.
  // Shopify's exact wording is not documented; this one says the same.
  if (order.createdByApp) throw new ShopUserError(`Order ${order.name} was created by another app (${order.createdByApp}), and apps can edit only orders they created or that came from Shopify's own sales channels.`, ["id"]);
}

function basisOf(shop: SandboxShop, order: OrderRecord): OrderEditSession["basis"] {
  return new Map(order.lineItems.map((line) => [line.id, { current: line.currentQuantity, unfulfilled: unfulfilledOf(shop, order, line) }]));
}

function isStale(shop: SandboxShop, order: OrderRecord, session: OrderEditSession): boolean {
  const now = basisOf(shop, order);
  if (now.size !== session.basis.size) return true;
  return [...session.basis].some(([lineId, then]) => {
    const current = now.get(lineId);
    return !current || current.current !== then.current || current.unfulfilled !== then.unfulfilled;
  });
}

export function beginOrderEdit(shop: SandboxShop, orderGid: Gid): OrderEditSession {
  const parsed = parseGid(orderGid);
  const order = parsed?.type === "Order" ? shop.orders.get(parsed.id) : undefined;
  if (!order) throw new ShopUserError("The order does not exist.", ["id"]);
  refuseUneditable(order);
  const session: OrderEditSession = {
    calculatedOrderId: shop.ids.take(),
    sessionId: shop.ids.take(),
    orderId: order.id,
    beganAt: shop.nowIso(),
    basis: basisOf(shop, order),
    staged: new Map(),
    committedAt: null,
  };
  shop.orderEdits.add(session);
  return session;
}

/** The session named by `id`, refusing unknown and already committed ones. */
export function openSession(shop: SandboxShop, id: Gid): { session: OrderEditSession; order: OrderRecord } {
  const session = shop.orderEdits.find(id);
  if (!session) throw new ShopUserError("The calculated order does not exist.", ["id"]);
  if (session.committedAt) throw new ShopUserError("The calculated order has already been committed; begin a new edit.", ["id"]);
  return { session, order: shop.orders.get(session.orderId)! };
}

/** Stages a line's new quantity. Returns the line item id it applies to. */
export function setEditQuantity(shop: SandboxShop, id: Gid, lineItemGid: Gid, quantity: number, restock: boolean | null | undefined): number {
  const { session, order } = openSession(shop, id);
  const parsed = parseGid(lineItemGid);
  const line = parsed?.type === "CalculatedLineItem" ? order.lineItems.find((l) => l.id === parsed.id) : undefined;
  if (!line) throw new ShopUserError(`${lineItemGid} is not a CalculatedLineItem of this calculated order.`, ["lineItemId"]);
  if (quantity < 0) throw new ShopUserError("Quantity must be greater than or equal to 0.", ["quantity"]);
  const fulfilled = line.currentQuantity - unfulfilledOf(shop, order, line);
  if (quantity < fulfilled) throw new ShopUserError(`Quantity can't be less than the ${fulfilled} units already fulfilled.`, ["quantity"]);
  if (quantity > line.currentQuantity) refuseAddition(shop, order, line, quantity - line.currentQuantity);
  if (quantity === line.currentQuantity) session.staged.delete(line.id);
  else session.staged.set(line.id, { quantity, restock: quantity < line.currentQuantity && restock === true });
  return line.id;
}

function refuseAddition(shop: SandboxShop, order: OrderRecord, line: LineItemRecord, added: number): void {
  const variant = line.variantId === null ? undefined : shop.variants.get(line.variantId);
  const tracked = variant ? (shop.items.get(variant.inventoryItemId)?.tracked ?? false) : false;
  if (variant && tracked && variant.inventoryPolicy === "DENY" && added > shop.totalAvailable(variant.id)) {
    throw new ShopUserError(`Only ${Math.max(0, shop.totalAvailable(variant.id))} more of ${variant.sku} are available.`, ["quantity"]);
  }
  if (openFulfillmentLines(shop, order, line.id).length === 0) {
    throw new ShopUserError("The line has no open fulfillment order to add units to.", ["lineItemId"]);
  }
}

export function commitOrderEdit(shop: SandboxShop, id: Gid, notifyCustomer: boolean | null | undefined, staffNote: string | null | undefined): OrderRecord {
  const { session, order } = openSession(shop, id);
  refuseUneditable(order);
  if (isStale(shop, order, session)) throw new ShopUserError("The order changed after this edit began; begin a new edit.", ["id"]);
  const changes = [...session.staged].map(([lineItemId, staged]) => ({ lineItemId, ...staged }));
  try {
    editLines(shop, order, changes, { notifyCustomer: notifyCustomer ?? false, staffNote: staffNote ?? null });
  } catch (error) {
    // The shop refused (stock ran out since staging, say): a userError, as Shopify reports it.
    if (error instanceof SandboxError && !(error instanceof ShopUserError)) throw new ShopUserError(error.message, ["id"]);
    throw error;
  }
  session.committedAt = shop.nowIso();
  return order;
}
