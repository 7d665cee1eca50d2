/**
 * The variant list and Home at 50,000 variants on a real (migrated) SQLite
 * database: every sort and filter serves a page, and pages never overlap. How
 * fast is measured by `npm run bench`, not here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { insertRows, type InsertedRow } from "../support/insert-rows";
import { DEFAULT_LIST_QUERY, listVariants, PAGE_SIZE, variantGid, type VariantListQuery } from "../../app/models/variants.server";
import { waitingValueOf } from "../../app/domain/waiting-value";
import { loadDashboard } from "../../app/models/dashboard.server";
import { loadHomeCharts, TOP_VARIANTS } from "../../app/models/home-charts.server";
import { recordDailySnapshot } from "../../app/engine/daily-snapshots.server";

const SHOP = "alpha.myshopify.com";

// Every status unless a test filters (the list's own default is back-ordered and sold out only).
const q = (overrides: Partial<VariantListQuery> = {}): VariantListQuery => ({ ...DEFAULT_LIST_QUERY, statuses: [], ...overrides });

describe("a shop with 50,000 variants", () => {
  let t: TestDatabase;
  const COUNT = 50_000;
  const VENDORS = Array.from({ length: 40 }, (_, i) => `Vendor ${i}`);
  const TYPES = ["Lamp", "Mug", "Kettle", "Chair", "Scarf", "Bowl", "Tote"];

  beforeAll(async () => {
    t = await createTestDatabase();
    const statuses = ["backorder", "sold_out", "in_stock", "not_managed"];
    // Written after the loop, one statement per table.
    const seed = { variants: [] as InsertedRow[], levels: [] as InsertedRow[], lines: [] as InsertedRow[] };
    for (let start = 0; start < COUNT; start += 2000) {
      const variants = Array.from({ length: Math.min(2000, COUNT - start) }, (_, i) => {
        const n = start + i + 1;
        const waitingUnits = n % 4 < 2 ? n % 13 : 0;
        const price = String((n % 97) + 0.5);
        return {
          shop: SHOP,
          variantId: variantGid(String(n)),
          productId: `gid://shopify/Product/${n}`,
          inventoryItemId: `gid://shopify/InventoryItem/${n}`,
          title: `Product ${n}`,
          sku: `SKU-${n}`,
          price,
          vendor: VENDORS[n % VENDORS.length]!,
          productType: TYPES[n % TYPES.length]!,
          merchantPolicy: "DENY",
          status: statuses[n % 4]!,
          sellable: 0,
          waitingUnits,
          waitingValue: waitingValueOf(price, waitingUnits),
          oldestWaitingAt: waitingUnits > 0 ? new Date(Date.UTC(2026, 0, 1) + (n % 300) * 86_400_000) : null,
          nextShipsOn: n % 4 === 0 ? `2027-01-${String((n % 28) + 1).padStart(2, "0")}` : null,
        };
      });
      seed.variants.push(...variants);
      // Every variant at the warehouse, a third of them at the shop floor too.
      const levels = variants.flatMap((v, i) => [
        { shop: SHOP, variantId: v.variantId, locationId: "gid://shopify/Location/1", locationName: "Warehouse", available: -v.waitingUnits, incoming: 1 },
        ...((start + i) % 3 === 0 ? [{ shop: SHOP, variantId: v.variantId, locationId: "gid://shopify/Location/2", locationName: "Shop floor", available: 4 }] : []),
      ]);
      seed.levels.push(...levels);
      const lines = variants
        .filter((v) => v.waitingUnits > 0)
        .map((v, i) => ({
          shop: SHOP,
          lineItemId: `gid://shopify/LineItem/${start + i}`,
          orderId: `gid://shopify/Order/${start + i}`,
          orderName: `#${start + i}`,
          orderedAt: v.oldestWaitingAt!,
          variantId: v.variantId,
          locationId: "gid://shopify/Location/1",
          quantity: v.waitingUnits,
          waitingUnits: v.waitingUnits,
          queuePosition: 1,
        }));
      seed.lines.push(...lines);
    }
    await insertRows(t.url, "TrackedVariant", seed.variants);
    await insertRows(t.url, "VariantLevel", seed.levels);
    await insertRows(t.url, "BackorderLine", seed.lines);
  }, 120_000);

  afterAll(async () => {
    await t?.drop();
  });

  it("serves any page, sort and filter, without overlap between pages", async () => {
    for (const sort of ["waiting", "value", "eta", "age", "title"] as const) {
      for (const query of [
        q({ sort }),
        q({ sort, statuses: ["backorder"], page: 100 }),
        q({ sort, search: "product 4", page: 3 }),
        q({ sort, direction: "asc", page: 1000 }),
        q({ sort, vendors: ["Vendor 7"], page: 2 }),
        q({ sort, locations: ["gid://shopify/Location/2"], productTypes: ["Mug", "Lamp"], statuses: ["backorder"] }),
      ]) {
        const page = await listVariants(t.db, SHOP, query);
        expect(page.rows.length, JSON.stringify(query)).toBeLessThanOrEqual(PAGE_SIZE);
        expect(page.rows.length, JSON.stringify(query)).toBeGreaterThan(0);
      }
    }

    const first = await listVariants(t.db, SHOP, q({ sort: "age", page: 1 }));
    const second = await listVariants(t.db, SHOP, q({ sort: "age", page: 2 }));
    expect(first.total).toBe(COUNT);
    expect(first.pageCount).toBe(COUNT / PAGE_SIZE);
    expect(first.rows).toHaveLength(PAGE_SIZE);
    const ids = new Set([...first.rows, ...second.rows].map((row) => row.id));
    expect(ids.size).toBe(PAGE_SIZE * 2);
    const last = await listVariants(t.db, SHOP, q({ page: 10_000 }));
    expect(last).toMatchObject({ page: COUNT / PAGE_SIZE, hasNext: false, hasPrevious: true });
  }, 60_000);

  it("gives Home its figures over 25,000 back-ordered variants", async () => {
    const dashboard = await loadDashboard(t.db, SHOP);
    // Statuses cycle over four values: half the variants are back-ordered or sold out, each with 1 unit incoming.
    expect(dashboard.backorderedVariants).toBe(COUNT / 2);
    expect(dashboard.incomingUnits).toBe(COUNT / 2);
    expect(dashboard.waitingUnits).toBeGreaterThan(0);
  }, 60_000);

  it("gives Home's charts bounded rows, and records the day's snapshot, from the same tables", async () => {
    const [charts, dashboard] = await Promise.all([loadHomeCharts(t.db, SHOP), loadDashboard(t.db, SHOP)]);
    expect(charts.variants).toHaveLength(TOP_VARIANTS);
    expect(charts.variants.map((variant) => variant.waiting)).toEqual([...charts.variants.map((variant) => variant.waiting)].sort((a, b) => b - a));
    expect(charts.waitTimes.reduce((sum, bucket) => sum + bucket.orders, 0)).toBe(dashboard.waitingOrders);
    expect(charts.history.at(-1)?.units).toBe(dashboard.waitingUnits);
    await recordDailySnapshot(t.db, SHOP);
    const [snapshot] = await t.db.dailySnapshot.findMany({ where: { shop: SHOP } });
    expect(snapshot).toMatchObject({ waitingUnits: dashboard.waitingUnits, waitingOrders: dashboard.waitingOrders, backorderedVariants: COUNT / 2, incomingUnits: COUNT / 2 });
  }, 60_000);
});
