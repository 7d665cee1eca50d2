import { describe, expect, it } from "vitest";
import { describeRuleChange, validateRuleChange } from "../../app/models/variant-rules.server";

const TODAY = "2026-11-24";

describe("the units a restock date is for", () => {
  it("is a whole number from 1, or blank for every unit", () => {
    expect(validateRuleChange({ restockQuantity: " 12 " }, TODAY)).toEqual({ ok: true, change: { restockQuantity: 12 } });
    expect(validateRuleChange({ restockQuantity: "" }, TODAY)).toEqual({ ok: true, change: { restockQuantity: null } });
    for (const bad of ["0", "-1", "1.5", "some"]) {
      expect(validateRuleChange({ restockQuantity: bad }, TODAY), bad).toMatchObject({ ok: false, errors: { restockQuantity: expect.stringMatching(/whole number from 1/) } });
    }
  });

  it("is said in Activity in plain words", () => {
    expect(describeRuleChange({ restockQuantity: 1 })).toEqual(["the restock date is for 1 unit"]);
    expect(describeRuleChange({ restockQuantity: 30 })).toEqual(["the restock date is for 30 units"]);
    expect(describeRuleChange({ restockQuantity: null })).toEqual(["the restock date is for every unit"]);
  });
});
