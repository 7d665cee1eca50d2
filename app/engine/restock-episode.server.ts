/**
 * Ends a restock date with its back-order episode: the sync that sees the stock
 * back and nothing waiting clears the date it read, once, and says so in the
 * activity log. See app/domain/restock-episode.ts for the rule.
 */
import type { TrackedVariant, VariantRule } from "@prisma/client";
import type { VariantPlan } from "../domain/backorder-plan";
import { restockDateToClear } from "../domain/restock-episode";
import type { BackorderStatus } from "../domain/variant-policy";
import { dateStyleOf, formatDate } from "../i18n/dates";
import { strings } from "../i18n/strings";
import type { EngineContext } from "./context.server";

/**
 * Runs before the sync stores the variant's new status, so a crash in between
 * leaves the end of the episode for the retry to see again.
 */
export async function endRestockEpisode(
  ctx: EngineContext,
  variantId: string,
  rule: Pick<VariantRule, "restockDate"> | null,
  tracked: Pick<TrackedVariant, "status" | "waitingUnits" | "title"> | null,
  plan: VariantPlan,
): Promise<void> {
  const before = tracked ? { status: tracked.status as BackorderStatus, waitingUnits: tracked.waitingUnits } : null;
  const date = restockDateToClear(rule?.restockDate ?? null, before, { status: plan.decision.status, waitingUnits: plan.waitingUnits });
  if (date === null) return;
  // Only the date this sync read: one the merchant saved meanwhile is for the next sell-out.
  const { count } = await ctx.db.variantRule.updateMany({ where: { shop: ctx.shop, variantId, restockDate: date }, data: { restockDate: null, restockQuantity: null } });
  if (count === 0) return;
  await ctx.log({
    kind: "variant.restock_date_cleared",
    subject: variantId,
    message: strings.variants.restockDateCleared(tracked?.title ?? variantId, formatDate(date.slice(0, 10), { style: dateStyleOf(ctx.settings.dateStyle) })),
    details: { restockDate: date },
  });
}
