import { describe, expect, it } from "vitest";
import { strings } from "../../app/i18n/strings";

describe("shipments on the variant page", () => {
  it("say how many units arrive where and around when, in plain words", () => {
    expect(strings.supply.arriving(12, "Warehouse", "Dec 12, 2026", "in_transit")).toBe("12 units arriving at Warehouse around Dec 12, 2026 (in transit)");
    expect(strings.supply.arriving(1, "Warehouse", null, "partly_received")).toBe("1 unit arriving at Warehouse on a date Shopify was not given (partly received)");
  });
});
