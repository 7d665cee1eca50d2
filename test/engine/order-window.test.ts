/**
 * Orders older than 60 days: Shopify shows them to an app only with `read_all_orders`. When that
 * access goes, an old waiting order reads as missing; it is out of sight, not cancelled: its line
 * keeps waiting, its hold stays, newer orders do not take its place, and the merchant is told.
 */
import { describe, expect, it } from "vitest";
import { loadDashboard } from "../../app/models/dashboard.server";
import { stackForThisFile } from "../support/installed-stack";
import { storyIn } from "../support/shop-story";

const t = stackForThisFile();
const shop = t.shop;
const { ourHolds, addVariant, buy } = storyIn(shop);
const DAY = 86_400_000;

describe("an order past the 60-day window", () => {
  it("keeps waiting, keeps its hold and raises an alert when Shopify stops showing it", async () => {
    const warehouse = shop().addLocation("Window Warehouse");
    const chair = addVariant("Window Chair", warehouse, 0);
    await t.settle();
    // An order from 70 days ago (imported with its date), seen while the app may read all orders.
    const { orderId: old } = shop().placeOrder({
      customer: { email: "olga@example.com", firstName: "Olga", lastName: "Tester" },
      lines: [{ variantId: chair, quantity: 1 }],
      createdAt: new Date(Date.now() - 70 * DAY).toISOString(),
    });
    const newer = buy(chair, "Nina");
    await t.settle();
    expect(ourHolds(old)).toHaveLength(1);
    expect(ourHolds(newer)).toHaveLength(1);

    t.stack.sandbox.lifecycle.revokeScopes(["read_all_orders"]);
    shop().setAvailable(chair, warehouse, -1); // one unit arrived: it is the older order's
    await t.settle();

    const lineOf = (orderId: string) => t.db.backorderLine.findFirstOrThrow({ where: { orderId } });
    const oldLine = await lineOf(old);
    expect(oldLine.state).toBe("waiting");
    expect(oldLine.orderUnreadableAt).not.toBeNull();
    expect(ourHolds(old)).toHaveLength(1);
    // The newer order did not get the unit the old one took.
    expect(await lineOf(newer)).toMatchObject({ state: "waiting", waitingUnits: 1 });
    expect(ourHolds(newer)).toHaveLength(1);

    const dashboard = await loadDashboard(t.db, shop().domain);
    expect(dashboard.alerts.unreadableOrders).toBe(1);
    const told = await t.db.activity.findMany({ where: { kind: "order.unreadable", subject: old } });
    expect(told).toHaveLength(1);
    expect(told[0]!.message).toContain("60 days");
  });

  it("still settles an order that is missing inside the window as gone", async () => {
    const warehouse = shop().addLocation("Gone Warehouse");
    const lamp = addVariant("Gone Lamp", warehouse, 0);
    await t.settle();
    const order = buy(lamp, "Gina");
    await t.settle();
    expect(ourHolds(order)).toHaveLength(1);
    // Deleted in Shopify (the sandbox has no delete of its own): it reads as missing.
    shop().orders.delete(Number(order.split("/").pop()));
    shop().setAvailable(lamp, warehouse, 0);
    await t.settle();
    expect((await t.db.backorderLine.findFirstOrThrow({ where: { orderId: order } })).state).toBe("cancelled");
  });
});
