import { describe, expect, it } from "vitest";
import { ourHold, merchantHold, fo, tracked, key, heldInOf, record, plan } from "./hold-plan-fixtures";
import { apply } from "./hold-plan-shopify";

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
    expect(result.actions).toEqual([{ kind: "hold", fulfillmentOrderId: "fo-open", lines: [{ id: "fo-open/X", quantity: 1 }], notes: "1 unit waiting for stock" }]);
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
        notes: "3 units waiting for stock",
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
    expect(first.actions).toEqual([{ kind: "hold", fulfillmentOrderId: "fo1", lines: [{ id: "fo1/Y", quantity: 1 }], notes: "1 unit waiting for stock" }]);
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
    expect(merchant.actions).toEqual([{ kind: "hold", fulfillmentOrderId: "fo1", lines: null, notes: "1 unit waiting for stock" }]);
    expect(merchant.finished).toEqual([]);
    // Our hold and the merchant's both on fo1 (held whole): X waits until the merchant's hold goes.
    const both = plan("ship_available_first", [fo("fo1", { X: 1, Y: 1 }, { holds: [merchantHold, ourHold()] })], [tracked("X", 0, { heldIn: "fo1" }), tracked("Y", 1, { heldIn: "fo1" })]);
    expect(both.actions).toEqual([]);
    expect(both.finished).toEqual([]);
  });

  it("splits an order it held whole once the other hold is gone (FULFILLMENT_ORDER_NOT_SPLITTABLE before): the covered line ships", () => {
    const fos = [fo("fo1", { X: 1, Y: 1 }, { holds: [ourHold()] })];
    const lines = [tracked("X", 0, { heldIn: "fo1" }), tracked("Y", 1, { heldIn: "fo1" })];
    const first = plan("ship_available_first", fos, lines);
    // Shopify refuses a partial hold on a held fulfillment order: ours goes first, then only Y is held.
    expect(first.actions).toEqual([
      { kind: "release", fulfillmentOrderId: "fo1", holdId: "hold-ours" },
      { kind: "hold", fulfillmentOrderId: "fo1", lines: [{ id: "fo1/Y", quantity: 1 }], notes: "1 unit waiting for stock" },
    ]);
    expect(first.finished).toEqual([key("X")]);
    const after = apply(fos, first.actions);
    expect(after.map((f) => [f.id, f.status, f.lines.map((l) => l.lineItemId)])).toEqual([
      ["fo1", "ON_HOLD", ["Y"]],
      ["fo1-rest1", "OPEN", ["X"]],
    ]);
    expect(plan("ship_available_first", after, record(lines, first))).toMatchObject({ actions: [], finished: [] });
  });

  it("does not split again while every line it holds still waits, even in part", () => {
    const result = plan("ship_available_first", [fo("fo1", { X: 3, Y: 1 }, { holds: [ourHold()] })], [tracked("X", 1, { heldIn: "fo1" }), tracked("Y", 1, { heldIn: "fo1" })]);
    expect(result.actions).toEqual([]);
  });
});
