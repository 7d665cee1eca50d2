/** Long id lists on a real database: one `IN (…)` of thousands of ids is refused; in chunks it is read whole. */
import { describe, expect, it } from "vitest";
import { findInChunks } from "../../app/db-chunks.server";
import { providerOf } from "../../app/db-provider";
import { databaseForEachTest } from "../support/database-per-test";

const SHOP = "chunks.myshopify.com";

describe("reads of long id lists", () => {
  const t = databaseForEachTest();

  it("reads every row of 2,000 ids in chunks, where one list of them is refused on SQLite", async () => {
    const ids = Array.from({ length: 2_000 }, (_, index) => `gid://shopify/Order/${index + 1}`);
    await t.db.notifiedOrder.createMany({ data: ids.map((orderId) => ({ shop: SHOP, variantId: "gid://shopify/ProductVariant/1", orderId })) });

    const rows = await findInChunks(ids, (chunk) => t.db.notifiedOrder.findMany({ where: { shop: SHOP, orderId: { in: chunk } }, select: { orderId: true } }));
    expect(new Set(rows.map((row) => row.orderId))).toEqual(new Set(ids));
    // PostgreSQL takes far longer lists (65,535 parameters): the refusal is SQLite's.
    if (providerOf(t.db) === "sqlite") {
      await expect(t.db.notifiedOrder.findMany({ where: { shop: SHOP, orderId: { in: ids } } })).rejects.toThrow(/parameter limit/);
    }
  });
});
