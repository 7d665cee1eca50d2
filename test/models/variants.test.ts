/**
 * The variant list and variant page queries on a real (migrated) SQLite
 * database, and the pure validation of what a merchant types.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@prisma/client";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { DEFAULT_LIST_QUERY, listVariants, loadVariantDetail, parseListQuery, parseNumericId, variantGid, type VariantListQuery } from "../../app/models/variants.server";
import { csvField, exportVariantsCsv } from "../../app/models/variants-csv.server";
import { MAX_FILTER_VALUE_LENGTH, MAX_FILTER_VALUES } from "../../app/models/variant-filters.server";
import { waitingValueOf } from "../../app/domain/waiting-value";
import { applyRuleChange, isIsoDate, parseVariantIds, validateRuleChange, updateVariantRules } from "../../app/models/variant-rules.server";

const SHOP = "alpha.myshopify.com";
const OTHER = "other.myshopify.com";
const TODAY = "2026-11-24";
const NOW = new Date("2026-11-24T12:00:00Z");

const q = (overrides: Partial<VariantListQuery> = {}): VariantListQuery => ({ ...DEFAULT_LIST_QUERY, ...overrides });

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
  let t: TestDatabase;
  let db: PrismaClient;

  type VariantSeed = { title: string; sku?: string | null; status: string; waitingUnits?: number; price?: string; nextShipsOn?: string | null; vendor?: string; productType?: string; oldestWaitingAt?: string };
  /** As the engine leaves it: the value from price and units, the oldest wait from the variant's waiting lines (given here). */
  const variant = (shop: string, n: number, data: VariantSeed) => ({
    shop,
    variantId: variantGid(String(n)),
    productId: `gid://shopify/Product/${n}`,
    inventoryItemId: `gid://shopify/InventoryItem/${n}`,
    title: data.title,
    sku: data.sku === undefined ? `SKU-${n}` : data.sku,
    price: data.price ?? "10.00",
    merchantPolicy: "DENY",
    status: data.status,
    sellable: 0,
    waitingUnits: data.waitingUnits ?? 0,
    waitingValue: waitingValueOf(data.price ?? "10.00", data.waitingUnits ?? 0),
    oldestWaitingAt: data.oldestWaitingAt ? new Date(data.oldestWaitingAt) : null,
    nextShipsOn: data.nextShipsOn ?? null,
    vendor: data.vendor ?? null,
    productType: data.productType ?? null,
  });
  const WAREHOUSE = "gid://shopify/Location/1";
  const SHOP_FLOOR = "gid://shopify/Location/2";
  const FOREIGN_DEPOT = "gid://shopify/Location/3";
  const level = (shop: string, variantN: number, locationId: string, locationName: string, available: number, incoming = 0) => ({
    shop,
    variantId: variantGid(String(variantN)),
    locationId,
    locationName,
    available,
    incoming,
  });
  const line = (shop: string, variantN: number, lineN: number, data: { orderedAt: string; waitingUnits: number; queuePosition: number | null; state?: string; customerName?: string | null }) => ({
    shop,
    lineItemId: `gid://shopify/LineItem/${lineN}`,
    orderId: `gid://shopify/Order/${lineN}`,
    orderName: `#${1000 + lineN}`,
    orderedAt: new Date(data.orderedAt),
    variantId: variantGid(String(variantN)),
    locationId: "gid://shopify/Location/1",
    quantity: data.waitingUnits,
    waitingUnits: data.waitingUnits,
    queuePosition: data.queuePosition,
    shipsOn: "2026-12-10",
    state: data.state ?? "waiting",
    customerName: data.customerName === undefined ? `Customer ${lineN}` : data.customerName,
  });

  beforeAll(async () => {
    t = createTestDatabase();
    db = t.db;
    await db.trackedVariant.createMany({
      data: [
        // The released line of variant 1 (ordered 2026-11-01) is not its oldest wait.
        variant(SHOP, 1, { title: "Desk Lamp – Red", sku: "LAMP-RED", status: "backorder", waitingUnits: 5, price: "20.00", nextShipsOn: "2026-12-10", vendor: "Lumen", productType: "Lamp", oldestWaitingAt: "2026-11-10T10:00:00Z" }),
        variant(SHOP, 2, { title: "Desk Lamp – Blue", sku: "LAMP-BLUE", status: "backorder", waitingUnits: 2, price: "100.00", nextShipsOn: "2026-12-01", vendor: "Lumen", productType: "Lamp", oldestWaitingAt: "2026-11-15T10:00:00Z" }),
        variant(SHOP, 3, { title: "Kettle", sku: null, status: "sold_out", waitingUnits: 8, price: "5.00", nextShipsOn: null, vendor: "Brew, Inc.", productType: "Kitchen", oldestWaitingAt: "2026-11-05T10:00:00Z" }),
        variant(SHOP, 4, { title: "Mug 100% cotton?", sku: "MUG_1", status: "in_stock", vendor: "Brew, Inc.", productType: "Kitchen" }),
        variant(SHOP, 5, { title: "Gift wrap", sku: "WRAP", status: "not_managed" }),
        variant(OTHER, 6, { title: "Desk Lamp – Foreign", sku: "LAMP-X", status: "backorder", waitingUnits: 99, vendor: "Far Away", productType: "Lamp", oldestWaitingAt: "2026-10-01T10:00:00Z" }),
      ],
    });
    await db.variantLevel.createMany({
      data: [
        level(SHOP, 1, WAREHOUSE, "Warehouse", -3, 4),
        level(SHOP, 1, SHOP_FLOOR, "Shop floor", -2),
        level(SHOP, 2, SHOP_FLOOR, "Shop floor", -2, 10),
        level(SHOP, 3, WAREHOUSE, "Warehouse", -8),
        level(SHOP, 4, WAREHOUSE, "Warehouse", 12),
        level(OTHER, 6, FOREIGN_DEPOT, "Foreign depot", -99),
      ],
    });
    await db.backorderLine.createMany({
      data: [
        line(SHOP, 1, 11, { orderedAt: "2026-11-20T10:00:00Z", waitingUnits: 3, queuePosition: 2, customerName: null }),
        line(SHOP, 1, 12, { orderedAt: "2026-11-10T10:00:00Z", waitingUnits: 2, queuePosition: 1 }),
        line(SHOP, 1, 13, { orderedAt: "2026-11-01T10:00:00Z", waitingUnits: 1, queuePosition: null, state: "released" }),
        line(SHOP, 2, 21, { orderedAt: "2026-11-15T10:00:00Z", waitingUnits: 2, queuePosition: 1 }),
        line(SHOP, 3, 31, { orderedAt: "2026-11-05T10:00:00Z", waitingUnits: 8, queuePosition: 1 }),
        line(OTHER, 6, 61, { orderedAt: "2026-10-01T10:00:00Z", waitingUnits: 99, queuePosition: 1 }),
      ],
    });
    await db.variantRule.create({ data: { shop: SHOP, variantId: variantGid("2"), override: "always", restockDate: "2026-11-30", waitingCap: 10 } });
  });

  afterAll(async () => {
    await t?.drop();
  });

  const titles = async (query: Partial<VariantListQuery>) => (await listVariants(db, SHOP, q(query))).rows.map((row) => row.id);

  it("lists only the shop's variants, most waiting units first by default", async () => {
    const page = await listVariants(db, SHOP);
    expect(page.rows.map((row) => row.id)).toEqual(["3", "1", "2", "4", "5"]);
    expect(page).toMatchObject({ total: 5, page: 1, pageCount: 1, hasNext: false, hasPrevious: false });
    expect(page.rows.find((row) => row.id === "2")).toMatchObject({
      waitingValue: "200.00",
      oldestWaitingAt: "2026-11-15T10:00:00.000Z",
      rule: { override: "always", restockDate: "2026-11-30", waitingCap: 10 },
    });
    expect(page.rows.find((row) => row.id === "1")!.oldestWaitingAt).toBe("2026-11-10T10:00:00.000Z");
    expect(page.rows.find((row) => row.id === "4")).toMatchObject({ oldestWaitingAt: null, rule: { override: null, restockDate: null, waitingCap: null } });
  });

  it("searches title and SKU without regard to case, with wildcards taken literally", async () => {
    expect(await titles({ search: "desk lamp" })).toEqual(["1", "2"]);
    expect(await titles({ search: "lamp-blue" })).toEqual(["2"]);
    expect(await titles({ search: "100%" })).toEqual(["4"]);
    expect(await titles({ search: "MUG_" })).toEqual(["4"]);
    expect(await titles({ search: "_" })).toEqual(["4"]);
    expect(await titles({ search: "foreign" })).toEqual([]);
  });

  it("filters by status", async () => {
    expect(await titles({ statuses: ["backorder"] })).toEqual(["1", "2"]);
    expect(await titles({ statuses: ["sold_out", "not_managed"] })).toEqual(["3", "5"]);
  });

  it("sorts by waiting units, value, ETA and age, empty values last", async () => {
    expect(await titles({ sort: "waiting", direction: "asc" })).toEqual(["4", "5", "2", "1", "3"]);
    expect(await titles({ sort: "value", direction: "desc" })).toEqual(["2", "1", "3", "4", "5"]);
    expect(await titles({ sort: "eta", direction: "asc" })).toEqual(["2", "1", "3", "4", "5"]);
    expect(await titles({ sort: "eta", direction: "desc" })).toEqual(["1", "2", "3", "4", "5"]);
    // Oldest waiting order first.
    expect(await titles({ sort: "age", direction: "desc" })).toEqual(["3", "1", "2", "4", "5"]);
    expect(await titles({ sort: "age", direction: "asc" })).toEqual(["2", "1", "3", "4", "5"]);
    expect(await titles({ sort: "title", direction: "asc" })).toEqual(["2", "1", "5", "3", "4"]);
  });

  it("sorts by the stored value and oldest wait the engine keeps, not by figures computed per row", async () => {
    // Stored facts that differ from price × units and from the lines: the sort follows the columns.
    const key = { shop_variantId: { shop: SHOP, variantId: variantGid("5") } };
    await db.trackedVariant.update({ where: key, data: { waitingValue: 1_000, oldestWaitingAt: new Date("2026-01-01T00:00:00Z") } });
    try {
      expect((await titles({ sort: "value", direction: "desc" }))[0]).toBe("5");
      expect((await titles({ sort: "age", direction: "desc" }))[0]).toBe("5");
    } finally {
      await db.trackedVariant.update({ where: key, data: { waitingValue: 0, oldestWaitingAt: null } });
    }
  });

  it("filters by vendor, product type and location, each alone and combined with the others and with status and search", async () => {
    expect(await titles({ vendors: ["Lumen"] })).toEqual(["1", "2"]);
    expect(await titles({ vendors: ["Brew, Inc."] })).toEqual(["3", "4"]);
    expect(await titles({ vendors: ["Lumen", "Brew, Inc."] })).toEqual(["3", "1", "2", "4"]);
    expect(await titles({ productTypes: ["Kitchen"] })).toEqual(["3", "4"]);
    expect(await titles({ locations: [WAREHOUSE] })).toEqual(["3", "1", "4"]);
    expect(await titles({ locations: [SHOP_FLOOR] })).toEqual(["1", "2"]);
    expect(await titles({ locations: [WAREHOUSE, SHOP_FLOOR] })).toEqual(["3", "1", "2", "4"]);

    expect(await titles({ vendors: ["Lumen"], locations: [WAREHOUSE] })).toEqual(["1"]);
    expect(await titles({ productTypes: ["Kitchen"], statuses: ["in_stock"] })).toEqual(["4"]);
    expect(await titles({ locations: [WAREHOUSE], search: "lamp" })).toEqual(["1"]);
    expect(await titles({ vendors: ["Lumen"], productTypes: ["Kitchen"] })).toEqual([]);
    expect(await titles({ locations: [SHOP_FLOOR], sort: "value", direction: "desc" })).toEqual(["2", "1"]);
    const page = await listVariants(db, SHOP, q({ vendors: ["Lumen"] }));
    expect(page).toMatchObject({ total: 2, pageCount: 1 });
  });

  it("offers the shop's own vendors, types and locations, and ignores any other value", async () => {
    const page = await listVariants(db, SHOP);
    expect(page.filterChoices).toEqual({
      vendors: ["Brew, Inc.", "Lumen"],
      productTypes: ["Kitchen", "Lamp"],
      locations: [
        { id: SHOP_FLOOR, name: "Shop floor" },
        { id: WAREHOUSE, name: "Warehouse" },
      ],
    });
    // Another shop's values, and values nobody has, are not filters: the list is unfiltered and says so.
    const foreign = await listVariants(db, SHOP, q({ vendors: ["Far Away", "Nobody"], productTypes: ["lamp"], locations: [FOREIGN_DEPOT] }));
    expect(foreign.rows.map((row) => row.id)).toEqual(["3", "1", "2", "4", "5"]);
    expect(foreign.query).toMatchObject({ vendors: [], productTypes: [], locations: [] });
    const mixed = await listVariants(db, SHOP, q({ vendors: ["Nobody", "Lumen"], locations: [FOREIGN_DEPOT, SHOP_FLOOR] }));
    expect(mixed.rows.map((row) => row.id)).toEqual(["1", "2"]);
    expect(mixed.query).toMatchObject({ vendors: ["Lumen"], locations: [SHOP_FLOOR] });
    // The other shop sees only its own.
    expect((await listVariants(db, OTHER)).filterChoices).toEqual({ vendors: ["Far Away"], productTypes: ["Lamp"], locations: [{ id: FOREIGN_DEPOT, name: "Foreign depot" }] });
    expect((await listVariants(db, OTHER, q({ locations: [WAREHOUSE] }))).rows.map((row) => row.id)).toEqual(["6"]);
  });

  it("shows a variant's stock per location with its incoming total", async () => {
    const detail = await loadVariantDetail(db, SHOP, "1", NOW);
    expect(detail?.levels).toEqual([
      { locationId: SHOP_FLOOR, locationName: "Shop floor", available: -2, incoming: 0 },
      { locationId: WAREHOUSE, locationName: "Warehouse", available: -3, incoming: 4 },
    ]);
    expect(detail?.incomingUnits).toBe(4);
    expect(await loadVariantDetail(db, SHOP, "5", NOW)).toMatchObject({ levels: [], incomingUnits: 0 });
  });

  it("shows a variant's waiting queue in order, and nothing for another shop's variant", async () => {
    const detail = await loadVariantDetail(db, SHOP, "1", NOW);
    expect(detail?.variant).toMatchObject({ id: "1", title: "Desk Lamp – Red", waitingUnits: 5 });
    expect(detail?.queue.map((entry) => [entry.orderName, entry.customerName, entry.waitingUnits, entry.queuePosition, entry.shipsOn, entry.ageDays])).toEqual([
      ["#1012", "Customer 12", 2, 1, "2026-12-10", 14],
      ["#1011", null, 3, 2, "2026-12-10", 4],
    ]);
    expect(detail?.today).toBe(TODAY);
    expect(await loadVariantDetail(db, SHOP, "6")).toBeNull();
    expect(await loadVariantDetail(db, SHOP, "999")).toBeNull();
    expect(await loadVariantDetail(db, SHOP, "1 OR 1=1")).toBeNull();
  });

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

  it("exports the list as CSV with a header row and quoted fields", async () => {
    await db.trackedVariant.update({ where: { shop_variantId: { shop: SHOP, variantId: variantGid("5") } }, data: { title: 'Gift wrap, "deluxe"' } });
    const csv = await exportVariantsCsv(db, SHOP, q({ sort: "title", direction: "asc" }));
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("Variant ID,Product ID,Title,SKU,Status,Sellable,Waiting units,Price,Waiting value,Next ships on,Oldest waiting order,Restock date,Back-orders,Waiting cap,Vendor,Product type");
    expect(lines).toHaveLength(6);
    expect(lines[3]).toBe('gid://shopify/ProductVariant/5,gid://shopify/Product/5,"Gift wrap, ""deluxe""",WRAP,not_managed,0,0,10.00,0.00,,,,shop rules,,,');
    expect(lines[4]).toBe("gid://shopify/ProductVariant/3,gid://shopify/Product/3,Kettle,,sold_out,0,8,5.00,40.00,,2026-11-05T10:00:00.000Z,,shop rules,,\"Brew, Inc.\",Kitchen");
    const only = await exportVariantsCsv(db, SHOP, q(), [variantGid("1"), variantGid("6")]);
    expect(only.trimEnd().split("\r\n").map((row) => row.split(",")[0])).toEqual(["Variant ID", variantGid("1")]);
  });

  it("exports only what the filters let through, and ignores values the shop does not have", async () => {
    const ids = async (query: Partial<VariantListQuery>, only?: string[]) =>
      (await exportVariantsCsv(db, SHOP, q({ sort: "title", direction: "asc", ...query }), only)).trimEnd().split("\r\n").slice(1).map((row) => row.split(",")[0]);
    expect(await ids({ vendors: ["Lumen"] })).toEqual([variantGid("2"), variantGid("1")]);
    expect(await ids({ locations: [WAREHOUSE], productTypes: ["Kitchen"] })).toEqual([variantGid("3"), variantGid("4")]);
    expect(await ids({ locations: [SHOP_FLOOR] }, [variantGid("1"), variantGid("3")])).toEqual([variantGid("1")]);
    expect(await ids({ vendors: ["Far Away"] })).toHaveLength(5);
  });
});
