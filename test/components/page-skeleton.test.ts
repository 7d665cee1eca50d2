import { describe, expect, it } from "vitest";
import { isLeavingPage } from "../../app/components/page-skeleton";

describe("isLeavingPage", () => {
  it("is true when the navigation goes to another page", () => {
    expect(isLeavingPage("/app", "/app/variants")).toBe(true);
    expect(isLeavingPage("/app/variants", "/app/variants/123")).toBe(true);
  });

  it("is false for the same page (search, filters, paging) and when nothing is loading", () => {
    expect(isLeavingPage("/app/variants", "/app/variants")).toBe(false);
    expect(isLeavingPage("/app/variants/", "/app/variants")).toBe(false);
    expect(isLeavingPage("/app", undefined)).toBe(false);
  });
});
