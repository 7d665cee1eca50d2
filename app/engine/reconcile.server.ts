/**
 * A full pass over the shop: heals whatever missed webhooks left behind. Runs
 * on install, on a schedule and when the merchant asks. It only decides which
 * variants to look at; each variant's own sync does the rest.
 */
import { SHOP_CLOCK_QUERY, VARIANTS_PAGE_QUERY } from "../graphql/inventory";
import type { VariantsPageQuery } from "../types/admin.generated";
import type { EngineContext } from "./context.server";
import { ensureDefinitions } from "./definitions.server";
import { reconcileSupply } from "./supply.server";

export async function reconcileShop(ctx: EngineContext): Promise<void> {
  const { db, shop } = ctx;
  await ensureDefinitions(ctx);
  const { shop: clock } = await ctx.admin.request(SHOP_CLOCK_QUERY);
  const [managed, waiting] = await Promise.all([
    db.trackedVariant.findMany({ where: { shop, status: { in: ["backorder", "sold_out"] } }, select: { variantId: true } }),
    db.backorderLine.findMany({ where: { shop, state: "waiting" }, select: { variantId: true }, distinct: ["variantId"] }),
  ]);
  const toSync = new Set([...managed, ...waiting].map((row) => row.variantId));
  let after: string | null = null;
  let seen = 0;
  for (;;) {
    const { productVariants: page }: VariantsPageQuery = await ctx.admin.request(VARIANTS_PAGE_QUERY, { after });
    for (const variant of page.nodes) {
      seen++;
      if (variant.inventoryItem.tracked && ((variant.inventoryQuantity ?? 0) <= 0 || variant.sellableOnlineQuantity <= 0)) toSync.add(variant.id);
    }
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor ?? null;
  }
  for (const variantId of await reconcileSupply(ctx)) toSync.add(variantId);
  for (const variantId of toSync) await ctx.enqueue({ kind: "sync-variant", subject: variantId });
  await db.shopSettings.update({ where: { shop }, data: { lastReconciledAt: new Date(), timezone: clock.ianaTimezone, currencyCode: clock.currencyCode, shopName: clock.name } });
  await ctx.log({ kind: "reconcile", subject: shop, message: `Checked ${seen} variants; ${toSync.size} to bring up to date`, details: { checked: seen, toUpdate: toSync.size } });
}
