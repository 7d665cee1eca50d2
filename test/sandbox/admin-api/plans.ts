/**
 * The bucket of each Shopify plan. Restore rates are Shopify's table
 * (https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits: Standard 100 points/s,
 * Advanced 200, Plus 1,000, Enterprise 2,000). The bucket sizes are not on that page ("read
 * `throttleStatus` at runtime"); real answers have shown 20 seconds of restore (1,000 / 50 before
 * 2024, 2,000 / 100 since), so the sandbox uses 20 × the restore rate, unconfirmed for the larger plans.
 */
export type ShopifyPlan = "standard" | "advanced" | "plus" | "enterprise";

export interface Bucket {
  maximumAvailable: number;
  restoreRate: number;
}

const RESTORE_RATE: Record<ShopifyPlan, number> = { standard: 100, advanced: 200, plus: 1000, enterprise: 2000 };
const BUCKET_SECONDS = 20;

export const SHOPIFY_PLANS = Object.keys(RESTORE_RATE) as ShopifyPlan[];

export function planBucket(plan: ShopifyPlan): Bucket {
  const restoreRate = RESTORE_RATE[plan];
  return { maximumAvailable: restoreRate * BUCKET_SECONDS, restoreRate };
}
