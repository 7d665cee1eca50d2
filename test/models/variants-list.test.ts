/** The variant list (search, filters, sorting) and the variant page's stock and queue, on a real (migrated) SQLite database. */
import { describe, expect, it } from "vitest";
import type { PrismaClient } from "@prisma/client";
import { listVariants, loadVariantDetail, parseListQuery, variantGid, type VariantListQuery } from "../../app/models/variants.server";
import { exportVariantsCsv } from "../../app/models/variants-csv.server";
import { FOREIGN_DEPOT, NOW, OTHER, q, SHOP, SHOP_FLOOR, TODAY, WAREHOUSE, variantsDatabaseForThisBlock } from "./variants-fixture";

describe("queries", () => {
  let db: PrismaClient;
  variantsDatabaseForThisBlock((opened) => (db = opened));

  const titles = async (query: Partial<VariantListQuery>) => (await listVariants(db, SHOP, q(query))).rows.map((row) => row.id);

  it("lists only the shop's variants, most waiting units first by default", async () => {
    const page = await listVariants(db, SHOP, q());
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

  it("shows the back-ordered and sold-out variants without a status in the URL, every one with status=all", async () => {
    const ids = async (url: string) => (await listVariants(db, SHOP, parseListQuery(new URLSearchParams(url)))).rows.map((row) => row.id);
    // 1 and 2 are back-ordered, 3 sold out; 4 is in stock and 5 not managed.
    expect(await ids("")).toEqual(["3", "1", "2"]);
    expect((await listVariants(db, SHOP)).rows.map((row) => row.id)).toEqual(["3", "1", "2"]);
    expect(await ids("status=bogus")).toEqual(["3", "1", "2"]);
    expect(await ids("status=all")).toEqual(["3", "1", "2", "4", "5"]);
    expect(await ids("status=all&status=in_stock")).toEqual(["3", "1", "2", "4", "5"]);
    expect(await ids("status=in_stock")).toEqual(["4"]);
    // Home's "at their waiting cap" alert opens what it counts.
    expect(await ids("status=sold_out")).toEqual(["3"]);
    expect(await ids("q=desk")).toEqual(["1", "2"]);
  });

  it("exports the same variants as CSV as the list shows, default included", async () => {
    const exported = async (url: string) =>
      (await exportVariantsCsv(db, SHOP, parseListQuery(new URLSearchParams(url)))).trim().split("\r\n").slice(1).map((line) => line.split(",")[0]);
    expect(await exported("")).toEqual(["3", "1", "2"].map(variantGid));
    expect(await exported("status=all")).toEqual(["3", "1", "2", "4", "5"].map(variantGid));
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
});
