/** Promise accuracy in words: real plurals, and the whole, none and only-one cases said plainly. */
import { describe, expect, it } from "vitest";
import { strings } from "../../app/i18n/strings";

const text = strings.promiseAccuracy;

describe("promise accuracy's words", () => {
  it("says how many shipped by the date promised, with the wholes in words", () => {
    expect(text.kept(9, 10)).toBe("9 of 10 back orders shipped by the date promised");
    expect(text.kept(1_200, 1_500)).toBe("1,200 of 1,500 back orders shipped by the date promised");
    expect(text.kept(4, 4)).toBe("All 4 back orders shipped by the date promised");
    expect(text.kept(0, 3)).toBe("None of the 3 back orders shipped by the date promised");
    expect(text.kept(1, 1)).toBe("The back order shipped by the date promised");
    expect(text.kept(0, 1)).toBe("The back order shipped after the date promised");
  });

  it("says how late, one late back order or several", () => {
    expect(text.late(1, text.days(1))).toBe("; the late one was 1 day late");
    expect(text.late(3, text.days(2.5))).toBe("; late ones were 2.5 days late on average");
    expect(text.days(0)).toBe("0 days");
  });

  it("counts the merchant's own releases with a real plural", () => {
    expect(text.byMerchant(1)).toMatch(/^Not counted: 1 back order you released by hand/);
    expect(text.byMerchant(2)).toMatch(/^Not counted: 2 back orders you released by hand/);
  });
});
