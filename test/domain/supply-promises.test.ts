import { describe, expect, it } from "vitest";
import { planVariant } from "../../app/domain/backorder-plan";
import { promiseShipDates, type SupplyBatch } from "../../app/domain/supply-promises";
import { demand, input, level } from "./backorder-plan-fixtures";

const today = "2026-12-01";
const shipment = (id: string, locationId: string, arrivesAt: string, quantity: number): SupplyBatch => ({ locationId, arrivesAt, quantity, source: { kind: "shipment", shipmentId: id } });
const oneUnitLines = (count: number, locationId = "L1") => Array.from({ length: count }, (_, index) => ({ lineItemId: `line-${index + 1}`, locationId, waitingUnits: 1 }));
const base = { restock: null, defaultLeadTimeDays: 14, handlingDays: 1, today };

describe("promiseShipDates", () => {
  it("gives the first 5 of 12 lines the 5 units arriving on day 10 and the next 7 the shipment of day 30, plus handling", () => {
    const dates = promiseShipDates({ ...base, waitingLines: oneUnitLines(12), batches: [shipment("B", "L1", "2026-12-31T12:00:00Z", 20), shipment("A", "L1", "2026-12-11", 5)] });
    // Day 10 is 2026-12-11, shipped the day after; day 30 is 2026-12-31, shipped 2027-01-01.
    expect(dates.map((line) => line.shipsOn)).toEqual([...Array(5).fill("2026-12-12"), ...Array(7).fill("2027-01-01")]);
    expect(dates[4]!.source).toEqual({ kind: "shipment", shipmentId: "A" });
    expect(dates[5]!.source).toEqual({ kind: "shipment", shipmentId: "B" });
  });

  it("hands each location only its own shipments; a line with nothing on its way takes the lead time", () => {
    const dates = promiseShipDates({
      ...base,
      waitingLines: [{ lineItemId: "a", locationId: "L1", waitingUnits: 2 }, { lineItemId: "b", locationId: "L1", waitingUnits: 1 }, { lineItemId: "c", locationId: "L2", waitingUnits: 1 }],
      batches: [shipment("S1", "L1", "2026-12-05", 2), shipment("S2", "L2", "2026-12-03", 1)],
    });
    // b: nothing left at L1, so today + 14 = 2026-12-15, + 1; c is behind b in the queue but at L2, whose shipment comes first.
    expect(dates.map((line) => [line.lineItemId, line.shipsOn, line.source?.kind])).toEqual([
      ["a", "2026-12-06", "shipment"],
      ["b", "2026-12-16", "lead_time"],
      ["c", "2026-12-04", "shipment"],
    ]);
  });

  it("gives the merchant's restock date to as many units as it names, then the lead time", () => {
    const dates = promiseShipDates({
      ...base,
      defaultLeadTimeDays: 30,
      restock: { date: "2026-12-10", quantity: 2 },
      waitingLines: [{ lineItemId: "a", locationId: "L1", waitingUnits: 2 }, { lineItemId: "b", locationId: "L1", waitingUnits: 2 }, { lineItemId: "c", locationId: "L1", waitingUnits: 1 }],
      batches: [shipment("S1", "L1", "2026-12-05", 1)],
    });
    // a: 1 unit shipped on 12-05, 1 restocked on 12-10; b: the last restocked unit, then 12-31 by lead time.
    expect(dates.map((line) => [line.shipsOn, line.source?.kind])).toEqual([
      ["2026-12-11", "restock"],
      ["2027-01-01", "lead_time"],
      ["2027-01-01", "lead_time"],
    ]);
  });

  it("never promises a later place at a location an earlier date, nor a date before today", () => {
    const dates = promiseShipDates({
      ...base,
      restock: { date: "2026-12-10", quantity: null },
      waitingLines: oneUnitLines(3),
      batches: [shipment("late", "L1", "2026-12-20", 1), shipment("overdue", "L1", "2026-11-20", 1)],
    });
    // The overdue unit is due today (12-01); "late" comes 12-20; the restock date (12-10) behind it is raised to 12-20.
    expect(dates.map((line) => line.shipsOn)).toEqual(["2026-12-02", "2026-12-21", "2026-12-21"]);
  });

  it("gives no date without a lead time once supply runs out", () => {
    const dates = promiseShipDates({ ...base, defaultLeadTimeDays: null, waitingLines: oneUnitLines(2), batches: [shipment("S", "L1", "2026-12-05", 1)] });
    expect(dates.map((line) => line.shipsOn)).toEqual(["2026-12-06", null]);
  });
});

describe("planVariant with shipments", () => {
  const lines = Array.from({ length: 12 }, (_, index) => demand(`line-${index + 1}`, "L1", index + 1, 1));

  it("dates the queue from the shipments and tells the storefront the next shopper's date", () => {
    const plan = planVariant(input({ today, levels: [level("L1", -12, 25)], demand: lines, supply: [shipment("A", "L1", "2026-12-11", 5), shipment("B", "L1", "2026-12-31", 20)] }));
    expect(plan.waitingLines.map((line) => line.shipsOn)).toEqual([...Array(5).fill("2026-12-12"), ...Array(7).fill("2027-01-01")]);
    // 13 units owed against 25 coming: the next unit is on B too.
    expect(plan.nextShipsOn).toBe("2027-01-01");
    expect(plan.promiseSources.get("line-1@L1")).toEqual({ kind: "shipment", shipmentId: "A" });
  });

  it("dates incoming no shipment explains as before (lead time), and trusts Shopify's incoming over a stale shipment, earliest first", () => {
    const explained = planVariant(input({ today, levels: [level("L1", -3, 3)], demand: lines.slice(0, 3), supply: [shipment("A", "L1", "2026-12-05", 1)] }));
    // 1 unit on A (12-05), 2 more incoming at today + 14 = 12-15.
    expect(explained.waitingLines.map((line) => line.shipsOn)).toEqual(["2026-12-06", "2026-12-16", "2026-12-16"]);
    // Shopify counts 2 incoming while the stored shipments say 3: the earliest unit is the one taken off.
    const stale = planVariant(input({ today, levels: [level("L1", -2, 2)], demand: lines.slice(0, 2), supply: [shipment("A", "L1", "2026-12-05", 1), shipment("B", "L1", "2026-12-20", 2)] }));
    expect(stale.waitingLines.map((line) => line.shipsOn)).toEqual(["2026-12-21", "2026-12-21"]);
  });

  it("takes a shipment dated beyond the restock horizon for incoming without a date", () => {
    const plan = planVariant(input({ today, levels: [level("L1", -1, 6)], demand: lines.slice(0, 1), restockDate: "2026-12-21", supply: [shipment("far", "L1", "2099-01-01T00:00:00Z", 6)] }));
    expect(plan.waitingLines.map((line) => line.shipsOn)).toEqual(["2026-12-22"]);
    expect(plan.nextShipsOn).toBe("2026-12-22");
  });
});
