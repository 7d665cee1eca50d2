/** A restock date too far ahead to promise is refused with a plain message, on one variant and in bulk, and nothing is written. */
import { describe, expect, it } from "vitest";
import { updateVariantRules, validateRuleChange } from "../../app/models/variant-rules.server";
import { databaseForEachTest } from "../support/database-per-test";

const SHOP = "horizon.myshopify.com";
const NOW = new Date("2026-11-24T12:00:00Z");
const TODAY = "2026-11-24";
const TOO_FAR = "The restock date can't be more than 2 years ahead (the latest is November 24, 2028).";
const variantIds = ["gid://shopify/ProductVariant/1", "gid://shopify/ProductVariant/2"];

describe("restock date horizon", () => {
  const t = databaseForEachTest();
  const seedVariants = () =>
    t.db.trackedVariant.createMany({
      data: variantIds.map((variantId, index) => ({
        shop: SHOP, variantId, productId: `gid://shopify/Product/${index}`, inventoryItemId: `gid://shopify/InventoryItem/${index}`,
        title: `Lamp ${index}`, merchantPolicy: "DENY", status: "backorder", sellable: 0,
      })),
    });

  it("accepts a date up to two years ahead and refuses one a day later", () => {
    expect(validateRuleChange({ restockDate: "2028-11-24" }, TODAY)).toEqual({ ok: true, change: { restockDate: "2028-11-24" } });
    expect(validateRuleChange({ restockDate: "2028-11-25" }, TODAY)).toEqual({ ok: false, errors: { restockDate: TOO_FAR } });
  });

  it("answers 400 with the message for 9999-12-31 on the variant page and in bulk, and writes nothing", async () => {
    await seedVariants();
    const refused = { ok: false, status: 400, errors: { restockDate: TOO_FAR }, message: TOO_FAR };
    expect(await updateVariantRules(t.db, SHOP, [variantIds[0]!], { restockDate: "9999-12-31", waitingCap: "3" }, { now: NOW, keepStoredRestockDate: true })).toEqual(refused);
    expect(await updateVariantRules(t.db, SHOP, variantIds, { restockDate: "9999-12-31" }, { now: NOW, requireRestockDate: true })).toEqual(refused);
    expect(await t.db.variantRule.count()).toBe(0);
    expect(await t.db.job.count()).toBe(0);
  });

  it("refuses a far date even when it is the one already stored", async () => {
    await seedVariants();
    // Stored before the bound existed: saving the page again must not keep it.
    await t.db.variantRule.create({ data: { shop: SHOP, variantId: variantIds[0]!, restockDate: "9999-12-31" } });
    const result = await updateVariantRules(t.db, SHOP, [variantIds[0]!], { restockDate: "9999-12-31" }, { now: NOW, keepStoredRestockDate: true });
    expect(result).toMatchObject({ ok: false, status: 400, message: TOO_FAR });
  });
});
