/** Promise accuracy as Home and the variant page read it, from a real database. */
import { describe, expect, it } from "vitest";
import { databaseForEachTest } from "../support/database-per-test";
import { TEST_ON_POSTGRESQL } from "../support/test-database";
import { loadPromiseAccuracy } from "../../app/models/promise-accuracy.server";

const SHOP = "accuracy.myshopify.com";
const OTHER = "other-accuracy.myshopify.com";
// Noon in UTC, 1 a.m. the next day in Auckland (UTC+13 in March).
const NOW = new Date("2026-03-10T12:00:00Z");
const LAMP = "gid://shopify/ProductVariant/1";
const KETTLE = "gid://shopify/ProductVariant/2";

const t = databaseForEachTest();

let lineCount = 0;
function leftQueue(row: { shop?: string; variantId?: string; promisedOn: string | null; releasedAt: string; state?: string; merchantAction?: string }) {
  lineCount++;
  return t.db.backorderLine.create({
    data: {
      shop: row.shop ?? SHOP,
      lineItemId: `line-${lineCount}`,
      orderId: `order-${lineCount}`,
      orderName: `#${1000 + lineCount}`,
      orderedAt: new Date("2026-01-01T09:00:00Z"),
      variantId: row.variantId ?? LAMP,
      locationId: "loc",
      quantity: 1,
      waitingUnits: 0,
      promisedOn: row.promisedOn,
      state: row.state ?? "released",
      merchantAction: row.merchantAction ?? null,
      releasedAt: new Date(row.releasedAt),
    },
  });
}

function variant(variantId: string, title: string, vendor: string | null) {
  return t.db.trackedVariant.create({
    data: { shop: SHOP, variantId, productId: "gid://shopify/Product/1", inventoryItemId: `${variantId}/item`, title, vendor, merchantPolicy: "DENY", status: "in_stock", sellable: 1 },
  });
}

describe("loadPromiseAccuracy", () => {
  it("has nothing to judge in a shop where nothing shipped", async () => {
    const report = await loadPromiseAccuracy(t.db, SHOP, { days: 30, now: NOW });
    expect(report.overall).toMatchObject({ shipped: 0, share: null, releasedByMerchant: 0 });
    expect(report.worstVendors).toEqual([]);
  });

  it("judges lines shipped because stock came, counts the merchant's releases apart and leaves out the rest", async () => {
    await variant(LAMP, "Lamp", "Brightlite");
    await variant(KETTLE, "Kettle", "Coldco");
    await leftQueue({ promisedOn: "2026-03-05", releasedAt: "2026-03-04T10:00:00Z" }); // early: kept
    await leftQueue({ promisedOn: "2026-03-05", releasedAt: "2026-03-09T10:00:00Z" }); // 4 days late
    await leftQueue({ variantId: KETTLE, promisedOn: "2026-03-01", releasedAt: "2026-03-03T10:00:00Z", state: "fulfilled" }); // 2 days late, fulfilled by the app
    await leftQueue({ variantId: KETTLE, promisedOn: "2026-03-01", releasedAt: "2026-03-01T10:00:00Z" }); // on time
    // Not judged: released by hand (counted apart), cancelled, no date promised, before the period, another shop.
    await leftQueue({ promisedOn: "2026-03-01", releasedAt: "2026-03-08T10:00:00Z", merchantAction: "released" });
    await leftQueue({ promisedOn: "2026-03-01", releasedAt: "2026-03-08T10:00:00Z", state: "cancelled", merchantAction: "cancelled" });
    await leftQueue({ promisedOn: "2026-03-01", releasedAt: "2026-03-08T10:00:00Z", state: "cancelled" });
    await leftQueue({ promisedOn: null, releasedAt: "2026-03-08T10:00:00Z" });
    await leftQueue({ promisedOn: "2026-01-01", releasedAt: "2026-02-08T10:00:00Z" });
    await leftQueue({ shop: OTHER, promisedOn: "2026-03-01", releasedAt: "2026-03-08T10:00:00Z" });

    const report = await loadPromiseAccuracy(t.db, SHOP, { days: 30, now: NOW });
    // By hand: 2 kept of 4; slips 0, 4, 2, 0: 1.5 days on average, 3 for the two late ones.
    expect(report.overall).toEqual({ shipped: 4, kept: 2, late: 2, share: 0.5, averageSlipDays: 1.5, averageDaysLate: 3, releasedByMerchant: 1 });
    expect(report.worstVendors.map(({ vendor, record }) => [vendor, record.kept, record.shipped, record.averageDaysLate])).toEqual([
      ["Brightlite", 1, 2, 4],
      ["Coldco", 1, 2, 2],
    ]);
    expect(report.worstVariants.map(({ id, title, record }) => [id, title, record.late])).toEqual([
      ["1", "Lamp", 1],
      ["2", "Kettle", 1],
    ]);

    const kettle = await loadPromiseAccuracy(t.db, SHOP, { days: 30, variantId: KETTLE, now: NOW });
    expect(kettle.overall).toMatchObject({ shipped: 2, kept: 1, late: 1, averageDaysLate: 2, releasedByMerchant: 0 });
  });

  it("takes the release day in the shop's time zone", async () => {
    await t.db.shopSettings.create({ data: { shop: SHOP, timezone: "Pacific/Auckland" } });
    // 20:00 UTC on the 5th is 9 a.m. on the 6th in Auckland: a day late there.
    await leftQueue({ promisedOn: "2026-03-05", releasedAt: "2026-03-05T20:00:00Z" });
    // Today in Auckland is the 11th; 30 days from the 10th of February. 11:30 UTC on the 9th of February is
    // 00:30 on the 10th there: inside the period, though before its first day's midnight in UTC.
    await leftQueue({ promisedOn: "2026-02-10", releasedAt: "2026-02-09T11:30:00Z" });
    const report = await loadPromiseAccuracy(t.db, SHOP, { days: 30, now: NOW });
    expect(report.today).toBe("2026-03-11");
    expect(report.firstDay).toBe("2026-02-10");
    expect(report.overall).toMatchObject({ shipped: 2, kept: 1, late: 1, averageDaysLate: 1 });
  });

  // SQLite's plan (the default database); PostgreSQL plans an empty table by its own costs, so its plan proves nothing.
  it.skipIf(TEST_ON_POSTGRESQL)("reads the lines of the period through the shop's release-date index", async () => {
    const plan = await t.db.$queryRawUnsafe<{ detail: string }[]>(
      `EXPLAIN QUERY PLAN SELECT "variantId" FROM "BackorderLine" WHERE "shop" = ? AND "releasedAt" >= ? AND "state" IN ('released', 'fulfilled')`,
      SHOP,
      NOW.toISOString(),
    );
    expect(plan.map((step) => step.detail).join("\n")).toContain("BackorderLine_shop_releasedAt_idx");
  });
});
