/**
 * Shopify creates and routes an order's fulfillment orders in the background, after the order
 * exists and after `orders/create` is sent: "Shopify creates fulfillment orders automatically when
 * an order is created" (https://shopify.dev/docs/api/admin-graphql/latest/objects/FulfillmentOrder),
 * and `fulfillment_orders/order_routing_complete` says they exist (its payload: the fulfillment
 * order's id and status only; https://shopify.dev/docs/api/webhooks?reference=toml, topic
 * FULFILLMENT_ORDERS_ORDER_ROUTING_COMPLETE). Until then `Order.fulfillmentOrders` is empty.
 * Stock is committed when the order is created, not when it is routed: "Shopify decrements the
 * available inventory quantity for product variants that are included in an order, and increments
 * the committed inventory quantity" (https://shopify.dev/docs/apps/fulfillment/inventory-management-apps),
 * so in between, the levels count units no fulfillment order shows yet.
 *
 * Routing runs on the real clock (it models Shopify's background work, not the shop's calendar).
 */
import type { OrderRecord } from "./model";

/** Where checkout put one line's units (the location its stock was committed at). */
export interface Placement {
  lineItemId: number;
  locationId: number;
  quantity: number;
}

/** A few tens of milliseconds: routing is after the order webhook, as on Shopify, and tests stay quick. */
export const DEFAULT_ROUTING_DELAY_MS = 30;

export class OrderRouting {
  delayMs: number;
  private readonly pending = new Map<number, { placements: Placement[]; timer: ReturnType<typeof setTimeout> | null; dueAt: number }>();

  constructor(
    private readonly route: (order: OrderRecord, placements: Placement[]) => void,
    private readonly orderOf: (orderId: number) => OrderRecord | undefined,
    delayMs = DEFAULT_ROUTING_DELAY_MS,
  ) {
    this.delayMs = delayMs;
  }

  /** Routes the order after the delay. */
  schedule(order: OrderRecord, placements: Placement[]): void {
    const timer = setTimeout(() => this.routeNow(order.id), this.delayMs);
    timer.unref?.();
    this.pending.set(order.id, { placements, timer, dueAt: Date.now() + this.delayMs });
  }

  /** Whether an order is to be routed within `ms` (a test waiting for Shopify's work to finish). */
  dueWithin(ms: number): boolean {
    const limit = Date.now() + ms;
    return [...this.pending.values()].some((entry) => entry.dueAt <= limit);
  }

  /** Units of each line committed but not yet in a fulfillment order. */
  pendingQuantities(orderId: number): Placement[] {
    return this.pending.get(orderId)?.placements ?? [];
  }

  /** Routes one order at once (before the sandbox changes it: a cancel or an edit acts on its fulfillment orders). */
  routeNow(orderId: number): void {
    const entry = this.pending.get(orderId);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    this.pending.delete(orderId);
    const order = this.orderOf(orderId);
    if (order) this.route(order, entry.placements);
  }

  /** Routes every order still waiting for it (seeding, tests that need fulfillment orders now). */
  routeAll(): void {
    for (const orderId of [...this.pending.keys()]) this.routeNow(orderId);
  }

  /** Stops the timers (the sandbox is closing); nothing is routed any more. */
  stop(): void {
    for (const entry of this.pending.values()) if (entry.timer) clearTimeout(entry.timer);
    this.pending.clear();
  }
}
