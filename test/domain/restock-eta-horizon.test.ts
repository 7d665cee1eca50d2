/** No ship date the app computes is beyond the horizon a shopper can use, whatever the inputs. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { addDays, estimateShipDates, isWithinShipHorizon, latestShipDate } from "../../app/domain/restock-eta";

const today = "2026-11-24";
const latest = latestShipDate(today);

describe("ship date horizon", () => {
  it("gives no date rather than one years away, and none to the lines behind it", () => {
    const etas = estimateShipDates({
      waitingLines: [{ lineItemId: "a", waitingUnits: 1 }, { lineItemId: "b", waitingUnits: 1 }, { lineItemId: "c", waitingUnits: 1 }],
      incoming: [{ arrivesAt: "2026-12-01", quantity: 1 }, { arrivesAt: "9999-12-31", quantity: 5 }],
      defaultLeadTimeDays: 14,
      handlingDays: 1,
      today,
    });
    expect(etas).toEqual([
      { lineItemId: "a", shipsOn: "2026-12-02", fromIncomingStock: true },
      { lineItemId: "b", shipsOn: null, fromIncomingStock: false },
      { lineItemId: "c", shipsOn: null, fromIncomingStock: false },
    ]);
  });

  it("never yields a date in a five-digit year from a restock date of 9999-12-31", () => {
    const etas = estimateShipDates({ waitingLines: [{ lineItemId: "a", waitingUnits: 1 }], incoming: [], defaultLeadTimeDays: 2_900_000, handlingDays: 60, today });
    expect(etas[0]!.shipsOn).toBeNull();
    expect(isWithinShipHorizon("+010000-01-01", today)).toBe(false);
    expect(isWithinShipHorizon(latest, today)).toBe(true);
    expect(isWithinShipHorizon(addDays(latest, 1), today)).toBe(false);
  });

  it("keeps every date between today and the horizon (property)", () => {
    const date = fc.integer({ min: -400, max: 3_000_000 }).map((days) => addDays(today, days));
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 8 }),
        fc.array(fc.record({ arrivesAt: date, quantity: fc.integer({ min: -1, max: 6 }) }), { maxLength: 4 }),
        fc.option(fc.integer({ min: 0, max: 3_000_000 }), { nil: null }),
        fc.integer({ min: 0, max: 1000 }),
        (units, incoming, defaultLeadTimeDays, handlingDays) => {
          const waitingLines = units.map((waitingUnits, index) => ({ lineItemId: String(index), waitingUnits }));
          for (const eta of estimateShipDates({ waitingLines, incoming, defaultLeadTimeDays, handlingDays, today })) {
            if (eta.shipsOn !== null) {
              expect(eta.shipsOn >= today && eta.shipsOn <= latest, eta.shipsOn).toBe(true);
            }
          }
        },
      ),
    );
  });
});
