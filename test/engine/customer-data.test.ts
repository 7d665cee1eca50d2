/**
 * A shop where the app has no protected customer data approval: names and emails come back as
 * errors and order webhooks carry none. The engine still holds, releases and lists waiting orders.
 */
import { describe, expect, it } from "vitest";
import { listWaitingOrders } from "../../app/models/orders.server";
import { stackForThisFile } from "../support/installed-stack";
import { storyIn } from "../support/shop-story";

const t = stackForThisFile({ customerData: "refused" });
const shop = t.shop;
const { ourHolds, addVariant, buy } = storyIn(shop);

describe("without protected customer data", () => {
  it("holds, releases and lists waiting orders with the customer hidden", async () => {
    const warehouse = shop().addLocation("Private Warehouse");
    const stool = addVariant("Private Stool", warehouse, 0);
    await t.settle();
    const first = buy(stool, "Alma");
    const second = buy(stool, "Bruno");
    await t.settle();
    expect(ourHolds(first)).toHaveLength(1);
    expect(ourHolds(second)).toHaveLength(1);

    const listed = await listWaitingOrders(t.db, shop().domain, { search: "", overdue: false, page: 1 }, new Date().toISOString().slice(0, 10));
    expect(listed.rows.map((row) => row.orderId).sort()).toEqual([first, second].sort());
    expect(listed.rows.every((row) => row.customer === null)).toBe(true);

    shop().setAvailable(stool, warehouse, -1);
    await t.settle();
    expect(ourHolds(first)).toHaveLength(0);
    expect(ourHolds(second)).toHaveLength(1);

    // Shopify gave the app no name or email: none is stored anywhere.
    const deliveries = await t.db.webhookDelivery.findMany({ select: { payload: true } });
    expect(deliveries.length).toBeGreaterThan(0);
    expect(deliveries.filter((row) => String(row.payload).includes("alma@example.com"))).toEqual([]);
  });
});
