import { describe, expect, it } from "vitest";
import type { HoldAction } from "../../app/domain/hold-plan";
import { MODES, ourHold, merchantHold, otherAppHold, ownOtherHandleHold, fo, tracked, key, heldInOf, plan } from "./hold-plan-fixtures";

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
        notes: "2 units waiting for stock",
      },
    ]);
    expect(result.finished).toEqual([]);
    expect(heldInOf(result)).toEqual({ [key("X")]: "fo1" });
    expect(result.tagged).toBe(true);
    expect(result.shipsOn).toBe("2026-12-01");
  });

  it("holds only the waiting part of a partly waiting line when shipping what is available", () => {
    const result = plan(mode, [fo("fo1", { X: 3 })], [tracked("X", 1)]);
    expect(result.actions).toEqual([
      { kind: "hold", fulfillmentOrderId: "fo1", lines: holdsWholeOrder ? null : [{ id: "fo1/X", quantity: 1 }], notes: "1 unit waiting for stock" },
    ]);
  });

  it("holds the whole fulfillment order when every open line waits entirely", () => {
    const result = plan(mode, [fo("fo1", { X: 2, Y: 1, Z: 0 })], [tracked("X", 2), tracked("Y", 1)]);
    expect(result.actions).toEqual([{ kind: "hold", fulfillmentOrderId: "fo1", lines: null, notes: "3 units waiting for stock" }]);
    expect(heldInOf(result)).toEqual({ [key("X")]: "fo1", [key("Y")]: "fo1" });
  });

  it("holds only what Shopify lets it hold: open or held orders, not scheduled, in progress or closed ones", () => {
    // Shopify's supportedActions decide when read; the status only when they are not.
    expect(plan(mode, [{ ...fo("fo1", { X: 1 }, { status: "SCHEDULED" }), canHold: true }], [tracked("X", 1)]).actions).toEqual([
      { kind: "hold", fulfillmentOrderId: "fo1", lines: null, notes: "1 unit waiting for stock" },
    ]);
    expect(plan(mode, [{ ...fo("fo1", { X: 1 }), canHold: false }], [tracked("X", 1)]).actions).toEqual([]);
    for (const status of ["SCHEDULED", "IN_PROGRESS", "CLOSED", "CANCELLED", "INCOMPLETE"]) {
      const result = plan(mode, [fo("fo1", { X: 1, Y: 1 }, { status })], [tracked("X", 1), tracked("Y", 0)]);
      expect(result.actions).toEqual([]);
      // Nothing holds X's waiting units, so Y does not wait with them.
      expect(result.heldIn).toEqual(new Map());
      expect(result.finished).toEqual([key("Y")]);
      expect(result.tagged).toBe(true);
    }
  });

  it("adds its own hold on top of someone else's, always on the whole order", () => {
    for (const other of [merchantHold, otherAppHold, ownOtherHandleHold]) {
      const result = plan(mode, [fo("fo1", { X: 3, Y: 1 }, { holds: [other] })], [tracked("X", 1)]);
      expect(result.actions).toEqual([{ kind: "hold", fulfillmentOrderId: "fo1", lines: null, notes: "1 unit waiting for stock" }]);
      expect(heldInOf(result)).toEqual({ [key("X")]: "fo1" });
    }
  });

  it("does not hold again what it already holds", () => {
    // Ship-available-first splits an order it holds alone (see hold-plan-ship-available-first).
    for (const holds of holdsWholeOrder ? [[ourHold()], [merchantHold, ourHold()]] : [[merchantHold, ourHold()]]) {
      const result = plan(mode, [fo("fo1", { X: 2, Y: 1 }, { holds })], [tracked("X", 2), tracked("Y", 0)]);
      expect(result.actions).toEqual([]);
      expect(heldInOf(result)).toEqual({ [key("X")]: "fo1" });
      expect(result.finished).toEqual([]);
      expect(result.tagged).toBe(true);
    }
  });

  it("places waiting units only at their own location", () => {
    const result = plan(mode, [fo("fo1", { X: 1 }, { locationId: "L2" }), fo("fo2", { X: 1 }, { locationId: "L1" })], [tracked("X", 1, { locationId: "L1" })]);
    expect(result.actions.map((a) => [a.kind, a.fulfillmentOrderId])).toEqual([["hold", "fo2"]]);
    expect(heldInOf(result)).toEqual({ [key("X", "L1")]: "fo2" });
  });

  it("places waiting units on what it already holds, oldest hold first, whatever order Shopify lists them in", () => {
    const older = fo("fo-a", { X: 1 }, { holds: [ourHold("gid://shopify/FulfillmentHold/7")] });
    const newer = fo("fo-b", { X: 1 }, { holds: [ourHold("gid://shopify/FulfillmentHold/12")] });
    const open = fo("fo-c", { X: 1 });
    for (const order of [
      [older, newer, open],
      [open, newer, older],
      [newer, open, older],
    ]) {
      // One unit waits: it stays on the oldest hold, the newer one is released.
      const one = plan(mode, order, [tracked("X", 1)]);
      expect(one.actions.filter((a) => a.kind !== "fulfil")).toEqual([{ kind: "release", fulfillmentOrderId: "fo-b", holdId: "gid://shopify/FulfillmentHold/12" }]);
      expect(heldInOf(one)).toEqual({ [key("X")]: "fo-a" });
      // Two wait: both holds stay, the open order is left alone.
      expect(plan(mode, order, [tracked("X", 2)]).actions).toEqual([]);
      // Three: the open order is held too.
      expect(plan(mode, order, [tracked("X", 3)]).actions.map((a) => [a.kind, a.fulfillmentOrderId])).toEqual([["hold", "fo-c"]]);
    }
  });

  it("ignores lines no longer waiting in the app's records", () => {
    const result = plan(mode, [fo("fo1", { X: 2 }, { holds: [ourHold()] })], [tracked("X", 2, { state: "released", heldIn: "fo1" })]);
    // Its own hold with nothing waiting behind it is released (and, in hold_fulfil, what it held is fulfilled).
    const release: HoldAction = { kind: "release", fulfillmentOrderId: "fo1", holdId: "hold-ours" };
    expect(result.actions).toEqual(mode === "hold_fulfil" ? [release, { kind: "fulfil", fulfillmentOrderId: "fo1", lines: [{ id: "fo1/X", quantity: 2 }] }] : [release]);
    expect(result.finished).toEqual([]);
    expect(result.heldIn).toEqual(new Map());
    expect(result.tagged).toBe(false);
    expect(result.shipsOn).toBeNull();
  });

  it("releases its own hold, and only its own, once every line is covered", () => {
    const result = plan(
      mode,
      [fo("fo1", { X: 2, Y: 1 }, { holds: [merchantHold, otherAppHold, ownOtherHandleHold, ourHold("hold-42")] })],
      [tracked("X", 0, { heldIn: "fo1" }), tracked("Y", 0)],
    );
    // Someone else still holds it: nothing to fulfil, even in hold_fulfil.
    expect(result.actions).toEqual([{ kind: "release", fulfillmentOrderId: "fo1", holdId: "hold-42" }]);
    expect(result.finished).toEqual([key("X"), key("Y")]);
    expect(result.heldIn).toEqual(new Map());
    expect(result.tagged).toBe(false);
    expect(result.shipsOn).toBeNull();
  });

  it("releases nothing on a fulfillment order closed under its hold (emptied by an order edit)", () => {
    const closed = fo("fo1", { X: 0 }, { status: "CLOSED", holds: [ourHold()] });
    const result = plan(mode, [closed], [tracked("X", 0, { heldIn: "fo1" })]);
    expect(result.actions).toEqual([]);
    expect(result.finished).toEqual([key("X")]);
  });

  it("never releases a hold that is not its own", () => {
    for (const other of [merchantHold, otherAppHold, ownOtherHandleHold]) {
      const result = plan(mode, [fo("fo1", { X: 2 }, { holds: [other] })], [tracked("X", 0, { heldIn: "fo1" })]);
      expect(result.actions).toEqual([]);
      expect(result.finished).toEqual([key("X")]);
    }
  });

  it("releases (and fulfils only in hold_fulfil) a held order whose lines are covered", () => {
    const result = plan(mode, [fo("fo1", { X: 2, Y: 1, Z: 0 }, { holds: [ourHold()] })], [tracked("X", 0, { heldIn: "fo1" })]);
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
    expect(result.finished).toEqual([key("X")]);
  });

  it("cancelled orders: no actions, every pending line finished, untagged", () => {
    const result = plan(
      mode,
      [fo("fo1", { X: 2 }, { holds: [ourHold()] }), fo("fo2", { Y: 1 })],
      [tracked("X", 2, { heldIn: "fo1" }), tracked("Y", 0), tracked("Z", 1, { state: "released" })],
      { cancelled: true },
    );
    expect(result).toEqual({ actions: [], finished: [key("X"), key("Y")], heldIn: new Map(), tagged: false, shipsOn: null });
  });

  it("keeps a covered line waiting while it shares a held order with a waiting line", () => {
    // Ship-available-first keeps it waiting only while someone else holds the order too: Shopify cannot split it then.
    const holds = holdsWholeOrder ? [ourHold()] : [merchantHold, ourHold()];
    const held = plan(mode, [fo("fo1", { X: 1, Y: 1 }, { holds })], [tracked("X", 1), tracked("Y", 0)]);
    expect(held.actions).toEqual([]);
    expect(held.finished).toEqual([]);
    // Only lines with waiting units are placed.
    expect(heldInOf(held)).toEqual({ [key("X")]: "fo1" });

    if (holdsWholeOrder) {
      // About to be held whole: Y waits with X.
      const toHold = plan(mode, [fo("fo1", { X: 1, Y: 1 })], [tracked("X", 1), tracked("Y", 0)]);
      expect(toHold.actions.map((a) => a.kind)).toEqual(["hold"]);
      expect(toHold.finished).toEqual([]);
    }

    // A covered line in another, unheld fulfillment order is done.
    const apart = plan(mode, [fo("fo1", { X: 1 }, { holds: [ourHold()] }), fo("fo2", { Y: 1 })], [tracked("X", 1), tracked("Y", 0)]);
    expect(apart.finished).toEqual([key("Y")]);
    // ... and so is one whose units in the held order are all fulfilled already.
    const shipped = plan(mode, [fo("fo1", { X: 1, Y: 0 }, { holds: [ourHold()] })], [tracked("X", 1), tracked("Y", 0)]);
    expect(shipped.finished).toEqual([key("Y")]);
    // ... and so is the same line item at another location.
    const elsewhere = plan(mode, [fo("fo1", { X: 1, Y: 1 }, { holds: [ourHold()] }), fo("fo2", { Y: 1 }, { locationId: "L2" })], [tracked("X", 1), tracked("Y", 0, { locationId: "L2" })]);
    expect(elsewhere.finished).toEqual([key("Y", "L2")]);
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
    expect(none).toEqual({ actions: [], finished: [], heldIn: new Map(), tagged: false, shipsOn: null });
  });

  it("handles several fulfillment orders at once: holds one, releases another, leaves a third", () => {
    const result = plan(
      mode,
      [fo("fo1", { X: 1 }), fo("fo2", { Y: 1 }, { holds: [ourHold("h2")] }), fo("fo3", { Z: 1 }, { holds: [ourHold("h3")] })],
      [tracked("X", 1), tracked("Y", 0, { heldIn: "fo2" }), tracked("Z", 1, { heldIn: "fo3" })],
    );
    const kinds = result.actions.map((a) => [a.kind, a.fulfillmentOrderId]);
    expect(kinds).toContainEqual(["hold", "fo1"]);
    expect(kinds).toContainEqual(["release", "fo2"]);
    expect(kinds.filter(([, id]) => id === "fo3")).toEqual([]);
    expect(result.actions.find((a) => a.kind === "release")).toEqual({ kind: "release", fulfillmentOrderId: "fo2", holdId: "h2" });
    expect(result.finished).toEqual([key("Y")]);
    expect(heldInOf(result)).toEqual({ [key("X")]: "fo1", [key("Z")]: "fo3" });
  });
});
