import { describe, expect, it } from "vitest";
import { planVariant, type VariantPlan } from "../../app/domain/backorder-plan";
import { level, demand, input, queueOf } from "./backorder-plan-fixtures";

describe("planVariant: ship dates", () => {
  const queue = [demand("a", "L1", 1, 1), demand("b", "L1", 2, 2), demand("c", "L2", 3, 1)];
  const oversold = [level("L1", -3, 2), level("L2", -1, 2)];
  const datesOf = (plan: VariantPlan) => plan.waitingLines.map((line) => line.shipsOn);

  it("ships incoming stock on the merchant's restock date plus handling", () => {
    const plan = planVariant(input({ levels: oversold, demand: queue, restockDate: "2026-12-01", defaultLeadTimeDays: 30 }));
    expect(queueOf(plan).map(([id]) => id)).toEqual(["a", "b", "c"]);
    expect(datesOf(plan)).toEqual(["2026-12-02", "2026-12-02", "2026-12-02"]);
    // The merchant's date replaces the default lead time for the next unit sold too.
    expect(plan.nextShipsOn).toBe("2026-12-02");
  });

  it("uses the restock date with no incoming stock recorded, and accepts a timestamp", () => {
    const levels = [level("L1", -3), level("L2", -1)];
    expect(datesOf(planVariant(input({ levels, demand: queue, restockDate: "2026-12-01" })))).toEqual(["2026-12-02", "2026-12-02", "2026-12-02"]);
    const plan = planVariant(input({ levels, demand: queue, restockDate: "2026-12-01T18:00:00Z", handlingDays: 0 }));
    expect(datesOf(plan)).toEqual(["2026-12-01", "2026-12-01", "2026-12-01"]);
    expect(plan.nextShipsOn).toBe("2026-12-01");
  });

  it("never promises a restock date that has gone by: the stock did not come, so the default lead time applies", () => {
    const plan = planVariant(input({ levels: oversold, demand: queue, restockDate: "2026-11-01", defaultLeadTimeDays: 14, handlingDays: 2 }));
    expect(datesOf(plan)).toEqual(["2026-12-10", "2026-12-10", "2026-12-10"]);
    expect(plan.nextShipsOn).toBe("2026-12-10");
    const yesterday = planVariant(input({ levels: oversold, demand: queue, restockDate: "2026-11-23", defaultLeadTimeDays: null }));
    expect(datesOf(yesterday)).toEqual([null, null, null]);
    expect(yesterday.nextShipsOn).toBeNull();
  });

  it("still promises a restock date of today", () => {
    const plan = planVariant(input({ levels: oversold, demand: queue, restockDate: "2026-11-24", handlingDays: 1 }));
    expect(plan.nextShipsOn).toBe("2026-11-25");
  });

  it("falls back to the default lead time, with or without incoming stock", () => {
    for (const levels of [oversold, [level("L1", -3), level("L2", -1)]]) {
      const plan = planVariant(input({ levels, demand: queue, defaultLeadTimeDays: 14, handlingDays: 1 }));
      expect(datesOf(plan)).toEqual(["2026-12-09", "2026-12-09", "2026-12-09"]);
      expect(plan.nextShipsOn).toBe("2026-12-09");
    }
  });

  it("promises no date when there is no restock date and no lead time", () => {
    const plan = planVariant(input({ levels: oversold, demand: queue, defaultLeadTimeDays: null }));
    expect(plan.decision.status).toBe("backorder");
    expect(datesOf(plan)).toEqual([null, null, null]);
    expect(plan.nextShipsOn).toBeNull();
  });

  it("promises the next unit a date even when nobody waits yet", () => {
    const plan = planVariant(input({ levels: [level("L1", 0)], defaultLeadTimeDays: 7, handlingDays: 0 }));
    expect(plan.decision.status).toBe("backorder");
    expect(plan.waitingLines).toEqual([]);
    expect(plan.nextShipsOn).toBe("2026-12-01");
  });

  it("has no next ship date unless the variant is back-ordered", () => {
    const inStock = planVariant(input({ levels: [level("L1", -1), level("L2", 5)], demand: [demand("a", "L1", 1, 1)] }));
    expect(inStock.decision.status).toBe("in_stock");
    expect(inStock.waitingLines[0]!.shipsOn).toBe("2026-12-09");
    expect(inStock.nextShipsOn).toBeNull();

    const soldOut = planVariant(input({ levels: oversold, demand: queue, rules: { scope: { kind: "all" }, waitingCapPerVariant: 1 } }));
    expect(soldOut.decision.status).toBe("sold_out");
    expect(soldOut.nextShipsOn).toBeNull();

    expect(planVariant(input({ levels: oversold, demand: queue, tracked: false })).nextShipsOn).toBeNull();
    expect(planVariant(input({ levels: oversold, demand: queue, override: "never" })).nextShipsOn).toBeNull();
  });
});
