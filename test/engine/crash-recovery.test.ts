/**
 * The app process killed (SIGKILL) at random moments while a restock releases
 * many waiting orders, then started again: its jobs come back when their leases
 * run out, re-read Shopify and finish. Each waiting unit must be released (or
 * fulfilled) exactly once.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { outstandingWork } from "../support/engine";
import { stackForThisFile } from "../support/installed-stack";
import { watchHolds } from "../support/scenario";
import { storyIn } from "../support/shop-story";
import { seededRandom } from "../sandbox/support/seeded-random";

const ORDERS = 40;

describe.each(["hold_release", "hold_fulfil"] as const)("a restock interrupted by crashes (%s)", (mode) => {
  // One stack for each mode: this block's, not the file's.
  const t = stackForThisFile();
  const { addVariant, buy } = storyIn(t.shop);

  beforeAll(async () => {
    await t.db.shopSettings.update({ where: { shop: t.shop().domain }, data: { fulfilmentMode: mode } });
  });

  it("releases every waiting unit exactly once", async () => {
    const shop = t.shop();
    const warehouse = shop.addLocation("Warehouse");
    const variant = addVariant("Crash Kettle", warehouse);
    await t.settle();
    const random = seededRandom(mode.length);
    const orderIds: string[] = [];
    let units = 0;
    for (let i = 0; i < ORDERS; i++) {
      const quantity = 1 + Math.floor(random() * 3);
      units += quantity;
      orderIds.push(buy(variant, `C${i}`, quantity));
    }
    await t.settle(120_000);
    expect(await t.db.backorderLine.count({ where: { variantId: variant, state: "waiting", waitingUnits: { gt: 0 } } })).toBe(ORDERS);
    const holds = watchHolds(t.stack);

    shop.receiveStock(variant, warehouse, units);
    let interrupted = 0;
    for (let crash = 0; crash < 4; crash++) {
      await new Promise((resolve) => setTimeout(resolve, 100 + random() * 500));
      const busy = (await outstandingWork(t.db)).jobs.length > 0;
      await t.stack.killApp();
      if (busy) interrupted++;
      await t.stack.startApp();
    }
    // The kills really landed mid-work, not after it was all done.
    expect(interrupted).toBeGreaterThan(0);
    await t.settle(120_000);

    const orders = shop.snapshot().orders.filter((o) => orderIds.includes(o.id));
    for (const order of orders) {
      const fos = order.fulfillmentOrders.map((fo) => fo.id);
      const events = fos.flatMap((id) => holds.get(id) ?? []);
      expect(events, order.name).toEqual(["hold_released"]);
      expect(order.fulfillmentOrders.flatMap((fo) => fo.holds)).toEqual([]);
      const fulfilled = order.fulfillments.flatMap((f) => f.lineItems).reduce((sum, line) => sum + line.quantity, 0);
      // Fulfilled exactly once in hold_fulfil (never more than ordered: Shopify would refuse, but we must not try).
      expect(fulfilled, order.name).toBe(mode === "hold_fulfil" ? order.lineItems[0]!.quantity : 0);
      expect(order.fulfillments.length, order.name).toBe(mode === "hold_fulfil" ? 1 : 0);
    }
    const lines = await t.db.backorderLine.findMany({ where: { variantId: variant } });
    expect(lines.map((line) => line.state)).toEqual(Array(ORDERS).fill(mode === "hold_fulfil" ? "fulfilled" : "released"));
    expect(await outstandingWork(t.db)).toEqual({ deliveries: 0, jobs: [] });
    expect(await t.db.job.count({ where: { status: "dead" } })).toBe(0);
  }, 240_000);
});
