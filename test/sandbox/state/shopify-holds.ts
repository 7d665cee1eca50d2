/**
 * Holds Shopify itself puts on a new order's fulfillment orders, and lifts by itself later.
 *
 * - Post-purchase upsells: "Orders that include a post-purchase offer may now have fulfillment holds
 *   on inventory. These holds occur after payment is accepted, before the customer decides whether
 *   they will add items to their order" (shopify.dev/changelog/post-purchase-fulfillment-holds); the
 *   hold's reason is `ONLINE_STORE_POST_PURCHASE_CROSS_SELL` ("applied because of a post purchase
 *   upsell offer", FulfillmentHoldReason, 2026-10 schema). Shopify lifts it when the buyer answers
 *   the offer or after an hour (help pages of upsell apps; Shopify's own pages give no figure).
 * - Other holds Shopify places on new orders (`HIGH_RISK_OF_FRAUD`, `AWAITING_PAYMENT`, same enum).
 *
 * Such a hold is not the app's: `FulfillmentHold.heldByRequestingApp` is false ("whether the requesting
 * app created the fulfillment hold"), and the app may not release it (fulfillment.ts, INVALID_ACCESS).
 * Webhooks as Shopify sends them: `fulfillment_orders/placed_on_hold` once the fulfillment order turns
 * ON_HOLD; on release `fulfillment_holds/released` for each hold ("Occurs each time that a hold is
 * released from a fulfillment order") and `fulfillment_orders/hold_released` only "when the last hold
 * is released and the status of the fulfillment order is no longer ON_HOLD" (WebhookSubscriptionTopic,
 * 2026-10 schema); the released-hold payload is in webhook-payloads.ts.
 *
 * The release runs on the real clock (Shopify's background work, like order-routing.ts).
 */
import { SandboxError } from "./contract";
import type { FulfillmentOrderRecord, HoldRecord, OrderRecord } from "./model";
import type { SandboxShop } from "./shop";
import { heldReleasedPayload, holdReleasedPayload, placedOnHoldPayload } from "./webhook-payloads";

/** Holds the new fulfillment orders (called as routing opens them), and schedules Shopify's release. */
export function placeShopifyHolds(shop: SandboxShop, order: OrderRecord, fulfillmentOrders: readonly FulfillmentOrderRecord[]): void {
  const input = order.shopifyHold;
  if (!input) return;
  for (const fo of fulfillmentOrders) {
    const hold: HoldRecord = { id: shop.ids.take(), handle: null, reason: input.reason ?? "ONLINE_STORE_POST_PURCHASE_CROSS_SELL", reasonNotes: null, heldByApp: false };
    fo.holds.push(hold);
    fo.status = "ON_HOLD";
  }
  shop.shopifyHoldTimers.schedule(order.id, input.releaseAfterMs);
}

/** Emits `placed_on_hold` for the fulfillment orders Shopify held as it routed them (after routing_complete). */
export function announceShopifyHolds(shop: SandboxShop, fulfillmentOrders: readonly FulfillmentOrderRecord[]): void {
  for (const fo of fulfillmentOrders) {
    const hold = fo.holds.find((h) => !h.heldByApp);
    if (hold) shop.emit("fulfillment_orders/placed_on_hold", placedOnHoldPayload(fo, hold, null));
  }
}

/** Shopify lifts its own holds on the order's fulfillment orders (the buyer answered the upsell, or time ran out). */
export function releaseShopifyHolds(shop: SandboxShop, order: OrderRecord): void {
  if (!order.shopifyHold) throw new SandboxError(`Order ${order.name} was not placed with a hold by Shopify`, 409);
  const reason = order.shopifyHold.reason ?? "ONLINE_STORE_POST_PURCHASE_CROSS_SELL";
  shop.shopifyHoldTimers.cancel(order.id);
  for (const fo of shop.fulfillmentOrdersOf(order)) {
    const released = fo.holds.filter((h) => !h.heldByApp && h.handle === null && h.reason === reason);
    if (released.length === 0) continue;
    fo.holds = fo.holds.filter((h) => !released.includes(h));
    fo.updatedAt = shop.nowIso();
    if (fo.holds.length === 0 && fo.status === "ON_HOLD") fo.status = fo.lineItems.some((l) => l.remainingQuantity < l.totalQuantity) ? "IN_PROGRESS" : "OPEN";
    for (const hold of released) shop.emit("fulfillment_holds/released", heldReleasedPayload(fo, hold));
    if (fo.holds.length === 0) shop.emit("fulfillment_orders/hold_released", holdReleasedPayload(fo));
  }
}

/** When Shopify lifts each order's hold by itself. */
export class ShopifyHoldTimers {
  private readonly timers = new Map<number, { timer: ReturnType<typeof setTimeout>; dueAt: number }>();

  constructor(private readonly release: (orderId: number) => void) {}

  schedule(orderId: number, afterMs: number): void {
    this.cancel(orderId);
    const timer = setTimeout(() => {
      this.timers.delete(orderId);
      this.release(orderId);
    }, afterMs);
    timer.unref?.();
    this.timers.set(orderId, { timer, dueAt: Date.now() + afterMs });
  }

  /** Whether a hold is to be lifted within `ms` (a test waiting for Shopify's work to finish). */
  dueWithin(ms: number): boolean {
    const limit = Date.now() + ms;
    return [...this.timers.values()].some((entry) => entry.dueAt <= limit);
  }

  cancel(orderId: number): void {
    const entry = this.timers.get(orderId);
    if (entry) clearTimeout(entry.timer);
    this.timers.delete(orderId);
  }

  stop(): void {
    for (const entry of this.timers.values()) clearTimeout(entry.timer);
    this.timers.clear();
  }
}
