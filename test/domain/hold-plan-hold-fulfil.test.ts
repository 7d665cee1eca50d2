import { describe, expect, it } from "vitest";
import { ourHold, merchantHold, otherAppHold, fo, tracked, key, plan } from "./hold-plan-fixtures";

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
