/** The variant list exported as CSV, from a real (migrated) SQLite database. */
import { describe, expect, it } from "vitest";
import type { PrismaClient } from "@prisma/client";
import { variantGid, type VariantListQuery } from "../../app/models/variants.server";
import { exportVariantsCsv } from "../../app/models/variants-csv.server";
import { q, SHOP, SHOP_FLOOR, WAREHOUSE, variantsDatabaseForThisBlock } from "./variants-fixture";

describe("queries", () => {
  let db: PrismaClient;
  variantsDatabaseForThisBlock((opened) => (db = opened));

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
