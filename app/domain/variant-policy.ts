/**
 * What the app wants Shopify to show and do for one variant: keep selling
 * (CONTINUE) while back-orders are allowed, stop (DENY) when back-orders are
 * full, and the merchant's own policy whenever the app has nothing to say.
 */

export type InventoryPolicy = "CONTINUE" | "DENY";

export type BackorderScope =
  | { kind: "all" }
  | { kind: "tagged"; tag: string }
  | { kind: "chosen"; productIds: readonly string[] };

export type VariantOverride = "always" | "never" | null;

export interface BackorderRules {
  scope: BackorderScope;
  /** Most units that may wait per variant; null means no cap. */
  waitingCapPerVariant: number | null;
}

export interface VariantFacts {
  productId: string;
  productTags: readonly string[];
  tracked: boolean;
  override: VariantOverride;
  /** The policy the merchant had before the app changed anything. */
  merchantPolicy: InventoryPolicy;
  /** Units a new online order can take now: free units (`available` > 0) at locations that fulfil online orders. */
  sellableQuantity: number;
  /** Units sold without stock that are still waiting. */
  waitingUnits: number;
}

export type BackorderStatus = "not_managed" | "in_stock" | "backorder" | "sold_out";

export interface VariantDecision {
  status: BackorderStatus;
  policy: InventoryPolicy;
}

export function isInScope(rules: BackorderRules, facts: Pick<VariantFacts, "productId" | "productTags" | "override">): boolean {
  if (facts.override === "always") return true;
  if (facts.override === "never") return false;
  switch (rules.scope.kind) {
    case "all":
      return true;
    case "tagged": {
      const wanted = rules.scope.tag.trim().toLowerCase();
      return facts.productTags.some((tag) => tag.trim().toLowerCase() === wanted);
    }
    case "chosen":
      return rules.scope.productIds.includes(facts.productId);
  }
}

export function decideVariantPolicy(rules: BackorderRules, facts: VariantFacts): VariantDecision {
  const own = facts.merchantPolicy;
  // Untracked items never run out; excluded variants are the merchant's business.
  if (!facts.tracked || !isInScope(rules, facts)) return { status: "not_managed", policy: own };
  // Units still owed at one location are not covered by free units at another unless moved there, and
  // Shopify's own count nets them (5 free here, 3 owed there: it stops selling after 2). Keep selling
  // while anything is owed; the next order routes to the free units and ships now, so it is in stock.
  if (facts.sellableQuantity > 0) return { status: "in_stock", policy: facts.waitingUnits > 0 ? "CONTINUE" : own };
  const capReached = rules.waitingCapPerVariant !== null && facts.waitingUnits >= rules.waitingCapPerVariant;
  // A merchant who chose to keep selling keeps selling: the cap is the app's limit, not theirs.
  if (capReached && own !== "CONTINUE") return { status: "sold_out", policy: "DENY" };
  return { status: "backorder", policy: "CONTINUE" };
}
