import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  HOLD_HANDLE,
  planOrderHolds,
  type FulfilmentMode,
  type FulfillmentOrderState,
  type HoldAction,
  type TrackedLineState,
} from "../../app/domain/hold-plan";

type Hold = FulfillmentOrderState["holds"][number];

const MODES: FulfilmentMode[] = ["hold_release", "hold_fulfil", "ship_available_first"];

const ourHold = (id = "hold-ours"): Hold => ({ id, handle: HOLD_HANDLE, heldByRequestingApp: true });
const merchantHold: Hold = { id: "hold-merchant", handle: null, heldByRequestingApp: false };
/** Another app that happens to use the same handle: still not ours. */
const otherAppHold: Hold = { id: "hold-other-app", handle: HOLD_HANDLE, heldByRequestingApp: false };
/** Our app, but a handle it does not use for back-orders. */
const ownOtherHandleHold: Hold = { id: "hold-own-other", handle: "something-else", heldByRequestingApp: true };

/** A fulfillment order; `lines` maps line item id → remaining quantity. Line ids are `<fo>/<lineItem>`. */
const fo = (
  id: string,
  lines: Record<string, number>,
  options: { status?: string; locationId?: string; holds?: Hold[] } = {},
): FulfillmentOrderState => {
  const holds = options.holds ?? [];
  return {
    id,
    status: options.status ?? (holds.length > 0 ? "ON_HOLD" : "OPEN"),
    locationId: options.locationId ?? "L1",
    holds,
    lines: Object.entries(lines).map(([lineItemId, remainingQuantity]) => ({ id: `${id}/${lineItemId}`, lineItemId, remainingQuantity })),
  };
};

const tracked = (lineItemId: string, waitingUnits: number, options: { state?: string; shipsOn?: string | null; locationId?: string } = {}): TrackedLineState => ({
  lineItemId,
  locationId: options.locationId ?? "L1",
  waitingUnits,
  state: options.state ?? "waiting",
  shipsOn: options.shipsOn === undefined ? "2026-12-01" : options.shipsOn,
});

const plan = (
  mode: FulfilmentMode,
  fulfillmentOrders: FulfillmentOrderState[],
  lines: TrackedLineState[],
  options: { cancelled?: boolean; canFulfilAt?: (locationId: string) => boolean } = {},
) => planOrderHolds({ mode, cancelled: options.cancelled ?? false, fulfillmentOrders, lines, canFulfilAt: options.canFulfilAt ?? (() => true) });

