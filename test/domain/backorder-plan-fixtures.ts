/** Shared fixtures for the planVariant tests: stock levels, demand lines, a variant's plan input, and its queue. */
import type { LocatedDemand, LocationStock, VariantPlan, VariantPlanInput } from "../../app/domain/backorder-plan";
import type { BackorderRules } from "../../app/domain/variant-policy";

export const today = "2026-11-24";
export const allProducts: BackorderRules = { scope: { kind: "all" }, waitingCapPerVariant: null };

export const level = (locationId: string, available: number, incoming = 0): LocationStock => ({ locationId, available, incoming });

/** A line ordered on day `day` of March 2026 (higher day = newer order). */
export const demand = (lineItemId: string, locationId: string, day: number, openQuantity: number, priority?: number): LocatedDemand => ({
  lineItemId,
  orderId: `order-${lineItemId}`,
  orderedAt: `2026-03-${String(day).padStart(2, "0")}T10:00:00Z`,
  openQuantity,
  locationId,
  ...(priority === undefined ? {} : { priority }),
});

export const input = (overrides: Partial<VariantPlanInput> = {}): VariantPlanInput => ({
  rules: allProducts,
  productId: "gid://shopify/Product/1",
  productTags: [],
  tracked: true,
  override: null,
  merchantPolicy: "DENY",
  levels: [],
  demand: [],
  restockDate: null,
  defaultLeadTimeDays: 14,
  handlingDays: 1,
  today,
  ...overrides,
});

/** [lineItemId, locationId, waitingUnits, queuePosition] per waiting line, in queue order. */
export const queueOf = (plan: VariantPlan) => plan.waitingLines.map((line) => [line.lineItemId, line.locationId, line.waitingUnits, line.queuePosition]);
