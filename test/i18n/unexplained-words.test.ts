import { describe, expect, it } from "vitest";
import { strings } from "../../app/i18n/strings";

describe("the variant page's units no online order waits for", () => {
  it("is said in words, with real plurals", () => {
    expect(strings.variants.unexplained(1)).toBe(
      "1 unit sold below zero that no online order is waiting for (for example sales in your shop's point of sale). No order is held for it; stock that arrives where it was sold makes up for it first.",
    );
    expect(strings.variants.unexplained(1200)).toMatch(/^1,200 units sold below zero .* No order is held for them; stock that arrives where they were sold makes up for them first\.$/);
  });
});
