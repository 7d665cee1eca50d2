import { describe, expect, it } from "vitest";
import { bulkReleaseOf, knownOrderWrite, type KnownLine, type KnownOrderWrite } from "../../app/domain/known-order-writes";

const line = (lineItemId: string, waitingUnits: number, extra: Partial<KnownLine> = {}): KnownLine => ({
  lineItemId,
  locationId: "loc1",
  state: "waiting",
  waitingUnits,
  shipsOn: null,
  fulfillmentOrderId: "fo1",
  heldIn: null,
  merchantAction: null,
  moveTo: null,
  ...extra,
});
const holds = new Map([["fo1", "h1"], ["fo2", "h2"]]);

describe("knownOrderWrite", () => {
  it("releases every hold of an order whose units are all covered, with the stored hold ids", () => {
    const lines = [line("A", 0, { heldIn: "fo1" }), line("B", 0, { heldIn: "fo1 fo2" })];
    expect(knownOrderWrite({ mode: "hold_release", lines, holdIds: holds })).toEqual({
      kind: "release",
      holds: [{ fulfillmentOrderId: "fo1", holdId: "h1" }, { fulfillmentOrderId: "fo2", holdId: "h2" }],
    });
    expect(knownOrderWrite({ mode: "ship_available_first", lines, holdIds: holds }).kind).toBe("release");
  });

  it("holds the known fulfillment orders of lines that start waiting, whole, with the latest ship date", () => {
    const lines = [line("A", 2, { shipsOn: "2026-12-20" }), line("B", 1, { shipsOn: "2026-12-24" }), line("C", 1, { fulfillmentOrderId: "fo2", heldIn: "fo2" })];
    expect(knownOrderWrite({ mode: "hold_release", lines, holdIds: holds })).toEqual({
      kind: "hold",
      holds: [{ fulfillmentOrderId: "fo1", notes: "3 units waiting for stock", lines: [{ lineItemId: "A", locationId: "loc1" }, { lineItemId: "B", locationId: "loc1" }] }],
      shipsOn: "2026-12-24",
    });
  });

  it("only moves the ship date when everything waiting is held already", () => {
    const lines = [line("A", 1, { heldIn: "fo1", shipsOn: "2026-12-20" })];
    expect(knownOrderWrite({ mode: "hold_fulfil", lines, holdIds: holds })).toEqual({ kind: "ship-date", shipsOn: "2026-12-20" });
  });

  it("does nothing for an order with no waiting lines", () => {
    expect(knownOrderWrite({ mode: "hold_release", lines: [line("A", 0, { state: "released", heldIn: "fo1" })], holdIds: holds })).toEqual({ kind: "nothing" });
  });

  it("leaves to the order's full sync what needs its current state", () => {
    const read = (mode: Parameters<typeof knownOrderWrite>[0]["mode"], lines: KnownLine[], known = holds) => knownOrderWrite({ mode, lines, holdIds: known }).kind;
    // Fulfilling needs the fulfillment order's lines.
    expect(read("hold_fulfil", [line("A", 0, { heldIn: "fo1" })])).toBe("read");
    // A hold placed before its id was stored.
    expect(read("hold_release", [line("A", 0, { heldIn: "fo3" })])).toBe("read");
    // A covered line never held may have shipped meanwhile.
    expect(read("hold_release", [line("A", 0)])).toBe("read");
    // Some units covered, some waiting: which holds stay is the plan's decision.
    expect(read("hold_release", [line("A", 0, { heldIn: "fo1" }), line("B", 1, { heldIn: "fo1" })])).toBe("read");
    // Partial holds split a fulfillment order by its lines; an order held whole may be split now.
    expect(read("ship_available_first", [line("A", 1)])).toBe("read");
    expect(read("ship_available_first", [line("A", 1, { heldIn: "fo1" })])).toBe("read");
    // No fulfillment order known for the line.
    expect(read("hold_release", [line("A", 1, { fulfillmentOrderId: null })])).toBe("read");
    // The merchant's release, cancel or move.
    expect(read("hold_release", [line("A", 1, { merchantAction: "released" })])).toBe("read");
    expect(read("hold_release", [line("A", 1, { heldIn: "fo1", moveTo: "loc2" })])).toBe("read");
  });
});

describe("bulkReleaseOf", () => {
  const release = (...fulfillmentOrderIds: string[]): KnownOrderWrite => ({ kind: "release", holds: fulfillmentOrderIds.map((id) => ({ fulfillmentOrderId: id, holdId: `h-${id}` })) });
  const writes = new Map<string, KnownOrderWrite>([
    ["o1", release("fo1")],
    ["o2", release("fo2", "fo3")],
    ["o3", { kind: "hold", holds: [], shipsOn: null }],
    ["o4", { kind: "read" }],
  ]);

  it("takes every release, and only releases, once they reach the threshold in fulfillment orders", () => {
    expect(bulkReleaseOf(writes, 3)).toEqual({ orderIds: ["o1", "o2"], fulfillmentOrderIds: ["fo1", "fo2", "fo3"] });
  });

  it("leaves releases under the threshold, or none at all, to the batches", () => {
    expect(bulkReleaseOf(writes, 4)).toBeNull();
    expect(bulkReleaseOf(new Map([["o3", { kind: "nothing" }]]), 0)).toBeNull();
  });
});
