/**
 * The app process killed (SIGKILL) at random moments while a restock releases
 * many waiting orders, then started again: its jobs come back when their leases
 * run out, re-read Shopify and finish. Each waiting unit must be released (or
 * fulfilled) exactly once.
 */
import { describe, expect, it } from "vitest";
import { outstandingWork } from "../support/engine";
import { stackForThisFile } from "../support/installed-stack";
import { countRestockOutcome, restockThroughCrashes } from "../support/restock-crashes";

const ORDERS = 40;

describe.each(["hold_release", "hold_fulfil"] as const)("a restock interrupted by crashes (%s)", (mode) => {
  // One stack for each mode: this block's, not the file's.
  const t = stackForThisFile();

  it("releases every waiting unit exactly once", async () => {
    const run = await restockThroughCrashes(t, { mode, orders: ORDERS, kills: 4, seed: mode.length });
    // The kills really landed mid-work, not after it was all done.
    expect(run.kills).toBeGreaterThan(0);

    const orders = t.shop().snapshot().orders.filter((o) => run.orderIds.includes(o.id));
    expect(orders).toHaveLength(ORDERS);
    for (const order of orders) {
      const events = order.fulfillmentOrders.flatMap((fo) => run.holds.get(fo.id) ?? []);
      expect(events, order.name).toEqual(["hold_released"]);
      expect(order.fulfillmentOrders.flatMap((fo) => fo.holds)).toEqual([]);
      const fulfilled = order.fulfillments.flatMap((f) => f.lineItems).reduce((sum, line) => sum + line.quantity, 0);
      // Fulfilled exactly once in hold_fulfil (never more than ordered: Shopify would refuse, but we must not try).
      expect(fulfilled, order.name).toBe(mode === "hold_fulfil" ? order.lineItems[0]!.quantity : 0);
      expect(order.fulfillments.length, order.name).toBe(mode === "hold_fulfil" ? 1 : 0);
    }
    const lines = await t.db.backorderLine.findMany({ where: { variantId: run.variant } });
    expect(lines.map((line) => line.state)).toEqual(Array(ORDERS).fill(mode === "hold_fulfil" ? "fulfilled" : "released"));
    expect(await outstandingWork(t.db)).toEqual({ deliveries: 0, jobs: [] });
    expect(await countRestockOutcome(t, mode, run)).toMatchObject({ lost: 0, doubled: 0, deadLetters: 0 });
  }, 240_000);
});
