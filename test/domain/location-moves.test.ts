import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planMoves, type MovableLine, type MoveLevel } from "../../app/domain/location-moves";

const main = "gid://shopify/Location/1";
const store = "gid://shopify/Location/2";
const outlet = "gid://shopify/Location/3";
const line = (id: string, day: number, openQuantity: number, waitingUnits = openQuantity, locationId = main, priority?: number): MovableLine => ({
  lineItemId: `gid://shopify/LineItem/${id}`,
  orderId: `gid://shopify/Order/${id}`,
  orderedAt: `2026-11-${String(day).padStart(2, "0")}T10:00:00Z`,
  openQuantity,
  waitingUnits,
  locationId,
  ...(priority ? { priority } : {}),
});
const level = (locationId: string, available: number, fulfillsOnlineOrders = true): MoveLevel => ({ locationId, available, fulfillsOnlineOrders });

describe("planMoves", () => {
  it("moves the two orders waiting at the warehouse to the store that has the units (the defect's shop)", () => {
    const moves = planMoves([line("2", 2, 1), line("1", 1, 2)], [level(main, -3), level(store, 5)]);
    expect(moves.map((move) => [move.lineItemId.split("/").pop(), move.to, move.units])).toEqual([["1", store, 2], ["2", store, 1]]);
  });

  it("gives free units to the oldest waiting line first; a newer one waits when they run out", () => {
    const moves = planMoves([line("new", 5, 1), line("old", 1, 1)], [level(main, -2), level(store, 1)]);
    expect(moves.map((move) => move.orderId)).toEqual(["gid://shopify/Order/old"]);
  });

  it("puts the merchant's priority ahead of age", () => {
    const moves = planMoves([line("old", 1, 1), line("vip", 5, 1, 1, main, 1)], [level(main, -2), level(store, 1)]);
    expect(moves.map((move) => move.orderId)).toEqual(["gid://shopify/Order/vip"]);
  });

  it("never takes units newer orders hold (available is net of them), nor units at a location that does not fulfil online orders", () => {
    expect(planMoves([line("1", 1, 1)], [level(main, -1), level(store, 0)])).toEqual([]);
    expect(planMoves([line("1", 1, 1)], [level(main, -1), level(outlet, 9, false)])).toEqual([]);
  });

  it("moves a line whole, and a line too big for the free units does not block a smaller younger one", () => {
    const moves = planMoves([line("big", 1, 3, 2), line("small", 2, 1)], [level(main, -3), level(store, 2)]);
    expect(moves).toEqual([{ lineItemId: "gid://shopify/LineItem/small", orderId: "gid://shopify/Order/small", from: main, to: store, units: 1 }]);
  });

  it("does not move lines that wait for nothing, or to their own location", () => {
    expect(planMoves([line("1", 1, 2, 0)], [level(main, 0), level(store, 5)])).toEqual([]);
    expect(planMoves([line("1", 1, 1, 1, store)], [level(store, -1), level(main, -1)])).toEqual([]);
  });

  it("never moves more units to a location than it has free", () => {
    const lines = fc.array(fc.record({ day: fc.integer({ min: 1, max: 28 }), qty: fc.integer({ min: 1, max: 4 }), at: fc.constantFrom(main, store, outlet) }), { maxLength: 12 });
    const stock = fc.tuple(fc.integer({ min: -8, max: 8 }), fc.integer({ min: -8, max: 8 }), fc.integer({ min: -8, max: 8 }), fc.boolean());
    fc.assert(fc.property(lines, stock, (raw, [a, b, c, outletOnline]) => {
      const levels = [level(main, a), level(store, b), level(outlet, c, outletOnline)];
      const moves = planMoves(raw.map((r, i) => line(String(i), r.day, r.qty, r.qty, r.at)), levels);
      for (const target of levels) {
        const taken = moves.filter((move) => move.to === target.locationId).reduce((sum, move) => sum + move.units, 0);
        expect(taken).toBeLessThanOrEqual(target.fulfillsOnlineOrders ? Math.max(0, target.available) : 0);
      }
      expect(new Set(moves.map((move) => move.lineItemId)).size).toBe(moves.length);
    }));
  });
});
