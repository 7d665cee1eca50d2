/** A variant's rules: the pure validation of what a merchant types, and storing the change on a real (migrated) SQLite database. */
import { describe, expect, it } from "vitest";
import type { PrismaClient } from "@prisma/client";
import { DEFAULT_LIST_QUERY, parseListQuery, parseNumericId, variantGid } from "../../app/models/variants.server";
import { csvField } from "../../app/models/variants-csv.server";
import { MAX_FILTER_VALUE_LENGTH, MAX_FILTER_VALUES } from "../../app/models/variant-filters.server";
import { applyRuleChange, isIsoDate, parseVariantIds, validateRuleChange, updateVariantRules } from "../../app/models/variant-rules.server";
import { NOW, SHOP, TODAY, variantsDatabaseForThisBlock } from "./variants-fixture";

describe("validateRuleChange (pure)", () => {
  it("accepts a restock date from today on, and clears it when blank", () => {
    expect(validateRuleChange({ restockDate: "2026-11-24" }, TODAY)).toEqual({ ok: true, change: { restockDate: "2026-11-24" } });
    expect(validateRuleChange({ restockDate: " 2027-01-31 " }, TODAY)).toEqual({ ok: true, change: { restockDate: "2027-01-31" } });
    expect(validateRuleChange({ restockDate: "" }, TODAY)).toEqual({ ok: true, change: { restockDate: null } });
  });

  it("refuses a past, malformed or impossible date, and a blank one when required", () => {
    expect(validateRuleChange({ restockDate: "2026-11-23" }, TODAY)).toEqual({ ok: false, errors: { restockDate: "The restock date can't be in the past (today is 2026-11-24)." } });
    for (const bad of ["24/11/2026", "2026-2-1", "2026-02-30", "tomorrow", "2026-11-24T00:00:00Z"]) {
      expect(validateRuleChange({ restockDate: bad }, TODAY), bad).toEqual({ ok: false, errors: { restockDate: "Enter the restock date as YYYY-MM-DD." } });
    }
    // The date already stored passes as it is, so the page can be saved again after it went by.
    expect(validateRuleChange({ restockDate: "2026-11-01" }, TODAY, { currentRestockDate: "2026-11-01" })).toEqual({ ok: true, change: { restockDate: "2026-11-01" } });
    expect(validateRuleChange({ restockDate: "2026-11-02" }, TODAY, { currentRestockDate: "2026-11-01" }).ok).toBe(false);
    expect(validateRuleChange({ restockDate: " " }, TODAY, { requireRestockDate: true })).toEqual({ ok: false, errors: { restockDate: "Enter a restock date." } });
  });

  it("maps back-orders on/off/shop rules to the override, and refuses anything else", () => {
    expect(validateRuleChange({ override: "always" }, TODAY)).toEqual({ ok: true, change: { override: "always" } });
    expect(validateRuleChange({ override: "never" }, TODAY)).toEqual({ ok: true, change: { override: "never" } });
    expect(validateRuleChange({ override: "" }, TODAY)).toEqual({ ok: true, change: { override: null } });
    expect(validateRuleChange({ override: "sometimes" }, TODAY).ok).toBe(false);
  });

  it("takes a cap that is a whole number ≥ 0 or blank", () => {
    expect(validateRuleChange({ waitingCap: "0" }, TODAY)).toEqual({ ok: true, change: { waitingCap: 0 } });
    expect(validateRuleChange({ waitingCap: " 12 " }, TODAY)).toEqual({ ok: true, change: { waitingCap: 12 } });
    expect(validateRuleChange({ waitingCap: "" }, TODAY)).toEqual({ ok: true, change: { waitingCap: null } });
    for (const bad of ["-1", "1.5", "abc", "1e3", "99999999999"]) {
      expect(validateRuleChange({ waitingCap: bad }, TODAY), bad).toMatchObject({ ok: false, errors: { waitingCap: expect.stringMatching(/whole number/) } });
    }
  });

  it("reports every bad field at once and changes only the fields given", () => {
    expect(validateRuleChange({ restockDate: "x", waitingCap: "-2", override: "always" }, TODAY)).toEqual({
      ok: false,
      errors: { restockDate: expect.any(String), waitingCap: expect.any(String) },
    });
    expect(validateRuleChange({}, TODAY)).toEqual({ ok: true, change: {} });
  });

  it("parses ids, dates, list parameters and CSV fields", () => {
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("2027-02-29")).toBe(false);
    expect(parseNumericId("123")).toBe("123");
    expect(parseNumericId("12a")).toBeNull();
    expect(parseNumericId("0")).toBeNull();
    expect(parseVariantIds(["1", "gid://shopify/ProductVariant/2", "1"])).toEqual([variantGid("1"), variantGid("2")]);
    expect(parseVariantIds([])).toBeNull();
    expect(parseVariantIds(["1", "gid://shopify/Product/2"])).toBeNull();
    expect(parseVariantIds(Array.from({ length: 251 }, (_, i) => String(i + 1)))).toBeNull();
    expect(parseListQuery(new URLSearchParams("q=%20lamp%20&status=backorder&status=bogus&vendor=Brew%2C+Inc.&vendor=Lumen&vendor=Lumen&productType=Lamp&location=gid%3A%2F%2Fshopify%2FLocation%2F1&sort=value&direction=asc&page=3"))).toEqual({
      search: "lamp",
      statuses: ["backorder"],
      vendors: ["Brew, Inc.", "Lumen"],
      productTypes: ["Lamp"],
      locations: ["gid://shopify/Location/1"],
      sort: "value",
      direction: "asc",
      page: 3,
    });
    expect(parseListQuery(new URLSearchParams("sort=drop table&direction=up&page=-1"))).toEqual(DEFAULT_LIST_QUERY);
    expect(DEFAULT_LIST_QUERY.statuses).toEqual(["backorder", "sold_out"]);
    expect(parseListQuery(new URLSearchParams("status=all")).statuses).toEqual([]);
    // Filter values: empty and overlong ones dropped, at most MAX_FILTER_VALUES kept.
    const many = new URLSearchParams([["vendor", ""], ["vendor", "x".repeat(MAX_FILTER_VALUE_LENGTH + 1)], ["productType", "y".repeat(MAX_FILTER_VALUE_LENGTH)]]);
    for (let i = 0; i < MAX_FILTER_VALUES + 10; i++) many.append("location", `gid://shopify/Location/${i}`);
    const parsed = parseListQuery(many);
    expect(parsed.vendors).toEqual([]);
    expect(parsed.productTypes).toEqual(["y".repeat(MAX_FILTER_VALUE_LENGTH)]);
    expect(parsed.locations).toHaveLength(MAX_FILTER_VALUES);
    expect(csvField("plain")).toBe("plain");
    expect(csvField('Lamp, "big"')).toBe('"Lamp, ""big"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("=SUM(A1)", { text: true })).toBe("'=SUM(A1)");
    expect(csvField(null)).toBe("");
  });
});

