import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  decideReleases,
  splitCoverage,
  waitingUnitsFromAvailable,
  type DemandLine,
} from "../../app/domain/waiting-queue";

const line = (id: string, orderedAt: string, openQuantity: number, priority?: number): DemandLine => ({
  lineItemId: id,
  orderId: `order-${id}`,
  orderedAt,
  openQuantity,
  ...(priority === undefined ? {} : { priority }),
});

const demandLines = fc.uniqueArray(
  fc.record({
    lineItemId: fc.string({ minLength: 1, maxLength: 6 }),
    orderId: fc.constant("o"),
    orderedAt: fc.date({ min: new Date("2026-01-01"), max: new Date("2026-12-31"), noInvalidDate: true }).map((d) => d.toISOString()),
    openQuantity: fc.integer({ min: 0, max: 20 }),
    priority: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
  }),
  { selector: (l) => l.lineItemId, maxLength: 25 },
);

describe("splitCoverage", () => {
  it("puts the waiting units on the newest orders", () => {
    const coverage = splitCoverage(
      [line("b", "2026-03-02T00:00:00Z", 2), line("a", "2026-03-01T00:00:00Z", 2), line("c", "2026-03-03T00:00:00Z", 1)],
      2,
    );
    expect(coverage.map((l) => [l.lineItemId, l.coveredUnits, l.waitingUnits, l.queuePosition])).toEqual([
      ["a", 2, 0, null],
      ["b", 1, 1, 1],
      ["c", 0, 1, 2],
    ]);
  });

  it("serves a prioritised order before older ones", () => {
    const coverage = splitCoverage([line("old", "2026-01-01T00:00:00Z", 1), line("vip", "2026-02-01T00:00:00Z", 1, 1)], 1);
    expect(coverage.find((l) => l.lineItemId === "vip")!.waitingUnits).toBe(0);
    expect(coverage.find((l) => l.lineItemId === "old")!.waitingUnits).toBe(1);
  });

  it("reads waiting units from Shopify's available count", () => {
    expect(waitingUnitsFromAvailable(-3)).toBe(3);
    expect(waitingUnitsFromAvailable(4)).toBe(0);
  });

  it("conserves units, never covers more than exists, and covers a prefix of the queue", () => {
    fc.assert(
      fc.property(demandLines, fc.integer({ min: 0, max: 400 }), (lines, waiting) => {
        const coverage = splitCoverage(lines, waiting);
        const demand = lines.reduce((sum, l) => sum + l.openQuantity, 0);
        const waitingTotal = coverage.reduce((sum, l) => sum + l.waitingUnits, 0);
        for (const l of coverage) {
          expect(l.coveredUnits + l.waitingUnits).toBe(l.openQuantity);
          expect(l.coveredUnits).toBeGreaterThanOrEqual(0);
          expect(l.waitingUnits).toBeGreaterThanOrEqual(0);
        }
        expect(waitingTotal).toBe(Math.min(waiting, demand));
        // Once someone waits, nobody behind them holds covered units.
        const firstWaiting = coverage.findIndex((l) => l.waitingUnits > 0);
        if (firstWaiting >= 0) {
          expect(coverage.slice(firstWaiting + 1).every((l) => l.coveredUnits === 0)).toBe(true);
        }
        const positions = coverage.flatMap((l) => (l.queuePosition === null ? [] : [l.queuePosition]));
        expect(positions).toEqual(positions.map((_, i) => i + 1));
      }),
    );
  });

  it("after a restock, releases only held lines that are now whole, and nothing twice", () => {
    fc.assert(
      fc.property(demandLines, fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), (lines, before, restocked) => {
        const waitingBefore = splitCoverage(lines, before);
        const held = new Set(waitingBefore.filter((l) => l.waitingUnits > 0).map((l) => l.lineItemId));
        const after = splitCoverage(lines, Math.max(0, before - restocked));
        const { release } = decideReleases(after, held);
        const released = release.reduce((sum, l) => sum + l.openQuantity, 0);
        const newlyCovered = waitingBefore.reduce((s, l) => s + l.waitingUnits, 0) - after.reduce((s, l) => s + l.waitingUnits, 0);
        // Released lines were fully waiting or partly: their released units never exceed what was held plus what arrived.
        expect(release.every((l) => held.has(l.lineItemId) && l.waitingUnits === 0)).toBe(true);
        expect(released).toBeLessThanOrEqual(newlyCovered + waitingBefore.filter((l) => held.has(l.lineItemId)).reduce((s, l) => s + l.coveredUnits, 0));
        // Oldest first: a released line is never behind a line still waiting.
        const order = after.map((l) => l.lineItemId);
        const lastReleased = Math.max(-1, ...release.map((l) => order.indexOf(l.lineItemId)));
        const firstStillWaiting = after.findIndex((l) => l.waitingUnits > 0);
        if (firstStillWaiting >= 0) expect(lastReleased).toBeLessThan(firstStillWaiting);
        // Running the decision again with those lines no longer held releases nothing.
        const stillHeld = new Set([...held].filter((id) => !release.some((l) => l.lineItemId === id)));
        expect(decideReleases(after, stillHeld).release).toEqual([]);
      }),
    );
  });
});
