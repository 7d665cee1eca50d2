/**
 * What the admin pages filter and sort variants by, rewritten from each sync's
 * reads: stock per location, and when the oldest order still waiting was placed.
 * Replaced whole every time, never adjusted, so a missed or repeated sync heals.
 */
import type { PrismaClient } from "@prisma/client";
import type { LocationStock } from "../domain/backorder-plan";
import type { EngineContext } from "./context.server";
import type { VariantNode } from "./variant-sync.server";

/** Call after the variant's waiting lines are recorded: the oldest wait is read from them. */
/**
 * `levelsReadAt`: when Shopify's levels were read; orders placed after it are new to the next sync.
 * The on-hand and unexplained units are what the next event checks the stored queue against.
 */
export async function recordVariantFacts(ctx: EngineContext, variant: VariantNode, levels: readonly (LocationStock & { onHand: number; unexplained: number })[], levelsReadAt: Date): Promise<void> {
  const { db, shop } = ctx;
  const variantId = variant.id;
  const nameOf = new Map(variant.inventoryItem.inventoryLevels.nodes.map((level) => [level.location.id, level.location.name]));
  // Locations that no longer stock the variant are no longer listed by Shopify.
  await db.variantLevel.deleteMany({ where: { shop, variantId, locationId: { notIn: levels.map((level) => level.locationId) } } });
  const syncedAt = levelsReadAt;
  for (const level of levels) {
    const data = { locationName: nameOf.get(level.locationId) ?? "", available: level.available, incoming: level.incoming, onHand: level.onHand, unexplained: level.unexplained, syncedAt };
    await db.variantLevel.upsert({
      where: { shop_variantId_locationId: { shop, variantId, locationId: level.locationId } },
      create: { shop, variantId, locationId: level.locationId, ...data },
      update: data,
    });
  }
  const oldest = await db.backorderLine.aggregate({ where: { shop, variantId, state: "waiting", waitingUnits: { gt: 0 } }, _min: { orderedAt: true } });
  await db.trackedVariant.update({ where: { shop_variantId: { shop, variantId } }, data: { oldestWaitingAt: oldest._min.orderedAt } });
}

/** Variants gone from Shopify (one, or every variant of a deleted product): the app forgets them and their stock. */
export async function forgetVariants(db: PrismaClient, shop: string, which: { variantId: string } | { productId: string }): Promise<void> {
  const variantIds = "variantId" in which ? [which.variantId] : (await db.trackedVariant.findMany({ where: { shop, productId: which.productId }, select: { variantId: true } })).map((row) => row.variantId);
  // Levels first: if the job dies in between, its retry still finds the variants to forget.
  await db.variantLevel.deleteMany({ where: { shop, variantId: { in: variantIds } } });
  await db.trackedVariant.deleteMany({ where: { shop, variantId: { in: variantIds } } });
}
