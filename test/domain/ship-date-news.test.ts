import { describe, expect, it } from "vitest";
import { isShipDateNews } from "../../app/domain/ship-date-news";

describe("which ship date changes Shopify Flow hears of", () => {
  const leadTimeDate = "2026-12-15";
  it("not the lead-time date moving with the calendar", () => {
    expect(isShipDateNews({ before: "2026-12-14", after: leadTimeDate, leadTimeDate, daysPassed: 1 })).toBe(false);
    expect(isShipDateNews({ before: "2026-12-12", after: leadTimeDate, leadTimeDate, daysPassed: 3 })).toBe(false);
    expect(isShipDateNews({ before: leadTimeDate, after: leadTimeDate, leadTimeDate, daysPassed: 0 })).toBe(false);
  });
  it("a date that moved for another reason, or further than the days that passed", () => {
    expect(isShipDateNews({ before: "2026-12-10", after: leadTimeDate, leadTimeDate, daysPassed: 1 })).toBe(true);
    expect(isShipDateNews({ before: "2026-12-14", after: "2026-12-30", leadTimeDate, daysPassed: 1 })).toBe(true);
    expect(isShipDateNews({ before: "2026-12-20", after: leadTimeDate, leadTimeDate, daysPassed: 1 })).toBe(true);
    expect(isShipDateNews({ before: null, after: leadTimeDate, leadTimeDate, daysPassed: 1 })).toBe(true);
    expect(isShipDateNews({ before: "2026-12-14", after: leadTimeDate, leadTimeDate: null, daysPassed: 1 })).toBe(true);
  });
  it("never a line that lost its date", () => {
    expect(isShipDateNews({ before: "2026-12-14", after: null, leadTimeDate, daysPassed: 1 })).toBe(false);
  });
});
