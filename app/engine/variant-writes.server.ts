/**
 * Writes a variant's decision to Shopify (inventory policy, storefront
 * metafields) only where it differs from what was just read, and remembers it.
 * Writing nothing when nothing changed is what stops our own products/update
 * webhooks from echoing forever.
 */
import type { ShopSettings, TrackedVariant } from "@prisma/client";
import type { VariantPlan } from "../domain/backorder-plan";
import type { InventoryPolicy } from "../domain/variant-policy";
import { waitingValueOf } from "../domain/waiting-value";
import { DELETE_METAFIELDS, SET_METAFIELDS, SET_VARIANT_POLICY } from "../graphql/mutations";
import type { EngineContext } from "./context.server";
import { assertNoUserErrors } from "./user-errors.server";
import type { VariantNode } from "./variant-sync.server";

export const BACKORDER_NAMESPACE = "$app:backorder";

const METAFIELD_TYPES: Record<string, string> = {
  status: "single_line_text_field",
  ships_on: "date",
  message: "single_line_text_field",
};

/** The storefront's view of a variant: nothing at all while it is in stock or not ours; the merchant's wording for its state. */
export function storefrontMetafields(plan: VariantPlan, messages: Pick<ShopSettings, "restockMessage" | "soldOutMessage">): Record<string, string> {
  const { status } = plan.decision;
  if (status !== "backorder" && status !== "sold_out") return {};
  const message = status === "sold_out" ? messages.soldOutMessage : messages.restockMessage;
  return {
    status,
    ...(plan.nextShipsOn ? { ships_on: plan.nextShipsOn } : {}),
    ...(message ? { message } : {}),
  };
}

export async function applyVariantDecision(
  ctx: EngineContext,
  variant: VariantNode,
  tracked: TrackedVariant | null,
  plan: VariantPlan,
  merchantPolicy: InventoryPolicy,
): Promise<void> {
  const { db, shop } = ctx;
  const key = { shop_variantId: { shop, variantId: variant.id } };
  const wanted = plan.decision.policy;
  const record = {
    productId: variant.product.id,
    inventoryItemId: variant.inventoryItem.id,
    title: `${variant.product.title}${variant.title === "Default Title" ? "" : ` – ${variant.title}`}`,
    sku: variant.sku ?? null,
    // Shopify answers "" for none; null keeps "no vendor" out of the list's filter choices.
    vendor: variant.product.vendor || null,
    productType: variant.product.productType || null,
    imageUrl: variant.product.featuredMedia?.preview?.image?.url ?? null,
    price: variant.price,
    merchantPolicy,
    status: plan.decision.status,
    sellable: plan.sellable,
    waitingUnits: plan.waitingUnits,
    unexplainedUnits: plan.unexplainedUnits,
    waitingValue: waitingValueOf(variant.price, plan.waitingUnits),
    nextShipsOn: plan.nextShipsOn,
    levelsUpdatedAt: latestLevelChange(variant),
    syncedAt: new Date(),
  };
  // Intent first: if we crash after Shopify applies it, the next read still knows it was ours.
  const appliedPolicy = variant.inventoryPolicy === wanted ? (tracked?.appliedPolicy ?? null) : wanted;
  await db.trackedVariant.upsert({ where: key, create: { shop, variantId: variant.id, ...record, appliedPolicy }, update: { ...record, appliedPolicy } });

  if (variant.inventoryPolicy !== wanted) {
    const result = await ctx.admin.request(SET_VARIANT_POLICY, { productId: variant.product.id, variants: [{ id: variant.id, inventoryPolicy: wanted }] });
    assertNoUserErrors("productVariantsBulkUpdate", result.productVariantsBulkUpdate?.userErrors);
    await ctx.log({
      kind: "variant.policy",
      subject: variant.id,
      message: `${record.title}: ${policyReason(plan, wanted)}`,
      details: { title: record.title, status: plan.decision.status, from: variant.inventoryPolicy, to: wanted, sellable: plan.sellable, waitingUnits: plan.waitingUnits },
    });
  } else if (tracked && tracked.status !== plan.decision.status) {
    await ctx.log({
      kind: "variant.status",
      subject: variant.id,
      message: `${record.title}: now ${plan.decision.status.replace("_", " ")}`,
      details: { title: record.title, from: tracked.status, to: plan.decision.status },
    });
  }
  await syncMetafields(ctx, variant, storefrontMetafields(plan, ctx.settings));
}

function latestLevelChange(variant: VariantNode): Date | null {
  const times = variant.inventoryItem.inventoryLevels.nodes.map((level) => Date.parse(level.updatedAt ?? "")).filter((time) => !Number.isNaN(time));
  return times.length > 0 ? new Date(Math.max(...times)) : null;
}

function policyReason(plan: VariantPlan, wanted: InventoryPolicy): string {
  switch (plan.decision.status) {
    case "backorder":
      return "out of stock, taking back-orders";
    case "sold_out":
      return `back-orders full (${plan.waitingUnits} waiting), stopped selling`;
    default:
      return `back in stock, restored the merchant's policy (${wanted === "DENY" ? "stop selling" : "keep selling"} when out of stock)`;
  }
}

async function syncMetafields(ctx: EngineContext, variant: VariantNode, wanted: Record<string, string>): Promise<void> {
  const current = new Map(variant.metafields.nodes.map((field) => [field.key, field.value]));
  const toSet = Object.entries(wanted).filter(([key, value]) => current.get(key) !== value);
  const toDelete = [...current.keys()].filter((key) => !(key in wanted) && key in METAFIELD_TYPES);
  if (toSet.length > 0) {
    const result = await ctx.admin.request(SET_METAFIELDS, {
      metafields: toSet.map(([key, value]) => ({ ownerId: variant.id, namespace: BACKORDER_NAMESPACE, key, type: METAFIELD_TYPES[key]!, value })),
    });
    assertNoUserErrors("metafieldsSet", result.metafieldsSet?.userErrors);
  }
  if (toDelete.length > 0) {
    const result = await ctx.admin.request(DELETE_METAFIELDS, {
      metafields: toDelete.map((key) => ({ ownerId: variant.id, namespace: BACKORDER_NAMESPACE, key })),
    });
    assertNoUserErrors("metafieldsDelete", result.metafieldsDelete?.userErrors);
  }
}
