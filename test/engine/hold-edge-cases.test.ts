/**
 * Real-store edge cases around the app's holds: a renamed SKU, a merchant who releases a hold in
 * Shopify admin, fulfillment orders Shopify will not split, in progress or scheduled.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { stackForThisFile } from "../support/installed-stack";
import { storyIn } from "../support/shop-story";

const t = stackForThisFile();
const shop = t.shop;
const { ourHolds, addVariant, variantOf, buy } = storyIn(shop);
let warehouse: string;

beforeAll(() => {
  warehouse = shop().addLocation("Warehouse");
});

async function backOrderedVariant(title: string): Promise<string> {
  const variant = addVariant(title, warehouse, 0);
  shop().setAvailable(variant, warehouse, 0);
  await t.settle();
  expect(variantOf(variant).inventoryPolicy).toBe("CONTINUE");
  return variant;
}

const waitingOrders = async (variantId: string) =>
  (await t.db.backorderLine.findMany({ where: { variantId, state: "waiting", waitingUnits: { gt: 0 } }, orderBy: { queuePosition: "asc" } })).map((line) => line.orderId);

describe("a renamed SKU", () => {
  it("keeps the orders sold under the old SKU waiting and held", async () => {
    const lamp = await backOrderedVariant("Renamed Lamp");
    const ada = buy(lamp, "Ada");
    const bram = buy(lamp, "Bram");
    await t.settle();
    expect(await waitingOrders(lamp)).toEqual([ada, bram]);

    shop().changeSku(lamp, "LAMP-2027");
    const cara = buy(lamp, "Cara");
    await t.settle();
    expect(await waitingOrders(lamp)).toEqual([ada, bram, cara]);
    expect([ada, bram, cara].map((order) => ourHolds(order).length)).toEqual([1, 1, 1]);

    // Moved to the front, Bram's order is first in the queue, not gone from it.
    expect((await t.request("/app/orders.data", { method: "POST", fields: { intent: "front", orderId: bram } })).status).toBe(200);
    await t.settle();
    expect(await waitingOrders(lamp)).toEqual([bram, ada, cara]);
    expect([ada, bram, cara].map((order) => ourHolds(order).length)).toEqual([1, 1, 1]);
  });
});
