import { describe, expect, it } from "vitest";
import { MODES, ourHold, fo, tracked, key, heldInOf, record, plan } from "./hold-plan-fixtures";
import { apply } from "./hold-plan-shopify";

describe("planOrderHolds: a line item split across locations", () => {
  // One line item (3 units) routed to two locations: 1 unit at L1 (covered), 2 at L2 (waiting).
  const fos = [fo("fo-l1", { X: 1 }, { locationId: "L1" }), fo("fo-l2", { X: 2 }, { locationId: "L2" })];
  const lines = [tracked("X", 0, { locationId: "L1" }), tracked("X", 2, { locationId: "L2" })];

  it.each(MODES)("holds only where the units wait (%s)", (mode) => {
    const result = plan(mode, fos, lines);
    expect(result.actions).toEqual([{ kind: "hold", fulfillmentOrderId: "fo-l2", lines: null, notes: "2 units waiting for stock" }]);
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
    expect(first.actions).toEqual([{ kind: "hold", fulfillmentOrderId: "fo0", lines: null, notes: "1 unit waiting for stock" }]);
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
    expect(first.actions).toEqual([{ kind: "hold", fulfillmentOrderId: "fo2", lines: null, notes: "2 units waiting for stock" }]);
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