describe.each(MODES)("planOrderHolds in mode %s", (mode) => {
  const holdsWholeOrder = mode !== "ship_available_first";

  it("holds an open fulfillment order with a waiting line", () => {
    const result = plan(mode, [fo("fo1", { X: 2, Y: 1 })], [tracked("X", 2)]);
    expect(result.actions).toEqual([
      {
        kind: "hold",
        fulfillmentOrderId: "fo1",
        // Ship-available-first holds only the waiting units; the other modes the whole order.
        lines: holdsWholeOrder ? null : [{ id: "fo1/X", quantity: 2 }],
        notes: "2 unit(s) waiting for stock",
      },
    ]);
    expect(result.finishedLineItemIds).toEqual([]);
    expect(result.tagged).toBe(true);
    expect(result.shipsOn).toBe("2026-12-01");
  });

  it("holds only the waiting part of a partly waiting line when shipping what is available", () => {
    const result = plan(mode, [fo("fo1", { X: 3 })], [tracked("X", 1)]);
    expect(result.actions).toEqual([
      { kind: "hold", fulfillmentOrderId: "fo1", lines: holdsWholeOrder ? null : [{ id: "fo1/X", quantity: 1 }], notes: "1 unit(s) waiting for stock" },
    ]);
  });

  it("holds the whole fulfillment order when every open line waits entirely", () => {
    const result = plan(mode, [fo("fo1", { X: 2, Y: 1, Z: 0 })], [tracked("X", 2), tracked("Y", 1)]);
    expect(result.actions).toEqual([{ kind: "hold", fulfillmentOrderId: "fo1", lines: null, notes: "3 unit(s) waiting for stock" }]);
  });

  it("holds scheduled fulfillment orders, but not ones in progress or closed", () => {
    expect(plan(mode, [fo("fo1", { X: 1 }, { status: "SCHEDULED" })], [tracked("X", 1)]).actions).toEqual([
      { kind: "hold", fulfillmentOrderId: "fo1", lines: null, notes: "1 unit(s) waiting for stock" },
    ]);
    for (const status of ["IN_PROGRESS", "CLOSED", "CANCELLED", "INCOMPLETE"]) {
      const result = plan(mode, [fo("fo1", { X: 1, Y: 1 }, { status })], [tracked("X", 1), tracked("Y", 0)]);
      expect(result.actions).toEqual([]);
      expect(result.tagged).toBe(true);
    }
  });

  it("adds its own hold on top of someone else's, always on the whole order", () => {
    for (const other of [merchantHold, otherAppHold, ownOtherHandleHold]) {
      const result = plan(mode, [fo("fo1", { X: 3, Y: 1 }, { holds: [other] })], [tracked("X", 1)]);
      expect(result.actions).toEqual([{ kind: "hold", fulfillmentOrderId: "fo1", lines: null, notes: "1 unit(s) waiting for stock" }]);
    }
  });

  it("does not hold again what it already holds", () => {
    for (const holds of [[ourHold()], [merchantHold, ourHold()]]) {
      const result = plan(mode, [fo("fo1", { X: 2, Y: 1 }, { holds })], [tracked("X", 2), tracked("Y", 0)]);
      expect(result.actions).toEqual([]);
      expect(result.tagged).toBe(true);
    }
  });

  it("places waiting units only at their own location", () => {
    const result = plan(mode, [fo("fo1", { X: 1 }, { locationId: "L2" }), fo("fo2", { X: 1 }, { locationId: "L1" })], [tracked("X", 1, { locationId: "L1" })]);
    expect(result.actions.map((a) => [a.kind, a.fulfillmentOrderId])).toEqual([["hold", "fo2"]]);
  });

  it("ignores lines no longer waiting in the app's records", () => {
    const result = plan(mode, [fo("fo1", { X: 2 }, { holds: [ourHold()] })], [tracked("X", 2, { state: "released" })]);
    expect(result.actions).toEqual([{ kind: "release", fulfillmentOrderId: "fo1", holdId: "hold-ours" }]);
    expect(result.finishedLineItemIds).toEqual([]);
    expect(result.tagged).toBe(false);
    expect(result.shipsOn).toBeNull();
  });

  it("releases its own hold, and only its own, once every line is covered", () => {
    const result = plan(
      mode,
      [fo("fo1", { X: 2, Y: 1 }, { holds: [merchantHold, otherAppHold, ownOtherHandleHold, ourHold("hold-42")] })],
      [tracked("X", 0), tracked("Y", 0)],
    );
    // Someone else still holds it: nothing to fulfil, even in hold_fulfil.
    expect(result.actions).toEqual([{ kind: "release", fulfillmentOrderId: "fo1", holdId: "hold-42" }]);
    expect(result.finishedLineItemIds).toEqual(["X", "Y"]);
    expect(result.tagged).toBe(false);
    expect(result.shipsOn).toBeNull();
  });

  it("never releases a hold that is not its own", () => {
    for (const other of [merchantHold, otherAppHold, ownOtherHandleHold]) {
      const result = plan(mode, [fo("fo1", { X: 2 }, { holds: [other] })], [tracked("X", 0)]);
      expect(result.actions).toEqual([]);
      expect(result.finishedLineItemIds).toEqual(["X"]);
    }
  });

  it("releases (and fulfils only in hold_fulfil) a held order whose lines are covered", () => {
    const result = plan(mode, [fo("fo1", { X: 2, Y: 1, Z: 0 }, { holds: [ourHold()] })], [tracked("X", 0)]);
    const release: HoldAction = { kind: "release", fulfillmentOrderId: "fo1", holdId: "hold-ours" };
    expect(result.actions).toEqual(
      mode === "hold_fulfil"
        ? [
            release,
            {
              kind: "fulfil",
              fulfillmentOrderId: "fo1",
              lines: [
                { id: "fo1/X", quantity: 2 },
                { id: "fo1/Y", quantity: 1 },
              ],
            },
          ]
        : [release],
    );
    expect(result.finishedLineItemIds).toEqual(["X"]);
  });

  it("cancelled orders: no actions, every pending line finished, untagged", () => {
    const result = plan(
      mode,
      [fo("fo1", { X: 2 }, { holds: [ourHold()] }), fo("fo2", { Y: 1 })],
      [tracked("X", 2), tracked("Y", 0), tracked("Z", 1, { state: "released" })],
      { cancelled: true },
    );
    expect(result).toEqual({ actions: [], finishedLineItemIds: ["X", "Y"], tagged: false, shipsOn: null });
  });

  it("keeps a covered line waiting while it shares a held order with a waiting line", () => {
    const held = plan(mode, [fo("fo1", { X: 1, Y: 1 }, { holds: [ourHold()] })], [tracked("X", 1), tracked("Y", 0)]);
    expect(held.actions).toEqual([]);
    expect(held.finishedLineItemIds).toEqual([]);

    if (holdsWholeOrder) {
      // About to be held whole: Y waits with X.
      const toHold = plan(mode, [fo("fo1", { X: 1, Y: 1 })], [tracked("X", 1), tracked("Y", 0)]);
      expect(toHold.actions.map((a) => a.kind)).toEqual(["hold"]);
      expect(toHold.finishedLineItemIds).toEqual([]);
    }

    // A covered line in another, unheld fulfillment order is done.
    const apart = plan(mode, [fo("fo1", { X: 1 }, { holds: [ourHold()] }), fo("fo2", { Y: 1 })], [tracked("X", 1), tracked("Y", 0)]);
    expect(apart.finishedLineItemIds).toEqual(["Y"]);
    // ... and so is one whose units in the held order are all fulfilled already.
    const shipped = plan(mode, [fo("fo1", { X: 1, Y: 0 }, { holds: [ourHold()] })], [tracked("X", 1), tracked("Y", 0)]);
    expect(shipped.finishedLineItemIds).toEqual(["Y"]);
  });

  it("tags the order and dates it by the latest still-waiting line", () => {
    const result = plan(
      mode,
      [fo("fo1", { A: 1, B: 1, C: 1, D: 1, E: 1 }, { holds: [ourHold()] })],
      [
        tracked("A", 1, { shipsOn: "2026-12-03" }),
        tracked("B", 1, { shipsOn: "2027-01-15" }),
        tracked("C", 1, { shipsOn: null }),
        // Covered or no longer waiting: their dates do not count.
        tracked("D", 0, { shipsOn: "2027-06-01" }),
        tracked("E", 1, { shipsOn: "2027-09-01", state: "fulfilled" }),
      ],
    );
    expect(result.tagged).toBe(true);
    expect(result.shipsOn).toBe("2027-01-15");

    const undated = plan(mode, [fo("fo1", { A: 1 }, { holds: [ourHold()] })], [tracked("A", 1, { shipsOn: null })]);
    expect(undated.tagged).toBe(true);
    expect(undated.shipsOn).toBeNull();

    const none = plan(mode, [fo("fo1", { A: 1 })], []);
    expect(none).toEqual({ actions: [], finishedLineItemIds: [], tagged: false, shipsOn: null });
  });

  it("handles several fulfillment orders at once: holds one, releases another, leaves a third", () => {
    const result = plan(
      mode,
      [fo("fo1", { X: 1 }), fo("fo2", { Y: 1 }, { holds: [ourHold("h2")] }), fo("fo3", { Z: 1 }, { holds: [ourHold("h3")] })],
      [tracked("X", 1), tracked("Y", 0), tracked("Z", 1)],
    );
    const kinds = result.actions.map((a) => [a.kind, a.fulfillmentOrderId]);
    expect(kinds).toContainEqual(["hold", "fo1"]);
    expect(kinds).toContainEqual(["release", "fo2"]);
    expect(kinds.filter(([, id]) => id === "fo3")).toEqual([]);
    expect(result.actions.find((a) => a.kind === "release")).toEqual({ kind: "release", fulfillmentOrderId: "fo2", holdId: "h2" });
    expect(result.finishedLineItemIds).toEqual(["Y"]);
  });
});

