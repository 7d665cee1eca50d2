import { describe, expect, it } from "vitest";
import { causeOfChange, promiseCauseOf, type CauseInput } from "../../app/domain/promise-history";

const before = { shipsOn: "2026-12-12", source: "shipment:A", queuePosition: 3, recordedAt: "2026-12-01T10:00:00.000Z" };
const base: CauseInput = { locationId: "L1", before, after: { shipsOn: "2026-12-19", source: "shipment:A", queuePosition: 3 }, supplyChanges: [], restockChangedAt: null };

describe("causeOfChange", () => {
  it("blames the shipment the date stood on: later, earlier, cancelled", () => {
    const moved = [{ shipmentId: "A", locationId: "L1", kind: "arrival_moved" as const, at: "2026-12-02T00:00:00.000Z" }];
    expect(causeOfChange({ ...base, supplyChanges: moved })).toBe("shipment_late");
    expect(causeOfChange({ ...base, after: { ...base.after, shipsOn: "2026-12-10" }, supplyChanges: moved })).toBe("shipment_early");
    expect(causeOfChange({ ...base, after: { shipsOn: "2027-01-01", source: "shipment:B", queuePosition: 3 }, supplyChanges: [{ ...moved[0]!, kind: "cancelled" }] })).toBe("shipment_cancelled");
  });

  it("reads a receipt of another shipment at the location as a partial receipt, and ignores changes older than the record or elsewhere", () => {
    const received = { shipmentId: "B", locationId: "L1", kind: "received" as const, at: "2026-12-02T00:00:00.000Z" };
    expect(causeOfChange({ ...base, after: { ...base.after, queuePosition: 1 }, supplyChanges: [received] })).toBe("partly_received");
    expect(causeOfChange({ ...base, after: { ...base.after, queuePosition: 1 }, supplyChanges: [{ ...received, at: "2026-11-30T00:00:00.000Z" }, { ...received, locationId: "L2" }] })).toBe("queue_moved");
  });

  it("then the merchant's restock date, then the queue, then anything else", () => {
    expect(causeOfChange({ ...base, restockChangedAt: "2026-12-02T00:00:00.000Z" })).toBe("merchant_changed_date");
    expect(causeOfChange({ ...base, after: { ...base.after, queuePosition: 2 } })).toBe("queue_moved");
    expect(causeOfChange(base)).toBe("recomputed");
  });

  it("maps stored text to a cause, and nothing else", () => {
    expect(promiseCauseOf("shipment_late")).toBe("shipment_late");
    expect(promiseCauseOf("late")).toBeNull();
  });
});
