import { describe, expect, it } from "vitest";
import { decideVariantPolicy, isInScope, type BackorderRules, type VariantFacts } from "../../app/domain/variant-policy";

const allProducts: BackorderRules = { scope: { kind: "all" }, waitingCapPerVariant: 5 };
const facts = (overrides: Partial<VariantFacts> = {}): VariantFacts => ({
  productId: "gid://shopify/Product/1",
  productTags: [],
  tracked: true,
  override: null,
  merchantPolicy: "DENY",
  sellableQuantity: 0,
  waitingUnits: 0,
  ...overrides,
});

describe("decideVariantPolicy", () => {
  it("keeps selling an eligible variant that reaches zero", () => {
    expect(decideVariantPolicy(allProducts, facts())).toEqual({ status: "backorder", policy: "CONTINUE" });
  });

  it("restores the merchant's policy when stock returns", () => {
    expect(decideVariantPolicy(allProducts, facts({ sellableQuantity: 3 }))).toEqual({ status: "in_stock", policy: "DENY" });
  });

  it("keeps selling while units are owed at one location and free at another: the next order ships now, nothing is denied", () => {
    expect(decideVariantPolicy(allProducts, facts({ sellableQuantity: 5, waitingUnits: 3 }))).toEqual({ status: "in_stock", policy: "CONTINUE" });
  });

  it("stops selling when the waiting units reach the cap", () => {
    expect(decideVariantPolicy(allProducts, facts({ sellableQuantity: -5, waitingUnits: 5 }))).toEqual({
      status: "sold_out",
      policy: "DENY",
    });
    expect(decideVariantPolicy(allProducts, facts({ sellableQuantity: -4, waitingUnits: 4 })).status).toBe("backorder");
  });

  it("has no cap when none is set", () => {
    const uncapped = { ...allProducts, waitingCapPerVariant: null };
    expect(decideVariantPolicy(uncapped, facts({ sellableQuantity: -500, waitingUnits: 500 })).status).toBe("backorder");
  });

  it("never touches untracked or excluded variants", () => {
    expect(decideVariantPolicy(allProducts, facts({ tracked: false }))).toEqual({ status: "not_managed", policy: "DENY" });
    expect(decideVariantPolicy(allProducts, facts({ override: "never" }))).toEqual({ status: "not_managed", policy: "DENY" });
  });

  it("never sets DENY on a variant the merchant set to CONTINUE", () => {
    const decision = decideVariantPolicy(allProducts, facts({ merchantPolicy: "CONTINUE", sellableQuantity: -9, waitingUnits: 9 }));
    expect(decision).toEqual({ status: "backorder", policy: "CONTINUE" });
  });
});

describe("isInScope", () => {
  it("matches tags without regard to case or spaces", () => {
    const rules: BackorderRules = { scope: { kind: "tagged", tag: "Backorder" }, waitingCapPerVariant: null };
    expect(isInScope(rules, { productId: "p", productTags: [" backorder "], override: null })).toBe(true);
    expect(isInScope(rules, { productId: "p", productTags: ["preorder"], override: null })).toBe(false);
  });

  it("takes chosen products only, unless a variant override says otherwise", () => {
    const rules: BackorderRules = { scope: { kind: "chosen", productIds: ["p1"] }, waitingCapPerVariant: null };
    expect(isInScope(rules, { productId: "p1", productTags: [], override: null })).toBe(true);
    expect(isInScope(rules, { productId: "p2", productTags: [], override: null })).toBe(false);
    expect(isInScope(rules, { productId: "p2", productTags: [], override: "always" })).toBe(true);
    expect(isInScope(rules, { productId: "p1", productTags: [], override: "never" })).toBe(false);
  });
});
