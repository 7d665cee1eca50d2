import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { demandWindowIsEnough, planVariant, type LocatedDemand, type LocationStock } from "../../app/domain/backorder-plan";
import { addDays } from "../../app/domain/restock-eta";
import type { BackorderRules } from "../../app/domain/variant-policy";
import { compareQueueOrder } from "../../app/domain/waiting-queue";
import { today, level, input } from "./backorder-plan-fixtures";

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
  it("promises for a restock date that has gone by exactly what it promises with no date, and never a day before today", () => {
    fc.assert(
      fc.property(scenario, settingsArb, fc.integer({ min: 1, max: 400 }), ({ levels, lines }, settings, daysAgo) => {
        const undated = planFor(levels, lines, { ...settings, restockDay: null });
        expect(planFor(levels, lines, { ...settings, restockDay: -daysAgo })).toEqual(undated);
        const plan = planFor(levels, lines, settings);
        for (const date of [plan.nextShipsOn, ...plan.waitingLines.map((line) => line.shipsOn)]) if (date !== null) expect(date >= today).toBe(true);
      }),
    );
  });

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
        // A restock date that has gone by is no date at all.
        const known = (settings.restockDay !== null && settings.restockDay >= 0) || settings.lead !== null;
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
