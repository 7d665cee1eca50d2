/**
 * A hold is lifted only because units arrived (issue 18): the order window can change between
 * two reads while Shopify's levels do not (newer orders the levels do not count yet, a window
 * that ends elsewhere); then no held line becomes covered. Units that did arrive still go to
 * the oldest held lines first.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { planVariant, type HeldLine, type LocatedDemand, type VariantPlan } from "../../app/domain/backorder-plan";
import { input, level } from "./backorder-plan-fixtures";

const line = (n: number, openQuantity: number): LocatedDemand => ({
  lineItemId: `line-${String(n).padStart(4, "0")}`,
  orderId: `order-${n}`,
  orderedAt: new Date(Date.parse("2026-03-01T00:00:00Z") + n * 60_000).toISOString(),
  openQuantity,
  locationId: "L1",
});
const heldFrom = (plan: VariantPlan): HeldLine[] => plan.waitingLines.map((l) => ({ lineItemId: l.lineItemId, orderId: l.orderId, orderedAt: l.orderedAt, openQuantity: l.openQuantity, locationId: l.locationId, waitingUnits: l.waitingUnits }));
const waitingOf = (plan: VariantPlan) => new Map(plan.waitingLines.map((l) => [l.lineItemId, l.waitingUnits]));

// Orders one after another (line n is the n-th order); the first `covered` units took real stock.
const shopArb = fc
  .record({ quantities: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 30 }), covered: fc.integer({ min: 0, max: 10 }) })
  .map(({ quantities, covered }) => {
    const lines = quantities.map((quantity, n) => line(n, quantity));
    const total = quantities.reduce((sum, q) => sum + q, 0);
    return { lines, available: Math.min(covered, total) - total };
  });

describe("held lines and the demand window", () => {
  it("covers no held line when the window changed between reads and the levels did not", () => {
    fc.assert(
      fc.property(shopArb, fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 10 }), fc.integer({ min: 0, max: 29 }), (shop, newer, dropOldest) => {
        const levels = [level("L1", shop.available)];
        const before = planVariant(input({ levels, demand: shop.lines }));
        // Second read: orders placed after the levels were read show up; the window starts later.
        const newerLines = newer.map((quantity, i) => line(shop.lines.length + i, quantity));
        const after = planVariant(input({ levels, demand: [...shop.lines.slice(dropOldest), ...newerLines], held: heldFrom(before) }));
        const now = waitingOf(after);
        for (const [lineItemId, units] of waitingOf(before)) expect(now.get(lineItemId) ?? 0).toBeGreaterThanOrEqual(units);
      }),
    );
  });

  it("releases exactly the oldest held units when units arrive", () => {
    fc.assert(
      fc.property(shopArb, fc.integer({ min: 0, max: 20 }), (shop, arrived) => {
        const before = planVariant(input({ levels: [level("L1", shop.available)], demand: shop.lines }));
        const held = heldFrom(before);
        const after = planVariant(input({ levels: [level("L1", shop.available + arrived)], demand: shop.lines, held }));
        const heldUnits = held.reduce((sum, l) => sum + l.waitingUnits, 0);
        expect(after.waitingUnits).toBe(Math.max(0, heldUnits - arrived));
        // What still waits is the newest units: every released or reduced line is older than any untouched one.
        const now = waitingOf(after);
        const reduced = held.filter((l) => (now.get(l.lineItemId) ?? 0) < l.waitingUnits).map((l) => l.orderedAt);
        const untouched = held.filter((l) => now.get(l.lineItemId) === l.waitingUnits).map((l) => l.orderedAt);
        if (reduced.length > 0 && untouched.length > 0) expect(reduced.sort().at(-1)! < untouched.sort()[0]!).toBe(true);
      }),
    );
  });

  it("keeps held lines that newer orders pushed out of the window", () => {
    const levels = [level("L1", -2)];
    const old = [line(1, 1), line(2, 1)];
    const before = planVariant(input({ levels, demand: old }));
    // Two newer orders seen in the window, not yet in the levels: the two held lines still wait.
    const after = planVariant(input({ levels, demand: [line(3, 1), line(4, 1)], held: heldFrom(before) }));
    expect(after.waitingLines.map((l) => [l.lineItemId, l.waitingUnits, l.queuePosition])).toEqual([
      ["line-0001", 1, 1],
      ["line-0002", 1, 2],
      ["line-0003", 1, 3],
      ["line-0004", 1, 4],
    ]);
  });

  it("covers no held line when search does not show the newest orders yet (their units are in the levels)", () => {
    fc.assert(
      fc.property(shopArb, fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 10 }), fc.integer({ min: 0, max: 5 }), (shop, newer, hiddenHeld) => {
        const before = planVariant(input({ levels: [level("L1", shop.available)], demand: shop.lines }));
        // Newer orders took units the levels count; search shows none of them, nor the newest lines it showed before.
        const newerUnits = newer.reduce((sum, q) => sum + q, 0);
        const shown = shop.lines.slice(0, Math.max(0, shop.lines.length - hiddenHeld));
        const after = planVariant(input({ levels: [level("L1", shop.available - newerUnits)], previousLevels: [level("L1", shop.available)], demand: shown, held: heldFrom(before) }));
        const now = waitingOf(after);
        for (const [lineItemId, units] of waitingOf(before)) expect(now.get(lineItemId) ?? 0).toBeGreaterThanOrEqual(units);
      }),
    );
  });

  // Sync after sync while orders keep coming: each reads the levels, then a window that search lag
  // cuts short or newer orders extend, and stores what it decided for the next.
  const burstArb = fc.record({
    quantities: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 40 }),
    stock: fc.integer({ min: 0, max: 8 }),
    syncs: fc.array(fc.record({ placed: fc.integer({ min: 0, max: 6 }), lag: fc.integer({ min: 0, max: 5 }), ahead: fc.integer({ min: 0, max: 5 }), dropOldest: fc.integer({ min: 0, max: 10 }) }), { minLength: 1, maxLength: 12 }),
    restock: fc.integer({ min: 0, max: 30 }),
  });

  it("lifts no hold over a burst of syncs with shifting windows, then lets exactly the restocked units go", () => {
    fc.assert(
      fc.property(burstArb, ({ quantities, stock, syncs, restock }) => {
        const lines = quantities.map((quantity, n) => line(n, quantity));
        const availableAfter = (placed: number) => stock - quantities.slice(0, placed).reduce((sum, q) => sum + q, 0);
        let placed = 0;
        let held: HeldLine[] = [];
        let previousLevels = [level("L1", stock)];
        for (const sync of syncs) {
          placed = Math.min(lines.length, placed + sync.placed);
          const levels = [level("L1", availableAfter(placed))];
          const windowEnd = Math.min(lines.length, Math.max(0, placed - sync.lag + sync.ahead));
          const plan = planVariant(input({ levels, previousLevels, held, demand: lines.slice(Math.min(sync.dropOldest, windowEnd), windowEnd) }));
          const now = waitingOf(plan);
          for (const heldLine of held) expect(now.get(heldLine.lineItemId) ?? 0).toBeGreaterThanOrEqual(heldLine.waitingUnits);
          held = heldFrom(plan);
          previousLevels = levels;
        }
        // Stock arrives and search has caught up: at most the arrived units stop waiting.
        const heldUnits = held.reduce((sum, l) => sum + l.waitingUnits, 0);
        const levels = [level("L1", availableAfter(placed) + restock)];
        const after = planVariant(input({ levels, previousLevels, held, demand: lines.slice(0, placed) }));
        const stillHeld = held.reduce((sum, l) => sum + Math.min(l.waitingUnits, waitingOf(after).get(l.lineItemId) ?? 0), 0);
        expect(heldUnits - stillHeld).toBeLessThanOrEqual(restock);
      }),
    );
  });

  it("lets the arrived units go when the app had stored only some of the waiting lines", () => {
    // Five units waited in Shopify's count, the app had stored the three oldest; then two arrived.
    const lines = [1, 2, 3, 4, 5].map((n) => line(n, 1));
    const held = heldFrom(planVariant(input({ levels: [level("L1", -3)], demand: lines.slice(0, 3) })));
    const after = planVariant(input({ levels: [level("L1", -3)], previousLevels: [level("L1", -5)], demand: lines, held }));
    expect(after.waitingLines.map((l) => l.lineItemId)).toEqual(["line-0003", "line-0004", "line-0005"]);
  });

  it("gives an order the app did not see at the last decision its own units back from the older held line", () => {
    // Lines 1–3: line 3 (newest) was placed before the last decision but unseen, so its one
    // waiting unit went to line 2; line 1 took stock. Now line 3 is seen, and nothing arrived.
    const lines = [1, 2, 3].map((n) => line(n, 1));
    const readAt = new Date(Date.parse(lines[2]!.orderedAt) + 30_000).toISOString();
    const held = heldFrom(planVariant(input({ levels: [level("L1", -1)], demand: lines.slice(0, 2) })));
    expect(held.map((l) => l.lineItemId)).toEqual(["line-0002"]);
    const after = planVariant(input({ levels: [level("L1", -1)], previousLevels: [level("L1", -1)], previousReadAt: readAt, demand: lines, held }));
    expect(after.waitingLines.map((l) => l.lineItemId)).toEqual(["line-0003"]);
    // Placed after the levels were read, the same order is one the levels may not count yet: the held line keeps its unit.
    const early = new Date(Date.parse(lines[2]!.orderedAt) - 30_000).toISOString();
    const meanwhile = planVariant(input({ levels: [level("L1", -1)], previousLevels: [level("L1", -1)], previousReadAt: early, demand: lines, held }));
    expect(meanwhile.waitingLines.map((l) => l.lineItemId)).toEqual(["line-0002", "line-0003"]);
  });

  it("frees nothing for an older order seen late that took stock", () => {
    const lines = [1, 2, 3].map((n) => line(n, 1));
    const held = heldFrom(planVariant(input({ levels: [level("L1", -2)], demand: lines.slice(1) })));
    const readAt = new Date(Date.parse(lines[2]!.orderedAt) + 30_000).toISOString();
    const after = planVariant(input({ levels: [level("L1", -2)], previousLevels: [level("L1", -2)], previousReadAt: readAt, demand: lines, held }));
    expect(after.waitingLines.map((l) => l.lineItemId)).toEqual(["line-0002", "line-0003"]);
  });
});
