import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { addDays, estimateShipDates } from "../../app/domain/restock-eta";

const today = "2026-11-24";

describe("estimateShipDates", () => {
  it("hands incoming stock to the queue in order, earliest batch first", () => {
    const etas = estimateShipDates({
      waitingLines: [
        { lineItemId: "a", waitingUnits: 2 },
        { lineItemId: "b", waitingUnits: 3 },
        { lineItemId: "c", waitingUnits: 1 },
      ],
      incoming: [
        { arrivesAt: "2026-12-10", quantity: 10 },
        { arrivesAt: "2026-12-01", quantity: 3 },
      ],
      defaultLeadTimeDays: 30,
      handlingDays: 1,
      today,
    });
    expect(etas).toEqual([
      { lineItemId: "a", shipsOn: "2026-12-02", fromIncomingStock: true },
      { lineItemId: "b", shipsOn: "2026-12-11", fromIncomingStock: true },
      { lineItemId: "c", shipsOn: "2026-12-11", fromIncomingStock: true },
    ]);
  });

  it("falls back to the default lead time, or to no date when none is known", () => {
    const input = { waitingLines: [{ lineItemId: "a", waitingUnits: 1 }], incoming: [], handlingDays: 0, today };
    expect(estimateShipDates({ ...input, defaultLeadTimeDays: 14 })[0]).toEqual({
      lineItemId: "a",
      shipsOn: "2026-12-08",
      fromIncomingStock: false,
    });
    expect(estimateShipDates({ ...input, defaultLeadTimeDays: null })[0]!.shipsOn).toBeNull();
  });

  it("never promises a date in the past for overdue shipments", () => {
    const [eta] = estimateShipDates({
      waitingLines: [{ lineItemId: "a", waitingUnits: 1 }],
      incoming: [{ arrivesAt: "2026-11-01", quantity: 1 }],
      defaultLeadTimeDays: null,
      handlingDays: 0,
      today,
    });
    expect(eta!.shipsOn).toBe(today);
  });

  it("gives later queue positions dates no earlier than earlier ones", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 10 }), { maxLength: 15 }),
        fc.array(fc.record({ day: fc.integer({ min: -5, max: 90 }), quantity: fc.integer({ min: 0, max: 12 }) }), { maxLength: 6 }),
        fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
        (waiting, batches, lead) => {
          const etas = estimateShipDates({
            waitingLines: waiting.map((units, i) => ({ lineItemId: String(i), waitingUnits: units })),
            incoming: batches.map((b) => ({ arrivesAt: addDays(today, b.day), quantity: b.quantity })),
            defaultLeadTimeDays: lead,
            handlingDays: 2,
            today,
          });
          const dates = etas.map((e) => e.shipsOn);
          for (let i = 1; i < dates.length; i++) {
            if (dates[i - 1] === null) expect(dates[i]).toBeNull();
            else if (dates[i] !== null) expect(dates[i]! >= dates[i - 1]!).toBe(true);
          }
          expect(dates.every((d) => d === null || d >= today)).toBe(true);
        },
      ),
    );
  });
});
