/** Waiting value is summed in the database in whole cents, exactly, on SQLite and PostgreSQL alike. */
import { afterEach, beforeEach, expect, it } from "vitest";
import { waitingTotals } from "../../app/engine/waiting-totals.server";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const SHOP = "totals-test.myshopify.com";
let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.drop();
});

async function line(n: number, unitPrice: string, waitingUnits: number) {
  await database.db.backorderLine.create({
    data: {
      shop: SHOP,
      lineItemId: `gid://shopify/LineItem/${n}`,
      orderId: `gid://shopify/Order/${n}`,
      orderName: `#${1000 + n}`,
      orderedAt: new Date(Date.UTC(2026, 0, n)),
      variantId: "gid://shopify/ProductVariant/1",
      locationId: "gid://shopify/Location/1",
      quantity: waitingUnits,
      waitingUnits,
      unitPrice,
      state: "waiting",
    },
  });
}

it("sums large and small prices to the cent", async () => {
  // 262143.99 is past what a 4-byte float holds to the cent (it reads back as 262144).
  await line(1, "262143.99", 1);
  await line(2, "0.10", 3);
  await line(3, "19.99", 7);
  expect(await waitingTotals(database.db, SHOP)).toEqual({ lines: 3, orders: 3, units: 11, cents: 26214399 + 30 + 13993 });
});