describe("queries", () => {
  let db: PrismaClient;
  variantsDatabaseForThisBlock((opened) => (db = opened));

  it("stores a change on each variant's rule and asks the engine to sync each one, as the merchant", async () => {
    const result = await applyRuleChange(db, SHOP, [variantGid("1"), variantGid("2")], { restockDate: "2027-01-15" });
    expect(result).toEqual({ ok: true, updated: 2 });
    const rules = await db.variantRule.findMany({ where: { shop: SHOP, variantId: { in: [variantGid("1"), variantGid("2")] } }, orderBy: { variantId: "asc" } });
    // Only the given field changes: variant 2 keeps its override and cap.
    expect(rules.map((rule) => [rule.variantId, rule.override, rule.restockDate, rule.waitingCap])).toEqual([
      [variantGid("1"), null, "2027-01-15", null],
      [variantGid("2"), "always", "2027-01-15", 10],
    ]);
    const jobs = await db.job.findMany({ where: { shop: SHOP }, orderBy: { subject: "asc" } });
    expect(jobs.map((job) => [job.kind, job.subject, job.status, job.source])).toEqual([
      ["sync-variant", variantGid("1"), "pending", "merchant"],
      ["sync-variant", variantGid("2"), "pending", "merchant"],
    ]);

    await applyRuleChange(db, SHOP, [variantGid("2")], { override: null, waitingCap: null, restockDate: null });
    expect(await db.variantRule.findUnique({ where: { shop_variantId: { shop: SHOP, variantId: variantGid("2") } } })).toMatchObject({ override: null, waitingCap: null, restockDate: null });
  });

  it("refuses a change that touches another shop's variant, writing nothing", async () => {
    const before = await db.job.count();
    const result = await applyRuleChange(db, SHOP, [variantGid("3"), variantGid("6")], { override: "never" });
    expect(result).toEqual({ ok: false, reason: "not_found", missing: [variantGid("6")] });
    expect(await db.variantRule.count({ where: { variantId: { in: [variantGid("3"), variantGid("6")] } } })).toBe(0);
    expect(await db.job.count()).toBe(before);
  });

  it("validates a form against the shop's today before storing it, keeping a stored date that has gone by", async () => {
    const kettle = variantGid("3");
    await db.shopSettings.create({ data: { shop: SHOP, timezone: "Pacific/Kiritimati" } });
    // 2026-11-24T12:00Z is already the 25th at UTC+14.
    expect(await updateVariantRules(db, SHOP, [kettle], { restockDate: "2026-11-24" }, { now: NOW })).toEqual({
      ok: false,
      status: 400,
      errors: { restockDate: "The restock date can't be in the past (today is 2026-11-25)." },
      message: "The restock date can't be in the past (today is 2026-11-25).",
    });
    await db.variantRule.create({ data: { shop: SHOP, variantId: kettle, restockDate: "2026-11-20" } });
    expect(await updateVariantRules(db, SHOP, [kettle], { restockDate: "2026-11-20", waitingCap: "3" }, { now: NOW, keepStoredRestockDate: true })).toEqual({ ok: true, updated: 1 });
    expect((await updateVariantRules(db, SHOP, [kettle], { restockDate: "2026-11-20" }, { now: NOW, requireRestockDate: true })).ok).toBe(false);
    expect(await updateVariantRules(db, SHOP, [variantGid("6")], { waitingCap: "1" }, { now: NOW })).toEqual({ ok: false, status: 404 });
    expect(await db.variantRule.findUnique({ where: { shop_variantId: { shop: SHOP, variantId: kettle } } })).toMatchObject({ restockDate: "2026-11-20", waitingCap: 3 });
    await db.variantRule.delete({ where: { shop_variantId: { shop: SHOP, variantId: kettle } } });
    await db.shopSettings.delete({ where: { shop: SHOP } });
  });
});
