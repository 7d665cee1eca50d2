import { describe, expect, it } from "vitest";
import { planVariant } from "../../app/domain/backorder-plan";
import { addDays } from "../../app/domain/restock-eta";
import { today, level, demand, input, queueOf } from "./backorder-plan-fixtures";

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
