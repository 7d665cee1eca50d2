import { describe, expect, it } from "vitest";
import { planVariant } from "../../app/domain/backorder-plan";
import type { BackorderRules } from "../../app/domain/variant-policy";
import { level, demand, input, queueOf } from "./backorder-plan-fixtures";

describe("planVariant: status and policy", () => {
  const oversold = { levels: [level("L1", -2)], demand: [demand("a", "L1", 1, 2)] };

  it("back-orders an in-scope variant that is out of stock", () => {
    expect(planVariant(input(oversold)).decision).toEqual({ status: "backorder", policy: "CONTINUE" });
    expect(planVariant(input({ levels: [level("L1", 0)] })).decision).toEqual({ status: "backorder", policy: "CONTINUE" });
  });

  it("reports in stock while units are free, and keeps selling (CONTINUE) while units are owed elsewhere", () => {
    expect(planVariant(input({ levels: [level("L1", 0), level("L2", 3)] })).decision).toEqual({ status: "in_stock", policy: "DENY" });
    const plan = planVariant(input({ levels: [level("L1", -1), level("L2", 3)], demand: [demand("a", "L1", 1, 1)] }));
    // Shopify nets the owed unit against the free ones; DENY would stop selling with 3 units on the shelf.
    expect(plan.decision).toEqual({ status: "in_stock", policy: "CONTINUE" });
    expect(plan.sellable).toBe(2);
    // The oversold location still has someone waiting.
    expect(queueOf(plan)).toEqual([["a", "L1", 1, 1]]);
  });

  it("keeps the defect's variant selling: 3 units owed at the warehouse, 5 free at the store", () => {
    const plan = planVariant(input({ levels: [level("L1", -3), level("L2", 5)], demand: [demand("a", "L1", 1, 2), demand("b", "L1", 2, 1)] }));
    expect(plan.decision.policy).toBe("CONTINUE");
    expect(queueOf(plan)).toEqual([["a", "L1", 2, 1], ["b", "L1", 1, 2]]);
  });

  it("counts no units at a location that does not fulfil online orders as sellable", () => {
    expect(planVariant(input({ levels: [level("L1", 0), { ...level("L2", 4), fulfillsOnlineOrders: false }] })).decision.status).toBe("backorder");
  });

  it("leaves out-of-scope and untracked variants to the merchant", () => {
    const tagged: BackorderRules = { scope: { kind: "tagged", tag: "backorder" }, waitingCapPerVariant: null };
    expect(planVariant(input({ ...oversold, rules: tagged, productTags: ["Backorder"] })).decision.status).toBe("backorder");
    expect(planVariant(input({ ...oversold, rules: tagged, productTags: ["other"] })).decision).toEqual({ status: "not_managed", policy: "DENY" });
    expect(planVariant(input({ ...oversold, rules: tagged, merchantPolicy: "CONTINUE" })).decision).toEqual({ status: "not_managed", policy: "CONTINUE" });

    const chosen: BackorderRules = { scope: { kind: "chosen", productIds: ["gid://shopify/Product/2"] }, waitingCapPerVariant: null };
    expect(planVariant(input({ ...oversold, rules: chosen })).decision.status).toBe("not_managed");
    expect(planVariant(input({ ...oversold, rules: chosen, productId: "gid://shopify/Product/2" })).decision.status).toBe("backorder");
    expect(planVariant(input({ ...oversold, rules: chosen, override: "always" })).decision.status).toBe("backorder");
    expect(planVariant(input({ ...oversold, override: "never" })).decision).toEqual({ status: "not_managed", policy: "DENY" });

    expect(planVariant(input({ ...oversold, tracked: false })).decision).toEqual({ status: "not_managed", policy: "DENY" });
    expect(planVariant(input({ ...oversold, tracked: false, merchantPolicy: "CONTINUE" })).decision).toEqual({ status: "not_managed", policy: "CONTINUE" });
  });

  it("holds nothing for a variant it does not manage, however oversold", () => {
    const levels = [level("L1", -3, 2), level("L2", -1)];
    const lines = [demand("a", "L1", 1, 2), demand("b", "L1", 2, 2), demand("c", "L2", 3, 1)];
    const managed = planVariant(input({ levels, demand: lines }));
    expect(managed.waitingUnits).toBe(4);
    expect(managed.waitingLines).toHaveLength(3);

    const tagged: BackorderRules = { scope: { kind: "tagged", tag: "backorder" }, waitingCapPerVariant: null };
    const chosen: BackorderRules = { scope: { kind: "chosen", productIds: ["gid://shopify/Product/2"] }, waitingCapPerVariant: null };
    for (const overrides of [
      { rules: tagged, productTags: ["other"] },
      { rules: chosen },
      { override: "never" as const },
      { tracked: false },
      { tracked: false, merchantPolicy: "CONTINUE" as const },
      // Even when the variant is back-ordered under the cap, or over it, as soon as it is out of the rules.
      { override: "never" as const, rules: { scope: { kind: "all" as const }, waitingCapPerVariant: 1 } },
    ]) {
      const plan = planVariant(input({ levels, demand: lines, restockDate: "2026-12-01", ...overrides }));
      expect(plan.decision.status).toBe("not_managed");
      expect(plan.waitingLines).toEqual([]);
      expect(plan.waitingUnits).toBe(0);
      expect(plan.nextShipsOn).toBeNull();
      // What Shopify sells is still reported as it is.
      expect(plan.sellable).toBe(-4);
    }
    // Brought back into the rules, the same lines wait again.
    expect(planVariant(input({ levels, demand: lines, override: "always", rules: chosen })).waitingLines).toEqual(managed.waitingLines);
  });

  it("stops selling (sold_out, DENY) once the waiting units reach the cap", () => {
    const capped: BackorderRules = { scope: { kind: "all" }, waitingCapPerVariant: 2 };
    expect(planVariant(input({ ...oversold, rules: capped })).decision).toEqual({ status: "sold_out", policy: "DENY" });
    expect(planVariant(input({ levels: [level("L1", -1)], demand: [demand("a", "L1", 1, 1)], rules: capped })).decision).toEqual({
      status: "backorder",
      policy: "CONTINUE",
    });
    // The cap adds up every location.
    expect(planVariant(input({ levels: [level("L1", -1), level("L2", -1)], rules: capped })).decision.status).toBe("sold_out");
  });

  it("counts Shopify's waiting units against the cap, not only the lines the window read", () => {
    const capped: BackorderRules = { scope: { kind: "all" }, waitingCapPerVariant: 5 };
    const plan = planVariant(input({ levels: [level("L1", -5)], demand: [demand("a", "L1", 1, 1)], rules: capped }));
    expect(plan.waitingUnits).toBe(1);
    expect(plan.decision).toEqual({ status: "sold_out", policy: "DENY" });
  });

  it("never sets DENY on a variant whose merchant chose CONTINUE, even over the cap", () => {
    const capped: BackorderRules = { scope: { kind: "all" }, waitingCapPerVariant: 1 };
    const plan = planVariant(input({ levels: [level("L1", -9)], rules: capped, merchantPolicy: "CONTINUE" }));
    expect(plan.decision).toEqual({ status: "backorder", policy: "CONTINUE" });
  });
});
