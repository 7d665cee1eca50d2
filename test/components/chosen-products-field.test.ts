import { describe, expect, it } from "vitest";
import { mergeSelection } from "../../app/components/chosen-products-field";

describe("mergeSelection", () => {
  it("keeps the merchant's order for products still chosen and adds new ones last, in the picker's order", () => {
    expect(mergeSelection(["a", "b", "c"], ["d", "c", "a"])).toEqual(["a", "c", "d"]);
  });

  it("changes nothing when the same products are picked in another order", () => {
    expect(mergeSelection(["a", "b"], ["b", "a"])).toEqual(["a", "b"]);
  });

  it("drops what the merchant unticked, down to nothing", () => {
    expect(mergeSelection(["a", "b"], ["b"])).toEqual(["b"]);
    expect(mergeSelection(["a"], [])).toEqual([]);
    expect(mergeSelection([], ["x", "y"])).toEqual(["x", "y"]);
  });
});
