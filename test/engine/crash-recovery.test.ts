/**
 * The app process killed (SIGKILL) at random moments while a restock releases
 * many waiting orders, then started again: its jobs come back when their leases
 * run out, re-read Shopify and finish. Each waiting unit must be released (or
 * fulfilled) exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@prisma/client";
import { outstandingWork, settle, startInstalledStack } from "../support/engine";
import { watchHolds } from "../support/scenario";
import { type Stack } from "../support/stack";
import { seededRandom } from "../sandbox/support/seeded-random";

const ORDERS = 40;

describe.each(["hold_release", "hold_fulfil"] as const)("a restock interrupted by crashes (%s)", (mode) => {
  let stack: Stack;
  let db: PrismaClient;

  beforeAll(async () => {
    ({ stack, db } = await startInstalledStack());
    await db.shopSettings.update({ where: { shop: stack.sandbox.shop.domain }, data: { fulfilmentMode: mode } });
  }, 120_000);

  afterAll(async () => {
    await db?.$disconnect();
    await stack?.stop();
  });

  it("releases every waiting unit exactly once", async () => {
    const shop = stack.sandbox.shop;
    const warehouse = shop.addLocation("Warehouse");
    const variant = shop.addProduct({ title: "Crash Kettle", vendor: "V", productType: "Kitchen", variants: [{ title: "Default Title", sku: "CRASH", price: "30.00", stock: { [warehouse]: 0 } }] }).variantIds[0]!;
    await settle(stack, db);
    const random = seededRandom(mode.length);
    const orderIds: string[] = [];
    let units = 0;
    for (let i = 0; i < ORDERS; i++) {
      const quantity = 1 + Math.floor(random() * 3);
      units += quantity;
      orderIds.push(shop.placeOrder({ customer: { email: `c${i}@example.com` }, lines: [{ variantId: variant, quantity }] }).orderId);
    }
    await settle(stack, db, 120_000);
    expect(await db.backorderLine.count({ where: { variantId: variant, state: "waiting", waitingUnits: { gt: 0 } } })).toBe(ORDERS);
    const holds = watchHolds(stack);

    shop.receiveStock(variant, warehouse, units);
    let interrupted = 0;
    for (let crash = 0; crash < 4; crash++) {
      await new Promise((resolve) => setTimeout(resolve, 100 + random() * 500));
      const busy = (await outstandingWork(db)).jobs.length > 0;
      await stack.killApp();
      if (busy) interrupted++;
      await stack.startApp();
    }
    // The kills really landed mid-work, not after it was all done.
    expect(interrupted).toBeGreaterThan(0);
    await settle(stack, db, 120_000);

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
    const lines = await db.backorderLine.findMany({ where: { variantId: variant } });
    expect(lines.map((line) => line.state)).toEqual(Array(ORDERS).fill(mode === "hold_fulfil" ? "fulfilled" : "released"));
    expect(await outstandingWork(db)).toEqual({ deliveries: 0, jobs: [] });
    expect(await db.job.count({ where: { status: "dead" } })).toBe(0);
  }, 240_000);
});
