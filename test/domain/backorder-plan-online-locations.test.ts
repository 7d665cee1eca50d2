import { describe, expect, it } from "vitest";
import { demandWindowIsEnough, missingDemand, planVariant, type LocationStock } from "../../app/domain/backorder-plan";
import { demandSearchGivesUp, FRUITLESS_DEMAND_PAGES, unexplainedUnits } from "../../app/domain/online-stock";
import { allProducts, demand, input, level, queueOf } from "./backorder-plan-fixtures";

/** A location that does not fulfil online orders: a shop with its own till. */
const retail = (locationId: string, available: number, incoming = 0): LocationStock => ({ ...level(locationId, available, incoming), fulfillsOnlineOrders: false });

describe("planVariant: only locations that fulfil online orders", () => {
  it("does not let stock in a shop hide an online sell-out", () => {
    const plan = planVariant(input({ levels: [level("warehouse", 0), retail("shop", 5)] }));
    expect(plan.sellable).toBe(0);
    expect(plan.decision).toEqual({ status: "backorder", policy: "CONTINUE" });
  });

  it("keeps selling online what a location that fulfils online orders has, whatever the shop sold below zero", () => {
    const plan = planVariant(input({ levels: [level("warehouse", 4), retail("shop", -3)] }));
    expect(plan.sellable).toBe(4);
    expect(plan.decision).toEqual({ status: "in_stock", policy: "DENY" });
    expect(plan.waitingUnits).toBe(0);
    expect(plan.unexplainedUnits).toBe(3);
  });

  it("does not count point-of-sale sales below zero against the waiting cap", () => {
    const capped = { ...allProducts, waitingCapPerVariant: 2 };
    const plan = planVariant(input({ rules: capped, levels: [level("warehouse", -1), retail("shop", -6)], demand: [demand("a", "warehouse", 1, 1)] }));
    expect(plan.decision.status).toBe("backorder");
    expect(plan.waitingUnits).toBe(1);
    expect(queueOf(plan)).toEqual([["a", "warehouse", 1, 1]]);
    expect(plan.unexplainedUnits).toBe(6);
    // Two waiting online do reach it.
    const full = planVariant(input({ rules: capped, levels: [level("warehouse", -2), retail("shop", -6)], demand: [demand("a", "warehouse", 1, 2)] }));
    expect(full.decision.status).toBe("sold_out");
  });

  it("queues no line at a location that does not fulfil online orders, and promises no ship date from its incoming stock", () => {
    const plan = planVariant(input({ defaultLeadTimeDays: null, levels: [level("warehouse", 0), retail("shop", -1, 10)], demand: [demand("a", "shop", 1, 1)] }));
    expect(plan.waitingLines).toEqual([]);
    expect(plan.nextShipsOn).toBeNull();
  });

  it("keeps a line it holds at a location that stopped fulfilling online orders waiting until units arrive there", () => {
    const held = [{ ...demand("a", "shop", 1, 2), waitingUnits: 2 }];
    const still = planVariant(input({ levels: [level("warehouse", 0), retail("shop", -2)], held }));
    expect(queueOf(still)).toEqual([["a", "shop", 2, 1]]);
    expect(still.unexplainedUnits).toBe(0);
    const oneArrived = planVariant(input({ levels: [level("warehouse", 0), retail("shop", -1)], held }));
    expect(queueOf(oneArrived)).toEqual([["a", "shop", 1, 1]]);
  });

  it("looks for waiting orders only where online orders wait", () => {
    expect(missingDemand([level("warehouse", -2), retail("shop", -7)], [])).toBe(2);
    expect(demandWindowIsEnough([level("warehouse", 0), retail("shop", -7)], [])).toBe(true);
  });
});

describe("unexplainedUnits", () => {
  it("counts units sold below zero that no waiting line accounts for, per location", () => {
    const levels = [level("L1", -3), level("L2", -1), retail("shop", -2), level("L3", 5)];
    expect(unexplainedUnits(levels, [])).toBe(6);
    expect(unexplainedUnits(levels, [{ locationId: "L1", waitingUnits: 2 }, { locationId: "L2", waitingUnits: 1 }])).toBe(3);
    // A line at one location does not explain another's.
    expect(unexplainedUnits([level("L1", -1), level("L2", -1)], [{ locationId: "L2", waitingUnits: 5 }])).toBe(1);
  });

  it("is what the plan reports once its waiting lines are placed", () => {
    const plan = planVariant(input({ levels: [level("L1", -3)], demand: [demand("a", "L1", 1, 1)] }));
    expect(plan.waitingUnits).toBe(1);
    expect(plan.unexplainedUnits).toBe(2);
    expect(planVariant(input({ levels: [level("L1", -3)], demand: [demand("a", "L1", 1, 3)] })).unexplainedUnits).toBe(0);
    expect(planVariant(input({ tracked: false, levels: [level("L1", -3)] })).unexplainedUnits).toBe(0);
  });
});

describe("demandSearchGivesUp", () => {
  it("gives up after a bounded run of pages that found none of the variant's open lines", () => {
    expect(demandSearchGivesUp(0)).toBe(false);
    expect(demandSearchGivesUp(FRUITLESS_DEMAND_PAGES - 1)).toBe(false);
    expect(demandSearchGivesUp(FRUITLESS_DEMAND_PAGES)).toBe(true);
  });
});
