/** The merchant's own changes are recorded in Activity, named as their action, on a real (migrated) SQLite database. */
import { describe, expect, it } from "vitest";
import { databaseForEachTest } from "../support/database-per-test";
import { DEFAULT_SETTINGS_FORM } from "../support/settings-form";
import { parseSettingsForm, saveSettings } from "../../app/models/settings.server";
import { applyRuleChange, updateVariantRules } from "../../app/models/variant-rules.server";
import { setOrderPriority } from "../../app/models/orders.server";
import { loadActivity, requestResync } from "../../app/models/activity.server";

const SHOP = "merchant-activity.myshopify.com";
const OTHER = "someone-else.myshopify.com";
const LAMP = "gid://shopify/ProductVariant/1";
const KETTLE = "gid://shopify/ProductVariant/2";

const t = databaseForEachTest();

const tracked = (shop: string, variantId: string, title: string) =>
  t.db.trackedVariant.create({
    data: { shop, variantId, productId: "gid://shopify/Product/1", inventoryItemId: `gid://shopify/InventoryItem/${variantId.split("/").pop()}`, title, merchantPolicy: "DENY", status: "backorder", sellable: 0 },
  });

const waitingLine = (variantId: string, order: number) =>
  t.db.backorderLine.create({
    data: {
      shop: SHOP,
      lineItemId: `gid://shopify/LineItem/${order}`,
      orderId: `gid://shopify/Order/${order}`,
      orderName: `#${order}`,
      orderedAt: new Date("2026-11-01T10:00:00Z"),
      variantId,
      locationId: "gid://shopify/Location/1",
      quantity: 1,
      waitingUnits: 1,
      queuePosition: 1,
    },
  });

/** What Activity shows for the shop, oldest first: kind, message and cause. */
const shown = async () =>
  (await loadActivity(t.db, SHOP)).entries.reverse().map((entry) => ({ kind: entry.kind, message: entry.message, cause: entry.cause.kind }));

const settingsValue = (overrides: Partial<typeof DEFAULT_SETTINGS_FORM>) => {
  const parsed = parseSettingsForm({ ...DEFAULT_SETTINGS_FORM, ...overrides });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
};

describe("the merchant's changes in Activity", () => {
  it("records saved settings with the settings that changed, as the merchant's action", async () => {
    await saveSettings(t.db, SHOP, settingsValue({ defaultLeadTimeDays: "21", dateStyle: "long", scopeKind: "tagged", scopeTag: "preorder" }));
    await saveSettings(t.db, SHOP, settingsValue({ defaultLeadTimeDays: "21", dateStyle: "long", scopeKind: "tagged", scopeTag: "preorder" }));
    expect(await shown()).toEqual([
      { kind: "settings.saved", message: "Settings changed: Which products can be back-ordered; Default lead time (days); Date style", cause: "merchant" },
      { kind: "settings.saved", message: "Settings saved, nothing changed", cause: "merchant" },
    ]);
    expect(await t.db.activity.count({ where: { shop: OTHER } })).toBe(0);
  });

  it("records what changed in a variant's rule, in words, one entry per variant of a bulk change", async () => {
    await tracked(SHOP, LAMP, "Lamp - Brass");
    await tracked(SHOP, KETTLE, "Kettle - Steel");
    const single = await updateVariantRules(t.db, SHOP, [LAMP], { override: "always", restockDate: "2026-12-24", waitingCap: "5" }, { now: new Date("2026-11-24T12:00:00Z") });
    expect(single).toEqual({ ok: true, updated: 1 });
    await applyRuleChange(t.db, SHOP, [LAMP, KETTLE], { restockDate: null, override: null, waitingCap: null });
    await applyRuleChange(t.db, SHOP, [KETTLE], { override: "never", waitingCap: 1 });
    // Saved again unchanged (the variant page sends every field): nothing to say.
    await applyRuleChange(t.db, SHOP, [KETTLE], { override: "never", waitingCap: 1, restockDate: null });
    expect(await shown()).toEqual([
      { kind: "variant.rule_changed", message: "Lamp - Brass: back-orders turned on; restock date set to December 24, 2026; at most 5 units may wait", cause: "merchant" },
      // The kettle had no rule: clearing it changed nothing there.
      { kind: "variant.rule_changed", message: "Lamp - Brass: back-orders follow the shop's rules; restock date removed; waiting cap removed", cause: "merchant" },
      { kind: "variant.rule_changed", message: "Kettle - Steel: back-orders turned off; at most 1 unit may wait", cause: "merchant" },
    ]);
  });

  it("records nothing for a change that was refused", async () => {
    await tracked(OTHER, LAMP, "Foreign Lamp");
    expect(await applyRuleChange(t.db, SHOP, [LAMP], { override: "always" })).toMatchObject({ ok: false });
    expect(await updateVariantRules(t.db, OTHER, [LAMP], { restockDate: "not a date" })).toMatchObject({ ok: false, status: 400 });
    expect(await t.db.activity.count()).toBe(0);
  });

  it("records moving an order to the front, removing its priority, and a resync request", async () => {
    await tracked(SHOP, LAMP, "Lamp - Brass");
    await waitingLine(LAMP, 1001);
    await setOrderPriority(t.db, SHOP, "gid://shopify/Order/1001", "front");
    await setOrderPriority(t.db, SHOP, "gid://shopify/Order/1001", "clear");
    expect(await setOrderPriority(t.db, SHOP, "gid://shopify/Order/999", "front")).toEqual({ ok: false, status: 404 });
    await requestResync(t.db, SHOP);
    expect(await shown()).toEqual([
      { kind: "order.moved_to_front", message: "#1001 moved to the front of the queue.", cause: "merchant" },
      { kind: "order.priority_removed", message: "Priority removed from #1001.", cause: "merchant" },
      { kind: "shop.resync_requested", message: "Full resync with Shopify requested", cause: "merchant" },
    ]);
  });
});
