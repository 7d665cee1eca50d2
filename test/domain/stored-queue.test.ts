import { describe, expect, it } from "vitest";
import type { LocatedDemand } from "../../app/domain/backorder-plan";
import { storedQueueHolds, unitsLeftByOrdersRead, type DecidedLevel } from "../../app/domain/stored-queue";

const W = "gid://shopify/Location/1";
const STORE = "gid://shopify/Location/2";

const line = (id: string, units: number, orderedAt: string, locationId = W): LocatedDemand => ({ lineItemId: id, orderId: `order-${id}`, orderedAt, openQuantity: units, locationId });
const decided = (available: number, onHand: number | null, unexplained = 0, locationId = W): DecidedLevel => ({ locationId, available, incoming: 0, onHand, unexplained });
const now = (available: number, onHand: number, locationId = W, fulfillsOnlineOrders = true) => ({ locationId, available, incoming: 0, onHand, fulfillsOnlineOrders });

/** Three orders wait for 1, 2 and 1 units: available −4, nothing on hand. */
const queue = [line("a", 1, "2026-11-01T10:00:00Z"), line("b", 2, "2026-11-02T10:00:00Z"), line("c", 1, "2026-11-03T10:00:00Z")];
const none = new Map<string, number>();
/** The last decision, after the three orders above. */
const DECIDED_AT = "2026-11-03T12:00:00Z";

describe("storedQueueHolds", () => {
  it("holds when nothing changed", () => {
    expect(storedQueueHolds({ levels: [now(-4, 0)], decidedAt: DECIDED_AT, decided: [decided(-4, 0)], window: queue, leftByOrdersRead: none })).toBe(true);
  });

  it("holds when the new units waiting are the announced order's", () => {
    const window = [...queue, line("d", 2, "2026-11-04T10:00:00Z")];
    expect(storedQueueHolds({ levels: [now(-6, 0)], decidedAt: DECIDED_AT, decided: [decided(-4, 0)], window, leftByOrdersRead: none })).toBe(true);
  });

  it("does not hold when the new units waiting would go to an order placed before the last decision (it took stock then)", () => {
    const announcedEarlier = [...queue, line("e", 2, "2026-11-03T11:00:00Z")];
    expect(storedQueueHolds({ levels: [now(-6, 0)], decidedAt: DECIDED_AT, decided: [decided(-4, 0)], window: announcedEarlier, leftByOrdersRead: none })).toBe(false);
  });

  it("does not hold when units wait that no order in the window explains (its webhook is late)", () => {
    expect(storedQueueHolds({ levels: [now(-5, 0)], decidedAt: DECIDED_AT, decided: [decided(-4, 0)], window: queue, leftByOrdersRead: none })).toBe(false);
  });

  it("counts units the last decision already found no order for (a point-of-sale sale) as explained", () => {
    expect(storedQueueHolds({ levels: [now(-6, 0)], decidedAt: DECIDED_AT, decided: [decided(-6, 0, 2)], window: queue, leftByOrdersRead: none })).toBe(true);
    expect(storedQueueHolds({ levels: [now(-7, 0)], decidedAt: DECIDED_AT, decided: [decided(-6, 0, 2)], window: queue, leftByOrdersRead: none })).toBe(false);
  });

  it("holds when units stopped waiting because as many arrived", () => {
    expect(storedQueueHolds({ levels: [now(-1, 3)], decidedAt: DECIDED_AT, decided: [decided(-4, 0)], window: queue, leftByOrdersRead: none })).toBe(true);
    expect(storedQueueHolds({ levels: [now(-2, 2)], decidedAt: DECIDED_AT, decided: [decided(-4, 0)], window: queue, leftByOrdersRead: none })).toBe(true);
  });

  it("does not hold when three arrived while a covered order shipped in between: counts alone cannot tell that from a cancellation", () => {
    // On hand 0 → +3 − 1; shipping took one from on hand and from committed, so three stopped waiting.
    expect(storedQueueHolds({ levels: [now(-1, 2)], decidedAt: DECIDED_AT, decided: [decided(-4, 0)], window: queue, leftByOrdersRead: none })).toBe(false);
  });

  it("does not hold when units stopped waiting with nothing arrived: a waiting order may have been cancelled unseen", () => {
    expect(storedQueueHolds({ levels: [now(-2, 0)], decidedAt: DECIDED_AT, decided: [decided(-4, 0)], window: queue, leftByOrdersRead: none })).toBe(false);
    // Without the on-hand count of the last decision, a drop is never taken for an arrival.
    expect(storedQueueHolds({ levels: [now(-1, 3)], decidedAt: DECIDED_AT, decided: [decided(-4, null)], window: queue, leftByOrdersRead: none })).toBe(false);
  });

  it("holds when the drop is the units of an order just read that no longer owes them", () => {
    const withoutB = queue.filter((demand) => demand.lineItemId !== "b");
    expect(storedQueueHolds({ levels: [now(-2, 0)], decidedAt: DECIDED_AT, decided: [decided(-4, 0)], window: withoutB, leftByOrdersRead: new Map([[W, 2]]) })).toBe(true);
  });

  it("checks every location that fulfils online orders, and only those", () => {
    const atStore = [...queue, line("s", 1, "2026-11-05T10:00:00Z", STORE)];
    expect(storedQueueHolds({ levels: [now(-4, 0), now(-1, 0, STORE)], decidedAt: DECIDED_AT, decided: [decided(-4, 0), decided(-1, 0, 0, STORE)], window: atStore, leftByOrdersRead: none })).toBe(true);
    expect(storedQueueHolds({ levels: [now(-4, 0), now(-2, 0, STORE)], decidedAt: DECIDED_AT, decided: [decided(-4, 0), decided(-1, 0, 0, STORE)], window: atStore, leftByOrdersRead: none })).toBe(false);
    // A till's point-of-sale oversell is not the online queue's business.
    expect(storedQueueHolds({ levels: [now(-4, 0), now(-9, 0, STORE, false)], decidedAt: DECIDED_AT, decided: [decided(-4, 0)], window: queue, leftByOrdersRead: none })).toBe(true);
    // Units waiting at a location the last decision did not know.
    expect(storedQueueHolds({ levels: [now(-4, 0), now(-1, 0, STORE)], decidedAt: DECIDED_AT, decided: [decided(-4, 0)], window: atStore, leftByOrdersRead: none })).toBe(false);
  });

  it("never holds without a last decision: the first one reads the window afresh", () => {
    expect(storedQueueHolds({ levels: [now(-4, 0)], decidedAt: DECIDED_AT, decided: [], window: queue, leftByOrdersRead: none })).toBe(false);
  });
});

describe("unitsLeftByOrdersRead", () => {
  it("sums, per location, the stored units the fresh read no longer shows", () => {
    const stored = [
      { lineItemId: "b", locationId: W, quantity: 2 },
      { lineItemId: "c", locationId: W, quantity: 1 },
      { lineItemId: "s", locationId: STORE, quantity: 3 },
    ];
    const fresh = [line("c", 1, "2026-11-03T10:00:00Z"), line("s", 1, "2026-11-05T10:00:00Z", STORE)];
    expect(unitsLeftByOrdersRead(stored, fresh)).toEqual(new Map([[W, 2], [STORE, 2]]));
  });

  it("counts nothing for an order that now owes more (an edit that added units)", () => {
    expect(unitsLeftByOrdersRead([{ lineItemId: "b", locationId: W, quantity: 2 }], [line("b", 3, "2026-11-02T10:00:00Z")])).toEqual(new Map());
  });
});
