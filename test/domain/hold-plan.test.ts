import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  HOLD_HANDLE,
  lineKey,
  planOrderHolds,
  type FulfilmentMode,
  type FulfillmentOrderState,
  type HoldAction,
  type OrderPlan,
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

const tracked = (
  lineItemId: string,
  waitingUnits: number,
  options: { state?: string; shipsOn?: string | null; locationId?: string; heldIn?: string | null } = {},
): TrackedLineState => ({
  lineItemId,
  locationId: options.locationId ?? "L1",
  waitingUnits,
  state: options.state ?? "waiting",
  shipsOn: options.shipsOn === undefined ? "2026-12-01" : options.shipsOn,
  heldIn: options.heldIn ?? null,
});

/** A line's key in `finished` and `heldIn`. */
const key = (lineItemId: string, locationId = "L1") => lineKey({ lineItemId, locationId });
const heldInOf = (result: OrderPlan) => Object.fromEntries(result.heldIn);

/** The ids in a space-separated `heldIn`. */
const idsOf = (heldIn: string | null | undefined) => (heldIn ? heldIn.split(" ") : []);

/**
 * What order-sync records once a plan's actions landed: finished lines are settled, the others remember
 * every fulfillment order ever held for them (what they named before, then the plan's new ones).
 */
function record(lines: readonly TrackedLineState[], result: OrderPlan): TrackedLineState[] {
  const finished = new Set(result.finished);
  return lines.map((line) => {
    if (line.state !== "waiting") return line;
    if (finished.has(lineKey(line))) return { ...line, state: "released", waitingUnits: 0 };
    const heldIn = [...new Set([...idsOf(line.heldIn), ...idsOf(result.heldIn.get(lineKey(line)))])].join(" ");
    return heldIn && heldIn !== line.heldIn ? { ...line, heldIn } : line;
  });
}

