import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  demandWindowIsEnough,
  missingDemand,
  planVariant,
  waitingAt,
  type LocatedDemand,
  type LocationStock,
  type VariantPlan,
  type VariantPlanInput,
} from "../../app/domain/backorder-plan";
import { addDays } from "../../app/domain/restock-eta";
import type { BackorderRules } from "../../app/domain/variant-policy";
import { compareQueueOrder } from "../../app/domain/waiting-queue";

const today = "2026-11-24";
const allProducts: BackorderRules = { scope: { kind: "all" }, waitingCapPerVariant: null };

const level = (locationId: string, available: number, incoming = 0): LocationStock => ({ locationId, available, incoming });

/** A line ordered on day `day` of March 2026 (higher day = newer order). */
const demand = (lineItemId: string, locationId: string, day: number, openQuantity: number, priority?: number): LocatedDemand => ({
  lineItemId,
  orderId: `order-${lineItemId}`,
  orderedAt: `2026-03-${String(day).padStart(2, "0")}T10:00:00Z`,
  openQuantity,
  locationId,
  ...(priority === undefined ? {} : { priority }),
});

const input = (overrides: Partial<VariantPlanInput> = {}): VariantPlanInput => ({
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
const queueOf = (plan: VariantPlan) => plan.waitingLines.map((line) => [line.lineItemId, line.locationId, line.waitingUnits, line.queuePosition]);

describe("planVariant: who waits at each location", () => {
  const levels = [level("L1", -4), level("L2", 2), level("L3", 0)];
  const lines = [
    demand("a", "L1", 1, 2),
    demand("b", "L1", 2, 2),
    demand("c", "L1", 3, 1),
    demand("d", "L2", 1, 1),
    demand("e", "L2", 4, 3),
    demand("f", "L3", 5, 1),
  ];

  it("gives a location's waiting units (-available) to its newest lines", () => {
    const plan = planVariant(input({ levels, demand: lines }));
    // L1 has 5 units of demand and 4 waiting: the oldest line keeps one unit, the rest waits.
    expect(queueOf(plan)).toEqual([
      ["a", "L1", 1, 1],
      ["b", "L1", 2, 2],
      ["c", "L1", 1, 3],
    ]);
    expect(plan.waitingUnits).toBe(4);
    expect(plan.sellable).toBe(-2);
  });

  it("does not depend on the order the demand was read in", () => {
    const forward = planVariant(input({ levels, demand: lines }));
    const backward = planVariant(input({ levels, demand: [...lines].reverse() }));
    expect(backward.waitingLines).toEqual(forward.waitingLines);
  });

  it("has nobody waiting at a location whose available is zero or more", () => {
    const plan = planVariant(input({ levels: [level("L1", 0), level("L2", 3)], demand: lines }));
    expect(plan.waitingLines).toEqual([]);
    expect(plan.waitingUnits).toBe(0);
  });

  it("keeps the line's facts and adds its wait", () => {
    const plan = planVariant(input({ levels: [level("L1", -1)], demand: [demand("a", "L1", 1, 3, 0)] }));
    expect(plan.waitingLines).toEqual([
      {
        lineItemId: "a",
        orderId: "order-a",
        orderedAt: "2026-03-01T10:00:00Z",
        openQuantity: 3,
        priority: 0,
        locationId: "L1",
        waitingUnits: 1,
        queuePosition: 1,
        shipsOn: addDays(today, 15),
      },
    ]);
    // No priority key appears on a line that had none.
    const plain = planVariant(input({ levels: [level("L1", -1)], demand: [demand("a", "L1", 1, 3)] }));
    expect(plain.waitingLines[0]).not.toHaveProperty("priority");
  });

  it("ignores demand at locations without a level and lines with nothing open", () => {
    const plan = planVariant(
      input({
        levels: [level("L1", -2)],
        demand: [demand("elsewhere", "L9", 9, 5), demand("done", "L1", 8, 0), demand("a", "L1", 1, 1), demand("b", "L1", 2, 1)],
      }),
    );
    expect(queueOf(plan)).toEqual([
      ["a", "L1", 1, 1],
      ["b", "L1", 1, 2],
    ]);
  });

  it("counts only the units the window holds when Shopify says more wait", () => {
    const plan = planVariant(input({ levels: [level("L1", -5)], demand: [demand("a", "L1", 1, 2)] }));
    expect(queueOf(plan)).toEqual([["a", "L1", 2, 1]]);
    expect(plan.waitingUnits).toBe(2);
  });

  it("serves a prioritised line at its location before older ones", () => {
    const plan = planVariant(input({ levels: [level("L1", -1)], demand: [demand("old", "L1", 1, 1), demand("vip", "L1", 9, 1, 1)] }));
    expect(queueOf(plan)).toEqual([["old", "L1", 1, 1]]);
  });
});

describe("planVariant: queue positions", () => {
  it("numbers waiting lines 1..n across locations, priority first, then oldest", () => {
    const plan = planVariant(
      input({
        levels: [level("L1", -2), level("L2", -1), level("L3", -1)],
        demand: [
          // L1: x keeps its unit, y waits with 2.
          demand("x", "L1", 5, 1),
          demand("y", "L1", 6, 2),
          // L2: z keeps its unit, w waits.
          demand("z", "L2", 4, 1),
          demand("w", "L2", 7, 1),
          // L3: the only line waits, and the merchant put it first.
          demand("p", "L3", 8, 1, 1),
        ],
      }),
    );
    expect(queueOf(plan)).toEqual([
      ["p", "L3", 1, 1],
      ["y", "L1", 2, 2],
      ["w", "L2", 1, 3],
    ]);
  });

  it("breaks ties between orders placed at the same time by line id", () => {
    const plan = planVariant(input({ levels: [level("L1", -1), level("L2", -1)], demand: [demand("m", "L1", 3, 1), demand("k", "L2", 3, 1)] }));
    expect(queueOf(plan)).toEqual([
      ["k", "L2", 1, 1],
      ["m", "L1", 1, 2],
    ]);
  });
});

describe("planVariant: status and policy", () => {
  const oversold = { levels: [level("L1", -2)], demand: [demand("a", "L1", 1, 2)] };

  it("back-orders an in-scope variant that is out of stock", () => {
    expect(planVariant(input(oversold)).decision).toEqual({ status: "backorder", policy: "CONTINUE" });
    expect(planVariant(input({ levels: [level("L1", 0)] })).decision).toEqual({ status: "backorder", policy: "CONTINUE" });
  });

  it("reports in stock with the merchant's policy while the total available is positive", () => {
    const plan = planVariant(input({ levels: [level("L1", -1), level("L2", 3)], demand: [demand("a", "L1", 1, 1)] }));
    expect(plan.decision).toEqual({ status: "in_stock", policy: "DENY" });
    expect(plan.sellable).toBe(2);
    // The oversold location still has someone waiting.
    expect(queueOf(plan)).toEqual([["a", "L1", 1, 1]]);
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

  it("never promises a past restock date", () => {
    const plan = planVariant(input({ levels: oversold, demand: queue, restockDate: "2026-11-01", handlingDays: 2 }));
    expect(datesOf(plan)).toEqual(["2026-11-26", "2026-11-26", "2026-11-26"]);
    expect(plan.nextShipsOn).toBe("2026-11-26");
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

describe("missingDemand / demandWindowIsEnough", () => {
  it("is zero when nothing waits", () => {
    expect(missingDemand([level("L1", 0), level("L2", 7)], [])).toBe(0);
    expect(demandWindowIsEnough([level("L1", 0), level("L2", 7)], [])).toBe(true);
    expect(demandWindowIsEnough([], [])).toBe(true);
  });

  it("counts the waiting units the lines read so far do not cover, per location", () => {
    const levels = [level("L1", -3), level("L2", -2), level("L3", 4)];
    expect(missingDemand(levels, [])).toBe(5);
    expect(missingDemand(levels, [demand("a", "L1", 1, 2)])).toBe(3);
    // Surplus at one location does not make up for a shortfall at another.
    expect(missingDemand(levels, [demand("a", "L1", 1, 10), demand("b", "L3", 1, 10)])).toBe(2);
    expect(missingDemand(levels, [demand("a", "L1", 1, 3), demand("b", "L2", 1, 1), demand("c", "L2", 2, 1)])).toBe(0);
    expect(demandWindowIsEnough(levels, [demand("a", "L1", 1, 3), demand("b", "L2", 1, 2)])).toBe(true);
    expect(demandWindowIsEnough(levels, [demand("a", "L1", 1, 3), demand("b", "L2", 1, 1)])).toBe(false);
  });

  it("does not count prioritised lines: they can never be overtaken into the wait", () => {
    const levels = [level("L1", -2)];
    expect(missingDemand(levels, [demand("vip", "L1", 9, 5, 1)])).toBe(2);
    expect(missingDemand(levels, [demand("vip", "L1", 9, 5, 3), demand("a", "L1", 1, 1)])).toBe(1);
    expect(demandWindowIsEnough(levels, [demand("vip", "L1", 9, 5, 1)])).toBe(false);
    // Priority 0 is no priority.
    expect(missingDemand(levels, [demand("a", "L1", 1, 2, 0)])).toBe(0);
  });

  it("reads a location's waiting units from its available count", () => {
    const levels = [level("L1", -3), level("L2", 2)];
    expect(waitingAt(levels, "L1")).toBe(3);
    expect(waitingAt(levels, "L2")).toBe(0);
    expect(waitingAt(levels, "nowhere")).toBe(0);
  });
});

// Random variants whose demand window is enough: per location, the lines without
// priority hold at least the waiting units. Lines come in a random read order.
const locationIds = ["L1", "L2", "L3", "L4"];
const lineArb = fc.record({
  minutes: fc.integer({ min: 0, max: 60 * 24 * 30 }),
  openQuantity: fc.integer({ min: 0, max: 6 }),
  priority: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
});
const overtakeableOf = (lines: readonly { openQuantity: number; priority?: number | undefined }[]) =>
  lines.filter((l) => !(l.priority && l.priority > 0)).reduce((sum, l) => sum + l.openQuantity, 0);
const scenario = fc
  .array(
    fc.record({
      lines: fc.array(lineArb, { maxLength: 8 }),
      incoming: fc.integer({ min: 0, max: 8 }),
      surplus: fc.integer({ min: 0, max: 6 }),
    }),
    { minLength: 1, maxLength: locationIds.length },
  )
  .chain((locations) =>
    fc
      .tuple(...locations.map((location) => fc.integer({ min: -overtakeableOf(location.lines), max: location.surplus })))
      .map((available) => ({ locations, available })),
  )
  .map(({ locations, available }) => {
    const levels = locations.map((location, i) => level(locationIds[i]!, available[i]!, location.incoming));
    const lines: LocatedDemand[] = locations.flatMap((location, i) =>
      location.lines.map((l, j) => ({
        lineItemId: `${locationIds[i]}-${j}`,
        orderId: `o-${i}-${j}`,
        orderedAt: new Date(Date.parse("2026-03-01T00:00:00Z") + l.minutes * 60_000).toISOString(),
        openQuantity: l.openQuantity,
        locationId: locationIds[i]!,
        ...(l.priority === undefined ? {} : { priority: l.priority }),
      })),
    );
    return { levels, lines };
  })
  .chain(({ levels, lines }) =>
    fc.shuffledSubarray(lines, { minLength: lines.length, maxLength: lines.length }).map((shuffled) => ({ levels, lines: shuffled })),
  );
const settingsArb = fc.record({
  restockDay: fc.option(fc.integer({ min: -10, max: 60 }), { nil: null }),
  lead: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
  handlingDays: fc.integer({ min: 0, max: 5 }),
  cap: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
  merchantPolicy: fc.constantFrom("CONTINUE" as const, "DENY" as const),
});

const planFor = (levels: LocationStock[], lines: LocatedDemand[], settings: typeof settingsArb extends fc.Arbitrary<infer T> ? T : never) =>
  planVariant(
    input({
      levels,
      demand: lines,
      rules: { scope: { kind: "all" }, waitingCapPerVariant: settings.cap },
      merchantPolicy: settings.merchantPolicy,
      restockDate: settings.restockDay === null ? null : addDays(today, settings.restockDay),
      defaultLeadTimeDays: settings.lead,
      handlingDays: settings.handlingDays,
    }),
  );

const scopeArb = fc.record({
  rules: fc.constantFrom<BackorderRules>(
    { scope: { kind: "all" }, waitingCapPerVariant: null },
    { scope: { kind: "tagged", tag: "backorder" }, waitingCapPerVariant: null },
    { scope: { kind: "chosen", productIds: ["gid://shopify/Product/1"] }, waitingCapPerVariant: 1 },
    { scope: { kind: "chosen", productIds: ["gid://shopify/Product/2"] }, waitingCapPerVariant: null },
  ),
  productTags: fc.subarray(["backorder", "other"]),
  tracked: fc.boolean(),
  override: fc.constantFrom("always" as const, "never" as const, null),
});

describe("planVariant properties (window enough)", () => {
  it("holds nothing outside the rules, and inside them the same lines whatever the rules", () => {
    fc.assert(
      fc.property(scenario, settingsArb, scopeArb, ({ levels, lines }, settings, scope) => {
        const reference = planFor(levels, lines, settings);
        const plan = planVariant(
          input({
            levels,
            demand: lines,
            ...scope,
            merchantPolicy: settings.merchantPolicy,
            restockDate: settings.restockDay === null ? null : addDays(today, settings.restockDay),
            defaultLeadTimeDays: settings.lead,
            handlingDays: settings.handlingDays,
          }),
        );
        expect(plan.sellable).toBe(reference.sellable);
        if (plan.decision.status === "not_managed") {
          expect(plan.waitingLines).toEqual([]);
          expect(plan.waitingUnits).toBe(0);
          expect(plan.nextShipsOn).toBeNull();
        } else {
          expect(plan.waitingLines).toEqual(reference.waitingLines);
          expect(plan.waitingUnits).toBe(reference.waitingUnits);
        }
      }),
    );
  });


  it("waits exactly min(-available, demand) units at each location, on the newest lines only", () => {
    fc.assert(
      fc.property(scenario, settingsArb, ({ levels, lines }, settings) => {
        expect(demandWindowIsEnough(levels, lines)).toBe(true);
        const plan = planFor(levels, lines, settings);
        const expected = levels.reduce((sum, lvl) => {
          const atLocation = lines.filter((l) => l.locationId === lvl.locationId).reduce((s, l) => s + l.openQuantity, 0);
          return sum + Math.min(Math.max(0, -lvl.available), atLocation);
        }, 0);
        // (a) conservation
        expect(plan.waitingLines.reduce((sum, l) => sum + l.waitingUnits, 0)).toBe(expected);
        expect(plan.waitingUnits).toBe(expected);
        for (const lvl of levels) {
          const here = plan.waitingLines.filter((l) => l.locationId === lvl.locationId);
          expect(here.reduce((s, l) => s + l.waitingUnits, 0)).toBe(Math.max(0, -lvl.available));
          // The waiting lines are the back of the location's queue: every line not
          // waiting is ahead of every waiting one, and only the first waiting line may be partial.
          const queue = lines.filter((l) => l.locationId === lvl.locationId && l.openQuantity > 0).sort(compareQueueOrder);
          const waitingIds = new Set(here.map((l) => l.lineItemId));
          const firstWaiting = queue.findIndex((l) => waitingIds.has(l.lineItemId));
          if (firstWaiting >= 0) expect(queue.slice(firstWaiting).every((l) => waitingIds.has(l.lineItemId))).toBe(true);
          here.slice(1).forEach((l) => expect(l.waitingUnits).toBe(l.openQuantity));
        }
        // With the window enough, a prioritised line never waits.
        expect(plan.waitingLines.every((l) => !(l.priority && l.priority > 0))).toBe(true);
      }),
    );
  });

  it("numbers the queue 1..n in queue order, with non-decreasing dates and no line over its open quantity", () => {
    fc.assert(
      fc.property(scenario, settingsArb, ({ levels, lines }, settings) => {
        const plan = planFor(levels, lines, settings);
        // (b) positions
        expect(plan.waitingLines.map((l) => l.queuePosition)).toEqual(plan.waitingLines.map((_, i) => i + 1));
        for (let i = 1; i < plan.waitingLines.length; i++) {
          expect(compareQueueOrder(plan.waitingLines[i - 1]!, plan.waitingLines[i]!)).toBeLessThan(0);
        }
        // (c) dates never go backwards along the queue, and never before today
        const dates = plan.waitingLines.map((l) => l.shipsOn);
        const known = settings.restockDay !== null || settings.lead !== null;
        expect(dates.every((d) => (known ? d !== null && d >= today : d === null))).toBe(true);
        for (let i = 1; i < dates.length; i++) if (dates[i] !== null) expect(dates[i]! >= dates[i - 1]!).toBe(true);
        // (d) no line waits more than it has open, nor nothing
        for (const l of plan.waitingLines) {
          expect(l.waitingUnits).toBeGreaterThan(0);
          expect(l.waitingUnits).toBeLessThanOrEqual(l.openQuantity);
        }
        // The storefront's promise: only when back-ordered, never before the last waiting line.
        if (plan.decision.status !== "backorder") expect(plan.nextShipsOn).toBeNull();
        else if (known) {
          expect(plan.nextShipsOn).not.toBeNull();
          const last = dates.at(-1);
          if (last) expect(plan.nextShipsOn! >= last).toBe(true);
        } else expect(plan.nextShipsOn).toBeNull();
      }),
    );
  });
});