describe("planOrderHolds: hold_fulfil", () => {
  it("fulfils only the lines with remaining quantities, after the release", () => {
    const result = plan("hold_fulfil", [fo("fo1", { X: 2, Y: 0 }, { holds: [ourHold()] })], [tracked("X", 0)]);
    expect(result.actions).toEqual([
      { kind: "release", fulfillmentOrderId: "fo1", holdId: "hold-ours" },
      { kind: "fulfil", fulfillmentOrderId: "fo1", lines: [{ id: "fo1/X", quantity: 2 }] },
    ]);
  });

  it("releases without fulfilling where the app may not fulfil", () => {
    const result = plan("hold_fulfil", [fo("fo1", { X: 2 }, { holds: [ourHold()], locationId: "3PL" })], [tracked("X", 0, { locationId: "3PL" })], {
      canFulfilAt: (location) => location !== "3PL",
    });
    expect(result.actions).toEqual([{ kind: "release", fulfillmentOrderId: "fo1", holdId: "hold-ours" }]);
    expect(result.finishedLineItemIds).toEqual(["X"]);
  });

  it("after a crash between release and fulfil, plans the fulfil again", () => {
    for (const status of ["OPEN", "IN_PROGRESS"]) {
      const result = plan("hold_fulfil", [fo("fo1", { X: 2, Y: 1 }, { status })], [tracked("X", 0)]);
      expect(result.actions).toEqual([
        {
          kind: "fulfil",
          fulfillmentOrderId: "fo1",
          lines: [
            { id: "fo1/X", quantity: 2 },
            { id: "fo1/Y", quantity: 1 },
          ],
        },
      ]);
      expect(result.finishedLineItemIds).toEqual(["X"]);
    }
  });

  it("never fulfils twice: nothing when the remaining quantities are already 0", () => {
    for (const status of ["OPEN", "CLOSED"]) {
      const result = plan("hold_fulfil", [fo("fo1", { X: 0, Y: 0 }, { status })], [tracked("X", 0)]);
      expect(result.actions).toEqual([]);
      expect(result.finishedLineItemIds).toEqual(["X"]);
    }
  });

  it("does not fulfil orders it cannot act on or that never waited", () => {
    // Closed, or held by the merchant.
    expect(plan("hold_fulfil", [fo("fo1", { X: 2 }, { status: "CLOSED" })], [tracked("X", 0)]).actions).toEqual([]);
    expect(plan("hold_fulfil", [fo("fo1", { X: 2 }, { holds: [merchantHold] })], [tracked("X", 0)]).actions).toEqual([]);
    // Nothing of it was back-ordered (the tracked line is elsewhere, or done).
    expect(plan("hold_fulfil", [fo("fo1", { Y: 2 })], [tracked("X", 0)]).actions).toEqual([]);
    expect(plan("hold_fulfil", [fo("fo1", { X: 2 }, { locationId: "L2" })], [tracked("X", 0, { locationId: "L1" })]).actions).toEqual([]);
    expect(plan("hold_fulfil", [fo("fo1", { X: 2 })], [tracked("X", 0, { state: "released" })]).actions).toEqual([]);
  });

  it("the other modes never fulfil", () => {
    for (const mode of ["hold_release", "ship_available_first"] as const) {
      expect(plan(mode, [fo("fo1", { X: 2 })], [tracked("X", 0)]).actions).toEqual([]);
    }
  });
});

