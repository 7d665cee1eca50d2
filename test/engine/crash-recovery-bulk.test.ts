/**
 * The crash test (crash-recovery.test.ts) on the bulk path: the threshold lowered so the restock
 * of 40 waiting orders goes as one bulk mutation, the app SIGKILLed at random moments meanwhile
 * (before the operation is recorded, while it runs, while its results are recorded). Each
 * waiting unit must be released exactly once.
 */
import { describe, expect, it } from "vitest";
import { outstandingWork } from "../support/engine";
import { stackForThisFile } from "../support/installed-stack";
import { countRestockOutcome, restockThroughCrashes } from "../support/restock-crashes";

const ORDERS = 40;

describe("a bulk release interrupted by crashes", () => {
  const t = stackForThisFile({ env: { BACKORDER_BULK_RELEASE_MIN_FULFILLMENT_ORDERS: "10", BACKORDER_BULK_POLL_MS: "2000" } });

  it("releases every waiting unit exactly once", async () => {
    const run = await restockThroughCrashes(t, { mode: "hold_release", orders: ORDERS, kills: 4, seed: 29 });
    expect(run.kills).toBeGreaterThan(0);
    // The release went through Shopify's bulk mutation, not the batches.
    expect(t.stack.sandbox.adminApi.bulk.operations().filter((op) => op.query.includes("fulfillmentOrderReleaseHold")).length).toBeGreaterThan(0);

    const orders = t.shop().snapshot().orders.filter((o) => run.orderIds.includes(o.id));
    expect(orders).toHaveLength(ORDERS);
    for (const order of orders) {
      expect(order.fulfillmentOrders.flatMap((fo) => run.holds.get(fo.id) ?? []), order.name).toEqual(["hold_released"]);
      expect(order.fulfillmentOrders.flatMap((fo) => fo.holds)).toEqual([]);
    }
    const lines = await t.db.backorderLine.findMany({ where: { variantId: run.variant } });
    expect(lines.map((line) => line.state)).toEqual(Array(ORDERS).fill("released"));
    expect(await t.db.appHold.count({ where: { orderId: { in: run.orderIds } } })).toBe(0);
    expect(await outstandingWork(t.db)).toEqual({ deliveries: 0, jobs: [] });
    expect(await countRestockOutcome(t, "hold_release", run)).toMatchObject({ lost: 0, doubled: 0, deadLetters: 0 });
  }, 240_000);
});
