import { describe, expect, it } from "vitest";
import { demandWindowIsEnough, missingDemand, waitingAt } from "../../app/domain/backorder-plan";
import { level, demand } from "./backorder-plan-fixtures";

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