describe("planOrderHolds: ship_available_first", () => {
  it("places waiting units on the order it already holds first, so the open remainder is not held again", () => {
    // Shopify split the line on the previous hold: one unit held, two open.
    const open = fo("fo-open", { X: 2 });
    const held = fo("fo-held", { X: 1 }, { holds: [ourHold()] });
    for (const order of [
      [open, held],
      [held, open],
    ]) {
      const result = plan("ship_available_first", order, [tracked("X", 1)]);
      expect(result.actions).toEqual([]);
      expect(result.tagged).toBe(true);
    }
  });

  it("holds only the extra units when more wait than it already holds", () => {
    const result = plan("ship_available_first", [fo("fo-open", { X: 2, Y: 1 }), fo("fo-held", { X: 1 }, { holds: [ourHold()] })], [tracked("X", 2)]);
    expect(result.actions).toEqual([{ kind: "hold", fulfillmentOrderId: "fo-open", lines: [{ id: "fo-open/X", quantity: 1 }], notes: "1 unit(s) waiting for stock" }]);
  });

  it("releases the held part once covered, leaving the open part alone", () => {
    const result = plan("ship_available_first", [fo("fo-open", { X: 2 }), fo("fo-held", { X: 1 }, { holds: [ourHold()] })], [tracked("X", 0)]);
    expect(result.actions).toEqual([{ kind: "release", fulfillmentOrderId: "fo-held", holdId: "hold-ours" }]);
    expect(result.finishedLineItemIds).toEqual(["X"]);
  });

  it("holds a partial selection of several waiting lines", () => {
    const result = plan("ship_available_first", [fo("fo1", { X: 3, Y: 2, Z: 1 })], [tracked("X", 1), tracked("Y", 2)]);
    expect(result.actions).toEqual([
      {
        kind: "hold",
        fulfillmentOrderId: "fo1",
        lines: [
          { id: "fo1/X", quantity: 1 },
          { id: "fo1/Y", quantity: 2 },
        ],
        notes: "3 unit(s) waiting for stock",
      },
    ]);
    // Z can ship now; Y waits entirely; X ships its covered units.
    expect(result.finishedLineItemIds).toEqual([]);
  });
});