const plan = (
  mode: FulfilmentMode,
  fulfillmentOrders: FulfillmentOrderState[],
  lines: TrackedLineState[],
  options: { cancelled?: boolean; canFulfilAt?: (locationId: string) => boolean; shipByMerchant?: string[] } = {},
) =>
  planOrderHolds({
    mode,
    cancelled: options.cancelled ?? false,
    fulfillmentOrders,
    lines,
    canFulfilAt: options.canFulfilAt ?? (() => true),
    shipByMerchant: new Set(options.shipByMerchant ?? []),
  });

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
    expect(result.finished).toEqual([]);
    expect(heldInOf(result)).toEqual({ [key("X")]: "fo1" });
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
    expect(heldInOf(result)).toEqual({ [key("X")]: "fo1", [key("Y")]: "fo1" });
  });

  it("holds scheduled fulfillment orders, but not ones in progress or closed", () => {
    expect(plan(mode, [fo("fo1", { X: 1 }, { status: "SCHEDULED" })], [tracked("X", 1)]).actions).toEqual([
      { kind: "hold", fulfillmentOrderId: "fo1", lines: null, notes: "1 unit(s) waiting for stock" },
    ]);
    for (const status of ["IN_PROGRESS", "CLOSED", "CANCELLED", "INCOMPLETE"]) {
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
      expect(result.actions).toEqual([{ kind: "hold", fulfillmentOrderId: "fo1", lines: null, notes: "1 unit(s) waiting for stock" }]);
      expect(heldInOf(result)).toEqual({ [key("X")]: "fo1" });
    }
  });

  it("does not hold again what it already holds", () => {
    for (const holds of [[ourHold()], [merchantHold, ourHold()]]) {
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
    const held = plan(mode, [fo("fo1", { X: 1, Y: 1 }, { holds: [ourHold()] })], [tracked("X", 1), tracked("Y", 0)]);
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

describe("planOrderHolds: hold_fulfil", () => {
  it("fulfils only the lines with remaining quantities, after the release", () => {
    const result = plan("hold_fulfil", [fo("fo1", { X: 2, Y: 0 }, { holds: [ourHold()] })], [tracked("X", 0, { heldIn: "fo1" })]);
    expect(result.actions).toEqual([
      { kind: "release", fulfillmentOrderId: "fo1", holdId: "hold-ours" },
      { kind: "fulfil", fulfillmentOrderId: "fo1", lines: [{ id: "fo1/X", quantity: 2 }] },
    ]);
  });

  it("releases and fulfils what it holds even if its records do not say so", () => {
    // The hold is read from Shopify: a line recorded before heldIn existed is still fulfilled.
    const result = plan("hold_fulfil", [fo("fo1", { X: 2 }, { holds: [ourHold()] })], [tracked("X", 0)]);
    expect(result.actions.map((a) => a.kind)).toEqual(["release", "fulfil"]);
  });

  it("releases without fulfilling where the app may not fulfil", () => {
    const result = plan("hold_fulfil", [fo("fo1", { X: 2 }, { holds: [ourHold()], locationId: "3PL" })], [tracked("X", 0, { locationId: "3PL", heldIn: "fo1" })], {
      canFulfilAt: (location) => location !== "3PL",
    });
    expect(result.actions).toEqual([{ kind: "release", fulfillmentOrderId: "fo1", holdId: "hold-ours" }]);
    expect(result.finished).toEqual([key("X", "3PL")]);
    // Nor on the rerun.
    const rerun = plan("hold_fulfil", [fo("fo1", { X: 2 }, { locationId: "3PL" })], [tracked("X", 0, { locationId: "3PL", heldIn: "fo1" })], {
      canFulfilAt: (location) => location !== "3PL",
    });
    expect(rerun.actions).toEqual([]);
  });

  it("releases without fulfilling what the merchant released to ship themselves, now and on a rerun", () => {
    const held = [fo("fo1", { X: 2, Y: 1 }, { holds: [ourHold()] })];
    const result = plan("hold_fulfil", held, [tracked("X", 0, { heldIn: "fo1" })], { shipByMerchant: ["X"] });
    expect(result.actions).toEqual([{ kind: "release", fulfillmentOrderId: "fo1", holdId: "hold-ours" }]);
    expect(result.finished).toEqual([key("X")]);
    const rerun = plan("hold_fulfil", [fo("fo1", { X: 2, Y: 1 })], [tracked("X", 0, { heldIn: "fo1" })], { shipByMerchant: ["X"] });
    expect(rerun.actions).toEqual([]);
    // Another order's line is not the merchant's to ship: it is fulfilled as usual.
    expect(plan("hold_fulfil", held, [tracked("X", 0, { heldIn: "fo1" })], { shipByMerchant: ["Z"] }).actions.map((a) => a.kind)).toEqual(["release", "fulfil"]);
  });

  it("after a crash between release and fulfil, plans the fulfil again", () => {
    for (const status of ["OPEN", "IN_PROGRESS"]) {
      const result = plan("hold_fulfil", [fo("fo1", { X: 2, Y: 1 }, { status })], [tracked("X", 0, { heldIn: "fo1" })]);
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
      expect(result.finished).toEqual([key("X")]);
    }
    // Any pending line of the order naming it is enough, covered with others or not.
    const viaOther = plan("hold_fulfil", [fo("fo1", { X: 2 }), fo("fo2", { Y: 1 }, { holds: [ourHold()] })], [tracked("X", 0), tracked("Y", 1, { heldIn: "fo1" })]);
    expect(viaOther.actions).toEqual([{ kind: "fulfil", fulfillmentOrderId: "fo1", lines: [{ id: "fo1/X", quantity: 2 }] }]);
  });

  it("never fulfils a fulfillment order it never held", () => {
    // Covered before it was ever held (or held by someone else at the time).
    for (const status of ["OPEN", "IN_PROGRESS"]) {
      expect(plan("hold_fulfil", [fo("fo1", { X: 2, Y: 1 }, { status })], [tracked("X", 0)]).actions).toEqual([]);
      expect(plan("hold_fulfil", [fo("fo1", { X: 2, Y: 1 }, { status })], [tracked("X", 0, { heldIn: "fo9" })]).actions).toEqual([]);
    }
    // Released beside one it did hold: only that one is fulfilled.
    const beside = plan("hold_fulfil", [fo("fo1", { X: 1 }, { holds: [ourHold()] }), fo("fo2", { X: 1, Y: 1 })], [tracked("X", 0, { heldIn: "fo1" })]);
    expect(beside.actions).toEqual([
      { kind: "release", fulfillmentOrderId: "fo1", holdId: "hold-ours" },
      { kind: "fulfil", fulfillmentOrderId: "fo1", lines: [{ id: "fo1/X", quantity: 1 }] },
    ]);
    // A line the app already settled does not count, though it names the order.
    expect(plan("hold_fulfil", [fo("fo1", { X: 2 })], [tracked("X", 0, { state: "released", heldIn: "fo1" })]).actions).toEqual([]);
    // Part of a line item waits on an order the merchant started; the part that can ship is not fulfilled early.
    const started = plan("hold_fulfil", [fo("fo1", { Z: 1 }, { status: "IN_PROGRESS" }), fo("fo2", { X: 1, Z: 1 })], [tracked("X", 1), tracked("Z", 1)]);
    expect(started.actions.filter((a) => a.kind === "fulfil")).toEqual([]);
  });

  it("never fulfils twice: nothing when the remaining quantities are already 0", () => {
    for (const status of ["OPEN", "CLOSED"]) {
      const result = plan("hold_fulfil", [fo("fo1", { X: 0, Y: 0 }, { status })], [tracked("X", 0, { heldIn: "fo1" })]);
      expect(result.actions).toEqual([]);
      expect(result.finished).toEqual([key("X")]);
    }
  });

  it("does not fulfil orders it cannot act on", () => {
    // Closed, or held by the merchant (after our release landed).
    for (const status of ["CLOSED", "CANCELLED", "INCOMPLETE", "SCHEDULED"]) {
      expect(plan("hold_fulfil", [fo("fo1", { X: 2 }, { status })], [tracked("X", 0, { heldIn: "fo1" })]).actions).toEqual([]);
    }
    expect(plan("hold_fulfil", [fo("fo1", { X: 2 }, { holds: [merchantHold] })], [tracked("X", 0, { heldIn: "fo1" })]).actions).toEqual([]);
    expect(plan("hold_fulfil", [fo("fo1", { X: 2 }, { status: "OPEN", holds: [otherAppHold] })], [tracked("X", 0, { heldIn: "fo1" })]).actions).toEqual([]);
  });

  it("the other modes never fulfil", () => {
    for (const mode of ["hold_release", "ship_available_first"] as const) {
      expect(plan(mode, [fo("fo1", { X: 2 })], [tracked("X", 0, { heldIn: "fo1" })]).actions).toEqual([]);
      expect(plan(mode, [fo("fo1", { X: 2 }, { holds: [ourHold()] })], [tracked("X", 0, { heldIn: "fo1" })]).actions.map((a) => a.kind)).toEqual(["release"]);
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
      expect(heldInOf(result)).toEqual({ [key("X")]: "fo-held" });
      expect(result.tagged).toBe(true);
    }
  });

  it("holds only the extra units when more wait than it already holds", () => {
    const result = plan("ship_available_first", [fo("fo-open", { X: 2, Y: 1 }), fo("fo-held", { X: 1 }, { holds: [ourHold()] })], [tracked("X", 2)]);
    expect(result.actions).toEqual([{ kind: "hold", fulfillmentOrderId: "fo-open", lines: [{ id: "fo-open/X", quantity: 1 }], notes: "1 unit(s) waiting for stock" }]);
  });

  it("releases the held part once covered, leaving the open part alone", () => {
    const result = plan("ship_available_first", [fo("fo-open", { X: 2 }), fo("fo-held", { X: 1 }, { holds: [ourHold()] })], [tracked("X", 0, { heldIn: "fo-held" })]);
    expect(result.actions).toEqual([{ kind: "release", fulfillmentOrderId: "fo-held", holdId: "hold-ours" }]);
    expect(result.finished).toEqual([key("X")]);
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
    expect(result.finished).toEqual([]);
  });

  // A partial hold splits the covered units off into an open fulfillment order, so a covered
  // line it leaves out does not wait with the held ones: `finished` is a fixed point of the
  // plan's own actions, not one sync late.
  it("finishes a covered line the partial hold leaves out, in the same round", () => {
    const fos = [fo("fo1", { X: 1, Y: 1 })];
    const lines = [tracked("X", 0), tracked("Y", 1)];
    const first = plan("ship_available_first", fos, lines);
    expect(first.actions).toEqual([{ kind: "hold", fulfillmentOrderId: "fo1", lines: [{ id: "fo1/Y", quantity: 1 }], notes: "1 unit(s) waiting for stock" }]);
    expect(first.finished).toEqual([key("X")]);
    expect(heldInOf(first)).toEqual({ [key("Y")]: "fo1" });
    const after = apply(fos, first.actions);
    expect(after.map((f) => [f.id, f.status, f.lines.map((l) => l.lineItemId)])).toEqual([
      ["fo1", "ON_HOLD", ["Y"]],
      ["fo1-rest1", "OPEN", ["X"]],
    ]);
    // Recorded or not (a crash before the records), the next run finishes nothing more and acts on nothing.
    const recorded = record(lines, first);
    expect(recorded).toEqual([tracked("X", 0, { state: "released" }), tracked("Y", 1, { heldIn: "fo1" })]);
    expect(plan("ship_available_first", after, recorded)).toMatchObject({ actions: [], finished: [] });
    expect(plan("ship_available_first", after, lines)).toMatchObject({ actions: [], finished: [key("X")] });
  });

  it("still keeps a covered line waiting with a whole-order hold, or one on an order already held", () => {
    // Someone else holds fo1: Shopify cannot split it, so the whole order is held and X waits with Y.
    const merchant = plan("ship_available_first", [fo("fo1", { X: 1, Y: 1 }, { holds: [merchantHold] })], [tracked("X", 0), tracked("Y", 1)]);
    expect(merchant.actions).toEqual([{ kind: "hold", fulfillmentOrderId: "fo1", lines: null, notes: "1 unit(s) waiting for stock" }]);
    expect(merchant.finished).toEqual([]);
    // Our hold already covers X and Y on fo1 (held whole earlier): X waits until Y's hold goes.
    const ours = plan("ship_available_first", [fo("fo1", { X: 1, Y: 1 }, { holds: [ourHold()] })], [tracked("X", 0, { heldIn: "fo1" }), tracked("Y", 1, { heldIn: "fo1" })]);
    expect(ours.actions).toEqual([]);
    expect(ours.finished).toEqual([]);
  });
});

describe("planOrderHolds: a line item split across locations", () => {
  // One line item (3 units) routed to two locations: 1 unit at L1 (covered), 2 at L2 (waiting).
  const fos = [fo("fo-l1", { X: 1 }, { locationId: "L1" }), fo("fo-l2", { X: 2 }, { locationId: "L2" })];
  const lines = [tracked("X", 0, { locationId: "L1" }), tracked("X", 2, { locationId: "L2" })];

  it.each(MODES)("holds only where the units wait (%s)", (mode) => {
    const result = plan(mode, fos, lines);
    expect(result.actions).toEqual([{ kind: "hold", fulfillmentOrderId: "fo-l2", lines: null, notes: "2 unit(s) waiting for stock" }]);
    expect(heldInOf(result)).toEqual({ [key("X", "L2")]: "fo-l2" });
    expect(result.tagged).toBe(true);
  });

  it.each(MODES)("reports only the covered location's part finished, while the other still waits (%s)", (mode) => {
    const result = plan(mode, fos, lines);
    expect(result.finished).toEqual([key("X", "L1")]);
    // Recorded: the L1 part is settled, the L2 part keeps waiting and is not touched on the next run.
    const next = record(lines, result);
    expect(next).toEqual([tracked("X", 0, { locationId: "L1", state: "released" }), tracked("X", 2, { locationId: "L2", heldIn: "fo-l2" })]);
    const again = plan(mode, apply(fos, result.actions), next);
    expect(again.actions).toEqual([]);
    expect(again.finished).toEqual([]);
    expect(again.tagged).toBe(true);
  });
});

describe("planOrderHolds: a line item open on several fulfillment orders at one location", () => {
  // Z (3 units) was split by an earlier partial hold: 1 unit held by the app, 2 open. Now 2 units wait.
  const splitZ = [fo("fo0", { Z: 2 }), fo("fo1", { Z: 1 }, { holds: [ourHold("gid://shopify/FulfillmentHold/1")] })];
  const zWaits2 = [tracked("Z", 2, { heldIn: "fo1" })];

  it("first round: holds the open part too (the held part takes only one of the two units)", () => {
    const first = plan("hold_release", splitZ, zWaits2);
    expect(first.actions).toEqual([{ kind: "hold", fulfillmentOrderId: "fo0", lines: null, notes: "1 unit(s) waiting for stock" }]);
    // Both hold a unit of Z once the hold lands: the one already held first (placement order), then the new one.
    expect(heldInOf(first)).toEqual({ [key("Z")]: "fo1 fo0" });
    expect(record(zWaits2, first)).toEqual([tracked("Z", 2, { heldIn: "fo1 fo0" })]);
  });

  it.each(MODES)("second round, after the hold landed: nothing to do (%s)", (mode) => {
    const first = plan(mode, splitZ, zWaits2);
    const after = apply(splitZ, first.actions);
    // Whether or not the app recorded the first round yet.
    for (const lines of [zWaits2, record(zWaits2, first)]) {
      const second = plan(mode, after, lines);
      expect(second.actions).toEqual([]);
      expect(second.heldIn).toEqual(first.heldIn);
    }
    // One unit arrives: the newer hold goes, the older stays.
    const oneLeft = plan(mode, after, [tracked("Z", 1, { heldIn: "fo1 fo0" })]);
    expect(oneLeft.actions.filter((a) => a.kind === "release").map((a) => a.fulfillmentOrderId)).toEqual(["fo0"]);
    expect(heldInOf(oneLeft)).toEqual({ [key("Z")]: "fo1" });
    // The records keep naming fo0: the app held it, and in hold_fulfil a crash before its fulfil must still find it.
    expect(record([tracked("Z", 1, { heldIn: "fo1 fo0" })], oneLeft)).toEqual([tracked("Z", 1, { heldIn: "fo1 fo0" })]);
  });

  // Z (2 units) on a fulfillment order the merchant started (IN_PROGRESS, cannot be held)
  // and on an open one with X; one unit of each waits.
  const started = [fo("fo1", { Z: 1 }, { status: "IN_PROGRESS" }), fo("fo2", { X: 1, Z: 1 })];
  const oneEachWaits = [tracked("X", 1), tracked("Z", 1)];

  it("first round (hold_fulfil): puts Z's waiting unit on the order it can hold, and holds that one", () => {
    const first = plan("hold_fulfil", started, oneEachWaits);
    expect(first.actions).toEqual([{ kind: "hold", fulfillmentOrderId: "fo2", lines: null, notes: "2 unit(s) waiting for stock" }]);
    expect(heldInOf(first)).toEqual({ [key("X")]: "fo2", [key("Z")]: "fo2" });
  });

  it("second round (hold_fulfil), after the hold landed: nothing to do, the started order is never fulfilled by the app", () => {
    const first = plan("hold_fulfil", started, oneEachWaits);
    const after = apply(started, first.actions);
    for (const lines of [oneEachWaits, record(oneEachWaits, first)]) {
      expect(plan("hold_fulfil", after, lines).actions).toEqual([]);
    }
    // Stock arrives: only the order the app held is released and fulfilled.
    const covered = record(oneEachWaits, first).map((line) => ({ ...line, waitingUnits: 0 }));
    expect(plan("hold_fulfil", after, covered).actions.map((a) => [a.kind, a.fulfillmentOrderId])).toEqual([
      ["release", "fo2"],
      ["fulfil", "fo2"],
    ]);
  });

  // A line's units can be held on several fulfillment orders, so its `heldIn` names them all:
  // a crash right after the first release must not leave that one open with nothing naming it.
  it("after a crash between release and fulfil, fulfils every order the line was held on", () => {
    // The merchant split Z (3 units) into two fulfillment orders; all 3 wait.
    const split = [fo("fo0", { Z: 2 }), fo("fo1", { Z: 1 })];
    let lines = [tracked("Z", 3)];
    const holding = plan("hold_fulfil", split, lines);
    expect(holding.actions.map((a) => [a.kind, a.fulfillmentOrderId])).toEqual([
      ["hold", "fo0"],
      ["hold", "fo1"],
    ]);
    let state = apply(split, holding.actions);
    expect(heldInOf(holding)).toEqual({ [key("Z")]: "fo0 fo1" });
    lines = record(lines, holding);
    expect(lines[0]!.heldIn).toBe("fo0 fo1");

    // Stock arrives for all 3.
    lines = lines.map((line) => ({ ...line, waitingUnits: 0 }));
    const releasing = plan("hold_fulfil", state, lines);
    expect(releasing.actions.map((a) => [a.kind, a.fulfillmentOrderId])).toEqual([
      ["release", "fo0"],
      ["fulfil", "fo0"],
      ["release", "fo1"],
      ["fulfil", "fo1"],
    ]);
    // Crash after the first release: nothing recorded, the rerun reads Shopify again.
    state = apply(state, releasing.actions.slice(0, 1));
    const rerun = plan("hold_fulfil", state, lines);
    // What the app still holds comes first (placement order), then the order released before the crash.
    expect(rerun.actions).toEqual([
      { kind: "release", fulfillmentOrderId: "fo1", holdId: "gid://shopify/FulfillmentHold/2" },
      { kind: "fulfil", fulfillmentOrderId: "fo1", lines: [{ id: "fo1/Z", quantity: 1 }] },
      { kind: "fulfil", fulfillmentOrderId: "fo0", lines: [{ id: "fo0/Z", quantity: 2 }] },
    ]);
    expect(rerun.finished).toEqual([key("Z")]);
    state = apply(state, rerun.actions);
    expect(state.map((f) => [f.id, f.status, f.holds])).toEqual([
      ["fo0", "CLOSED", []],
      ["fo1", "CLOSED", []],
    ]);
  });

  it("after a crash between releasing one of a still-waiting line's holds and its fulfil, fulfils it on the rerun", () => {
    // Z (3 units) on two fulfillment orders, all held by the app; then 2 units arrive.
    const split = [fo("fo0", { Z: 2 }), fo("fo1", { Z: 1 })];
    const holding = plan("hold_fulfil", split, [tracked("Z", 3)]);
    let state = apply(split, holding.actions);
    const lines = record([tracked("Z", 1)], holding);
    expect(lines[0]!.heldIn).toBe("fo0 fo1");
    // The 1 unit still waiting stays on the older hold (fo0); fo1's is released and fulfilled.
    const releasing = plan("hold_fulfil", state, lines);
    expect(releasing.actions.map((a) => [a.kind, a.fulfillmentOrderId])).toEqual([
      ["release", "fo1"],
      ["fulfil", "fo1"],
    ]);
    expect(heldInOf(releasing)).toEqual({ [key("Z")]: "fo0" });
    // Crash after the release; the rerun still owes fo1 its fulfil, because the line still names it.
    state = apply(state, releasing.actions.slice(0, 1));
    const rerun = plan("hold_fulfil", state, lines);
    expect(rerun.actions).toEqual([{ kind: "fulfil", fulfillmentOrderId: "fo1", lines: [{ id: "fo1/Z", quantity: 1 }] }]);
    expect(rerun.finished).toEqual([]);
    // Recorded, the line keeps both names: every order ever held for it.
    expect(record(lines, rerun)).toEqual(lines);
  });
});

// ---------------------------------------------------------------------------
// Shopify, as far as the plan's actions go.

const holdNumber = (hold: Hold) => Number(/(\d+)$/.exec(hold.id)?.[1] ?? 0);
const isOurs = (hold: Hold) => hold.heldByRequestingApp && hold.handle === HOLD_HANDLE;

/**
 * What Shopify does with each action. A new hold gets a larger id than any before
 * it; a partial hold splits the order: the held units stay, the rest moves to a new one.
 */
function apply(fos: readonly FulfillmentOrderState[], actions: readonly HoldAction[]): FulfillmentOrderState[] {
  let state = fos.map((f) => ({ ...f, holds: [...f.holds], lines: f.lines.map((l) => ({ ...l })) }));
  let nextHold = Math.max(0, ...fos.flatMap((f) => f.holds.map(holdNumber))) + 1;
  for (const action of actions) {
    const target = state.find((f) => f.id === action.fulfillmentOrderId);
    expect(target, `${action.kind} on a fulfillment order that does not exist`).toBeDefined();
    if (!target) continue;
    switch (action.kind) {
      case "hold": {
        expect(target.holds.some(isOurs)).toBe(false);
        expect(["OPEN", "SCHEDULED", "ON_HOLD"]).toContain(target.status);
        const hold = ourHold(`gid://shopify/FulfillmentHold/${nextHold++}`);
        if (action.lines === null) {
          state = state.map((f) => (f === target ? { ...f, status: "ON_HOLD", holds: [...f.holds, hold] } : f));
          break;
        }
        // Shopify cannot split a fulfillment order someone else holds.
        expect(target.holds).toEqual([]);
        const heldQty = new Map(action.lines.map((l) => [l.id, l.quantity]));
        for (const l of action.lines) {
          const line = target.lines.find((candidate) => candidate.id === l.id);
          expect(line).toBeDefined();
          expect(l.quantity).toBeGreaterThan(0);
          expect(l.quantity).toBeLessThanOrEqual(line!.remainingQuantity);
        }
        const held = { ...target, status: "ON_HOLD", holds: [...target.holds, hold], lines: target.lines.filter((l) => heldQty.has(l.id)).map((l) => ({ ...l, remainingQuantity: heldQty.get(l.id)! })) };
        // A new fulfillment order (and new line ids) for the rest, named from the state so both runs of a test agree.
        let split = 1;
        while (state.some((f) => f.id === `${target.id}-rest${split}`)) split++;
        const rest = {
          ...target,
          id: `${target.id}-rest${split}`,
          holds: [],
          lines: target.lines.map((l) => ({ ...l, id: `${l.id}-rest${split}`, remainingQuantity: l.remainingQuantity - (heldQty.get(l.id) ?? 0) })).filter((l) => l.remainingQuantity > 0),
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
        expect(["OPEN", "IN_PROGRESS"]).toContain(target.status);
        const lines = target.lines.map((l) => {
          const fulfilled = action.lines.find((a) => a.id === l.id)?.quantity ?? 0;
          expect(fulfilled).toBeLessThanOrEqual(l.remainingQuantity);
          return { ...l, remainingQuantity: l.remainingQuantity - fulfilled };
        });
        state = state.map((f) => (f === target ? { ...f, lines, status: lines.every((l) => l.remainingQuantity === 0) ? "CLOSED" : "IN_PROGRESS" } : f));
        break;
      }
    }
  }
  return state;
}

// ---------------------------------------------------------------------------
// Properties over random orders.

const LOCATIONS = ["L1", "L2"];
const LINE_ITEMS = ["X", "Y", "Z"];
const STATUSES_WITHOUT_HOLDS = ["OPEN", "OPEN", "SCHEDULED", "IN_PROGRESS", "CLOSED"];

/** A fulfillment order; our own hold, if any, has a random age (hold ids are unique across orders). */
const foArb = (index: number, options: { ours: boolean }) =>
  fc
    .record({
      locationId: fc.constantFrom(...LOCATIONS),
      ours: options.ours ? fc.boolean() : fc.constant(false),
      holdAge: fc.integer({ min: 1, max: 50 }),
      others: fc.subarray([merchantHold, otherAppHold, ownOtherHandleHold], { maxLength: 2 }),
      status: fc.constantFrom(...STATUSES_WITHOUT_HOLDS),
      lines: fc.subarray(LINE_ITEMS, { minLength: 1 }).chain((items) =>
        fc.tuple(...items.map((item) => fc.integer({ min: 0, max: 3 }).map((remaining) => [item, remaining] as const))),
      ),
    })
    .map(({ locationId, ours, holdAge, others, status, lines }) => {
      const holds = [...others, ...(ours ? [ourHold(`gid://shopify/FulfillmentHold/${holdAge * 10 + index}`)] : [])];
      return fo(`fo${index}`, Object.fromEntries(lines), { locationId, holds, status: holds.length > 0 ? "ON_HOLD" : status });
    });

const fosArb = (options: { ours: boolean }) => fc.integer({ min: 1, max: 4 }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, i) => foArb(i, options))));

const linesArb = (options: { heldIn: boolean }) =>
  fc.uniqueArray(
    fc.record({
      lineItemId: fc.constantFrom(...LINE_ITEMS),
      locationId: fc.constantFrom(...LOCATIONS),
      waitingUnits: fc.integer({ min: 0, max: 4 }),
      state: fc.constantFrom("waiting", "waiting", "released"),
      shipsOn: fc.option(fc.constantFrom("2026-12-01", "2027-01-01"), { nil: null }),
      // Space-separated ids, some of orders that do not exist (any more).
      heldIn: options.heldIn
        ? fc.option(fc.shuffledSubarray(["fo0", "fo1", "fo2", "fo3", "fo0-rest1", "fo9"], { minLength: 1, maxLength: 3 }).map((ids) => ids.join(" ")), { nil: null })
        : fc.constant(null),
    }),
    { selector: lineKey, maxLength: 6 },
  );

const stateArb = fc.record({
  mode: fc.constantFrom(...MODES),
  fulfillmentOrders: fosArb({ ours: true }),
  lines: linesArb({ heldIn: true }),
  fulfilAt: fc.subarray(LOCATIONS),
});

type Scenario = { mode: FulfilmentMode; fulfillmentOrders: FulfillmentOrderState[]; lines: TrackedLineState[]; fulfilAt: string[] };
const planFor = ({ mode, fulfilAt }: Pick<Scenario, "mode" | "fulfilAt">, fulfillmentOrders: readonly FulfillmentOrderState[], lines: readonly TrackedLineState[], cancelled = false) =>
  planOrderHolds({ mode, cancelled, fulfillmentOrders, lines, canFulfilAt: (location) => fulfilAt.includes(location) });

/** Shopify's state, with our hold ids left out (a rerun may create the same hold under another id). */
const shopifyView = (fos: readonly FulfillmentOrderState[]) =>
  fos.map((f) => ({
    id: f.id,
    status: f.status,
    ours: f.holds.some(isOurs),
    others: f.holds.filter((h) => !isOurs(h)).map((h) => h.id),
    lines: f.lines.map((l) => [l.id, l.remainingQuantity]),
  }));

describe("planOrderHolds properties", () => {
  it("is idempotent: once its actions land (recorded or not yet), planning again does nothing", () => {
    fc.assert(
      fc.property(stateArb, (scenario) => {
        const { fulfillmentOrders, lines } = scenario;
        const first = planFor(scenario, fulfillmentOrders, lines);
        const after = apply(fulfillmentOrders, first.actions);
        const recorded = record(lines, first);
        const second = planFor(scenario, after, recorded);
        expect(second.actions).toEqual([]);
        expect(second.heldIn).toEqual(first.heldIn);
        expect(second.tagged).toBe(first.tagged);
        expect(second.shipsOn).toBe(first.shipsOn);
        // A crash after the actions but before the records: the rerun repeats nothing either.
        const rerun = planFor(scenario, after, lines);
        expect(rerun.actions).toEqual([]);
        expect(rerun.heldIn).toEqual(first.heldIn);
        // Finished lines are settled in the round whose actions free them, never one round late.
        expect(second.finished).toEqual([]);
        expect(rerun.finished).toEqual(first.finished);
      }),
    );
  });

  it("reports consistent lines: finished ones wait for nothing, held ones are held once the actions land", () => {
    fc.assert(
      fc.property(stateArb, (scenario) => {
        const { fulfillmentOrders, lines } = scenario;
        const result = planFor(scenario, fulfillmentOrders, lines);
        const pending = lines.filter((l) => l.state === "waiting");
        const waitingKeys = pending.filter((l) => l.waitingUnits > 0).map(lineKey);
        const coveredKeys = pending.filter((l) => l.waitingUnits === 0).map(lineKey);
        expect(result.finished.every((k) => coveredKeys.includes(k))).toBe(true);
        expect([...result.heldIn.keys()].every((k) => waitingKeys.includes(k))).toBe(true);
        const after = apply(fulfillmentOrders, result.actions);
        const openKeys = (f: FulfillmentOrderState) => f.lines.filter((l) => l.remainingQuantity > 0).map((l) => lineKey({ lineItemId: l.lineItemId, locationId: f.locationId }));
        for (const [lk, foIds] of result.heldIn) {
          const ids = idsOf(foIds);
          expect(ids.length).toBeGreaterThan(0);
          expect(new Set(ids).size).toBe(ids.length);
          for (const foId of ids) {
            const held = after.find((f) => f.id === foId);
            expect(held, `${lk} held in ${foId}, which does not exist`).toBeDefined();
            expect(held!.holds.some(isOurs)).toBe(true);
            expect(openKeys(held!)).toContain(lk);
          }
        }
        // Every fulfillment order we hold once the actions land is named by some waiting line, so a crash
        // between its release and its fulfil later cannot lose it.
        const named = new Set([...result.heldIn.values()].flatMap(idsOf));
        for (const f of after) if (f.holds.some(isOurs)) expect(named.has(f.id), `${f.id} held, named by no line`).toBe(true);
        // Every fulfillment order still held by us after the actions has some waiting line open on it.
        for (const f of after) if (f.holds.some(isOurs)) expect(openKeys(f).some((k) => waitingKeys.includes(k))).toBe(true);
        expect(result.tagged).toBe(waitingKeys.length > 0);
      }),
    );
  });

  it("acts at most once per fulfillment order per kind, releases only its own holds, fulfils only what it held", () => {
    fc.assert(
      fc.property(stateArb, (scenario) => {
        const { mode, fulfillmentOrders, lines } = scenario;
        const result = planFor(scenario, fulfillmentOrders, lines);
        const keys = result.actions.map((a) => `${a.kind}:${a.fulfillmentOrderId}`);
        expect(new Set(keys).size).toBe(keys.length);
        const onceHeld = new Set(lines.filter((l) => l.state === "waiting").flatMap((l) => idsOf(l.heldIn)));
        for (const action of result.actions) {
          const target = fulfillmentOrders.find((f) => f.id === action.fulfillmentOrderId)!;
          if (action.kind === "release") expect(target.holds.find((h) => h.id === action.holdId)).toMatchObject({ handle: HOLD_HANDLE, heldByRequestingApp: true });
          if (action.kind === "fulfil") {
            expect(mode).toBe("hold_fulfil");
            expect(scenario.fulfilAt).toContain(target.locationId);
            // Held by us now (and released just before), or named by a pending line.
            if (target.holds.some(isOurs)) expect(keys.indexOf(`release:${target.id}`)).toBe(keys.indexOf(`fulfil:${target.id}`) - 1);
            else expect(onceHeld.has(target.id)).toBe(true);
          }
          if (action.kind === "hold" && action.lines !== null) expect(mode).toBe("ship_available_first");
        }
        const cancelled = planFor(scenario, fulfillmentOrders, lines, true);
        expect(cancelled.actions).toEqual([]);
        expect(cancelled.tagged).toBe(false);
        expect(cancelled.heldIn).toEqual(new Map());
        expect(cancelled.finished).toEqual(lines.filter((l) => l.state === "waiting").map(lineKey));
      }),
    );
  });

  // From an order the app has not touched yet, stock arrives (or more units wait) over
  // a few rounds; in each, the app may crash after any action and rerun from a fresh read.
  const roundsArb = fc.record({
    mode: fc.constantFrom(...MODES),
    fulfillmentOrders: fosArb({ ours: false }),
    lines: linesArb({ heldIn: false }),
    fulfilAt: fc.subarray(LOCATIONS),
    rounds: fc.array(
      fc.record({
        // Units covered (negative: more units wait) per line.
        arrivals: fc.array(fc.integer({ min: -2, max: 3 }), { minLength: 6, maxLength: 6 }),
        crashAfter: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
      }),
      { maxLength: 3 },
    ),
    firstCrashAfter: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
    lastCrashAfter: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
  });

  it("a crash after any action changes nothing: the rerun ends where an uninterrupted run does, and never fulfils what it never held", () => {
    fc.assert(
      fc.property(roundsArb, (scenario) => {
        type World = { state: FulfillmentOrderState[]; lines: TrackedLineState[]; result: OrderPlan | null; everHeld: Set<string> };
        /** One sync of the order: plan, apply; after a crash, plan again from what landed and apply that; then record. */
        const sync = (world: World, lines: TrackedLineState[], crashAfter: number | null): World => {
          const everHeld = new Set(world.everHeld);
          const land = (state: FulfillmentOrderState[], actions: readonly HoldAction[]) => {
            for (const action of actions) {
              if (action.kind === "hold") everHeld.add(action.fulfillmentOrderId);
              if (action.kind === "fulfil") expect(everHeld.has(action.fulfillmentOrderId), `fulfils ${action.fulfillmentOrderId}, never held`).toBe(true);
            }
            return apply(state, actions);
          };
          let state = world.state;
          let result = planFor(scenario, state, lines);
          if (crashAfter !== null && crashAfter < result.actions.length) {
            const planned = result.actions;
            state = land(state, planned.slice(0, crashAfter));
            result = planFor(scenario, state, lines);
            // A release that landed without its fulfil: the rerun must plan that fulfil.
            const fulfils = (actions: readonly HoldAction[]) => new Set(actions.filter((a) => a.kind === "fulfil").map((a) => a.fulfillmentOrderId));
            const owed = [...fulfils(planned.slice(crashAfter))].filter((id) => planned.slice(0, crashAfter).some((a) => a.kind === "release" && a.fulfillmentOrderId === id));
            for (const id of owed) expect(fulfils(result.actions).has(id), `release of ${id} landed, its fulfil lost`).toBe(true);
          }
          return { state: land(state, result.actions), lines: record(lines, result), result, everHeld };
        };
        const sameOutcome = (clean: World, crashy: World) => {
          expect(shopifyView(crashy.state)).toEqual(shopifyView(clean.state));
          // The records too, heldIn included; and with nothing changed, the next sync has nothing left to do or settle.
          expect(crashy.lines).toEqual(clean.lines);
          expect(crashy.result?.tagged).toBe(clean.result?.tagged);
          expect(crashy.result?.shipsOn).toBe(clean.result?.shipsOn);
          const again = planFor(scenario, clean.state, clean.lines);
          expect(again.actions).toEqual([]);
          expect(again.finished).toEqual([]);
        };

        const untouched: World = { state: scenario.fulfillmentOrders, lines: scenario.lines, result: null, everHeld: new Set() };
        // The first read: the app holds what waits.
        let clean = sync(untouched, scenario.lines, null);
        let crashy = sync(untouched, scenario.lines, scenario.firstCrashAfter);
        sameOutcome(clean, crashy);
        const rounds = [...scenario.rounds, { arrivals: [99, 99, 99, 99, 99, 99], crashAfter: scenario.lastCrashAfter }];
        for (const { arrivals, crashAfter } of rounds) {
          // As variant-sync records it: covered units stop waiting; more units waiting (never more than are
          // open at the location) make a settled line wait anew, what the app held for it before forgotten.
          const arrive = (world: World) =>
            world.lines.map((line, i) => {
              const change = arrivals[i]!;
              const open = world.state.filter((f) => f.locationId === line.locationId).flatMap((f) => f.lines).filter((l) => l.lineItemId === line.lineItemId).reduce((sum, l) => sum + l.remainingQuantity, 0);
              if (line.state !== "waiting") return change < 0 && open > 0 ? { ...line, state: "waiting", waitingUnits: Math.min(-change, open), heldIn: null } : line;
              return { ...line, waitingUnits: change < 0 ? Math.min(line.waitingUnits - change, Math.max(line.waitingUnits, open)) : Math.max(0, line.waitingUnits - change) };
            });
          clean = sync(clean, arrive(clean), null);
          crashy = sync(crashy, arrive(crashy), crashAfter);
          sameOutcome(clean, crashy);
        }

        // Everything arrived: nothing waits, nothing of ours is held, and in hold_fulfil everything the app held
        // and may fulfil has shipped, unless someone else holds it.
        for (const world of [clean, crashy]) {
          expect(world.lines.every((line) => line.state !== "waiting")).toBe(true);
          expect(world.result?.tagged).toBe(false);
          for (const f of world.state) {
            expect(f.holds.some(isOurs)).toBe(false);
            if (scenario.mode === "hold_fulfil" && world.everHeld.has(f.id) && f.holds.length === 0 && scenario.fulfilAt.includes(f.locationId)) {
              expect(f.lines.every((l) => l.remainingQuantity === 0), `${f.id} held by the app, never fulfilled`).toBe(true);
            }
          }
        }
      }),
    );
  });
});