describe("planOrderHolds: a line item split across locations", () => {
  // One line item (3 units) routed to two locations: 1 unit at L1 (covered), 2 at L2 (waiting).
  const fos = [fo("fo-l1", { X: 1 }, { locationId: "L1" }), fo("fo-l2", { X: 2 }, { locationId: "L2" })];
  const lines = [tracked("X", 0, { locationId: "L1" }), tracked("X", 2, { locationId: "L2" })];

  it("holds only where the units wait", () => {
    const result = plan("hold_release", fos, lines);
    expect(result.actions).toEqual([{ kind: "hold", fulfillmentOrderId: "fo-l2", lines: null, notes: "2 unit(s) waiting for stock" }]);
    expect(result.tagged).toBe(true);
  });

  // BUG (app/domain/hold-plan.ts): finishedLineItemIds holds bare line item ids, so
  // the line item is reported finished (from its covered L1 part) while its L2 part
  // still waits; order-sync then settles every pending row with that id, the waiting
  // L2 row included (state "released", waitingUnits 0) while its hold stays in place.
  it.fails("does not report a line item finished while part of it still waits at another location", () => {
    const result = plan("hold_release", fos, lines);
    expect(result.finishedLineItemIds).not.toContain("X");
  });
});

describe("planOrderHolds: a line item open on several fulfillment orders at one location", () => {
  // Z (3 units) was split by an earlier partial hold: 1 unit held by the app, 2 open. Now 2 units wait.
  const splitZ = [fo("fo0", { Z: 2 }), fo("fo1", { Z: 1 }, { holds: [ourHold("h1")] })];
  const zWaits2 = [tracked("Z", 2)];

  it("first round: holds the open part too (the held part takes only one of the two units)", () => {
    expect(plan("hold_release", splitZ, zWaits2).actions).toEqual([{ kind: "hold", fulfillmentOrderId: "fo0", lines: null, notes: "1 unit(s) waiting for stock" }]);
  });

  // BUG (app/domain/hold-plan.ts, placement of waiting units): held fulfillment orders
  // are visited first but in Shopify's order, so once fo0 is held too, both waiting
  // units land on fo0 and the next run releases fo1 ("stock arrived, hold released")
  // although nothing changed. The plan is not a fixed point after its own actions.
  it.fails("second round, after the hold landed: nothing to do", () => {
    const after = apply(splitZ, plan("hold_release", splitZ, zWaits2).actions);
    expect(plan("hold_release", after, zWaits2).actions).toEqual([]);
  });

  // Z (2 units) on a fulfillment order the merchant started (IN_PROGRESS, cannot be held)
  // and on an open one with X; one unit of each waits.
  const started = [fo("fo1", { Z: 1 }, { status: "IN_PROGRESS" }), fo("fo2", { X: 1, Z: 1 })];
  const oneEachWaits = [tracked("X", 1), tracked("Z", 1)];

  it("first round (hold_fulfil): holds the open order, leaves the started one", () => {
    expect(plan("hold_fulfil", started, oneEachWaits).actions).toEqual([{ kind: "hold", fulfillmentOrderId: "fo2", lines: null, notes: "1 unit(s) waiting for stock" }]);
  });

  // BUG (same cause): once fo2 is held, Z's waiting unit moves onto it, and the next
  // run fulfils the started order's Z unit (while Z still waits) that the first run left alone.
  it.fails("second round (hold_fulfil), after the hold landed: nothing to do", () => {
    const after = apply(started, plan("hold_fulfil", started, oneEachWaits).actions);
    expect(plan("hold_fulfil", after, oneEachWaits).actions).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// Idempotence: apply a plan's actions to the fulfillment orders as Shopify would,
// plan again with the same lines, and nothing is left to do.

const LOCATIONS = ["L1", "L2"];
const LINE_ITEMS = ["X", "Y", "Z"];
const STATUSES_WITHOUT_HOLDS = ["OPEN", "OPEN", "SCHEDULED", "IN_PROGRESS", "CLOSED"];

const foArb = (index: number) =>
  fc
    .record({
      locationId: fc.constantFrom(...LOCATIONS),
      ours: fc.boolean(),
      others: fc.subarray([merchantHold, otherAppHold, ownOtherHandleHold], { maxLength: 2 }),
      status: fc.constantFrom(...STATUSES_WITHOUT_HOLDS),
      lines: fc.subarray(LINE_ITEMS, { minLength: 1 }).chain((items) =>
        fc.tuple(...items.map((item) => fc.integer({ min: 0, max: 3 }).map((remaining) => [item, remaining] as const))),
      ),
    })
    .map(({ locationId, ours, others, status, lines }) => {
      const holds = [...others, ...(ours ? [ourHold(`ours-${index}`)] : [])];
      return fo(`fo${index}`, Object.fromEntries(lines), { locationId, holds, status: holds.length > 0 ? "ON_HOLD" : status });
    });

const stateArb = fc.record({
  mode: fc.constantFrom(...MODES),
  fulfillmentOrders: fc.integer({ min: 1, max: 4 }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, i) => foArb(i)))),
  lines: fc.uniqueArray(
    fc.record({
      lineItemId: fc.constantFrom(...LINE_ITEMS),
      locationId: fc.constantFrom(...LOCATIONS),
      waitingUnits: fc.integer({ min: 0, max: 4 }),
      state: fc.constantFrom("waiting", "waiting", "released"),
      shipsOn: fc.option(fc.constantFrom("2026-12-01", "2027-01-01"), { nil: null }),
    }),
    { selector: (line) => `${line.lineItemId}@${line.locationId}`, maxLength: 6 },
  ),
  fulfilAt: fc.subarray(LOCATIONS),
});

/** What Shopify does with each action (a partial hold splits the order: the held units stay, the rest moves to a new one). */
function apply(fos: readonly FulfillmentOrderState[], actions: readonly HoldAction[]): FulfillmentOrderState[] {
  let state = fos.map((f) => ({ ...f, holds: [...f.holds], lines: f.lines.map((l) => ({ ...l })) }));
  let holdCount = 0;
  for (const action of actions) {
    const target = state.find((f) => f.id === action.fulfillmentOrderId);
    expect(target, `${action.kind} on a fulfillment order that does not exist`).toBeDefined();
    if (!target) continue;
    switch (action.kind) {
      case "hold": {
        expect(target.holds.some((h) => h.heldByRequestingApp && h.handle === HOLD_HANDLE)).toBe(false);
        const hold = ourHold(`applied-${holdCount++}`);
        if (action.lines === null) {
          state = state.map((f) => (f === target ? { ...f, status: "ON_HOLD", holds: [...f.holds, hold] } : f));
          break;
        }
        const heldQty = new Map(action.lines.map((l) => [l.id, l.quantity]));
        for (const l of action.lines) {
          const line = target.lines.find((candidate) => candidate.id === l.id);
          expect(line).toBeDefined();
          expect(l.quantity).toBeGreaterThan(0);
          expect(l.quantity).toBeLessThanOrEqual(line!.remainingQuantity);
        }
        const held = { ...target, status: "ON_HOLD", holds: [...target.holds, hold], lines: target.lines.filter((l) => heldQty.has(l.id)).map((l) => ({ ...l, remainingQuantity: heldQty.get(l.id)! })) };
        const rest = {
          ...target,
          id: `${target.id}-rest`,
          holds: [],
          lines: target.lines.map((l) => ({ ...l, id: `${l.id}-rest`, remainingQuantity: l.remainingQuantity - (heldQty.get(l.id) ?? 0) })).filter((l) => l.remainingQuantity > 0),
        };
        state = state.flatMap((f) => (f === target ? (rest.lines.length > 0 ? [held, rest] : [held]) : [f]));
        break;
      }
      case "release": {
        const hold = target.holds.find((h) => h.id === action.holdId);
        expect(hold).toMatchObject({ handle: HOLD_HANDLE, heldByRequestingApp: true });
        const holds = target.holds.filter((h) => h.id !== action.holdId);
        state = state.map((f) => (f === target ? { ...f, holds, status: holds.length > 0 ? "ON_HOLD" : "OPEN" } : f));
        break;
      }
      case "fulfil": {
        expect(target.holds).toEqual([]);
        const lines = target.lines.map((l) => {
          const fulfilled = action.lines.find((a) => a.id === l.id)?.quantity ?? 0;
          expect(fulfilled).toBeLessThanOrEqual(l.remainingQuantity);
          return { ...l, remainingQuantity: l.remainingQuantity - fulfilled };
        });
        state = state.map((f) => (f === target ? { ...f, lines, status: lines.every((l) => l.remainingQuantity === 0) ? "CLOSED" : f.status } : f));
        break;
      }
    }
  }
  return state;
}

/**
 * The known non-idempotent case (see the it.fails tests above): a line item open
 * on several fulfillment orders at one location. Excluded from the one-round
 * property, except in ship_available_first without anyone else's holds, where
 * every hold covers exactly the units placed on it.
 */
function sharedLineItem(mode: FulfilmentMode, fos: readonly FulfillmentOrderState[]): boolean {
  const foreign = (f: FulfillmentOrderState) => f.holds.some((h) => !(h.heldByRequestingApp && h.handle === HOLD_HANDLE));
  return fos.some((fo) =>
    fo.lines.some((line) => {
      if (line.remainingQuantity === 0) return false;
      const sharing = fos.filter((f) => f.locationId === fo.locationId && f.lines.some((l) => l.lineItemId === line.lineItemId && l.remainingQuantity > 0));
      return sharing.length > 1 && (mode !== "ship_available_first" || sharing.some(foreign));
    }),
  );
}

describe("planOrderHolds properties", () => {
  it("is idempotent: once its actions land, planning again does nothing", () => {
    fc.assert(
      fc.property(stateArb, ({ mode, fulfillmentOrders, lines, fulfilAt }) => {
        fc.pre(!sharedLineItem(mode, fulfillmentOrders));
        const canFulfilAt = (location: string) => fulfilAt.includes(location);
        const first = planOrderHolds({ mode, cancelled: false, fulfillmentOrders, lines, canFulfilAt });
        const after = apply(fulfillmentOrders, first.actions);
        const second = planOrderHolds({ mode, cancelled: false, fulfillmentOrders: after, lines, canFulfilAt });
        expect(second.actions).toEqual([]);
        expect(second.tagged).toBe(first.tagged);
        expect(second.shipsOn).toBe(first.shipsOn);
      }),
    );
  });

  it("settles within two rounds, the second only releasing or fulfilling, whatever the split", () => {
    fc.assert(
      fc.property(stateArb, ({ mode, fulfillmentOrders, lines, fulfilAt }) => {
        const canFulfilAt = (location: string) => fulfilAt.includes(location);
        let state = fulfillmentOrders;
        const rounds: HoldAction[][] = [];
        for (let round = 0; round < 3; round++) {
          const { actions } = planOrderHolds({ mode, cancelled: false, fulfillmentOrders: state, lines, canFulfilAt });
          rounds.push(actions);
          state = apply(state, actions);
        }
        expect(rounds[1]!.filter((a) => a.kind === "hold")).toEqual([]);
        expect(rounds[2]).toEqual([]);
      }),
    );
  });

  it("acts at most once per fulfillment order per kind, and releases only its own holds", () => {
    fc.assert(
      fc.property(stateArb, ({ mode, fulfillmentOrders, lines, fulfilAt }) => {
        const result = planOrderHolds({ mode, cancelled: false, fulfillmentOrders, lines, canFulfilAt: (l) => fulfilAt.includes(l) });
        const keys = result.actions.map((a) => `${a.kind}:${a.fulfillmentOrderId}`);
        expect(new Set(keys).size).toBe(keys.length);
        for (const action of result.actions) {
          const target = fulfillmentOrders.find((f) => f.id === action.fulfillmentOrderId)!;
          if (action.kind === "release") expect(target.holds.find((h) => h.id === action.holdId)).toMatchObject({ handle: HOLD_HANDLE, heldByRequestingApp: true });
          if (action.kind === "fulfil") expect(mode).toBe("hold_fulfil");
          if (action.kind === "hold" && action.lines !== null) expect(mode).toBe("ship_available_first");
        }
        const cancelled = planOrderHolds({ mode, cancelled: true, fulfillmentOrders, lines, canFulfilAt: () => true });
        expect(cancelled.actions).toEqual([]);
        expect(cancelled.tagged).toBe(false);
        expect(cancelled.finishedLineItemIds).toEqual(lines.filter((l) => l.state === "waiting").map((l) => l.lineItemId));
      }),
    );
  });
});
