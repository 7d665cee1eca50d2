/**
 * Issue 18: a sold-out variant meets a burst of 200 orders (32 in flight over the sandbox's control
 * API) while webhooks arrive duplicated and out of order, fulfillment orders are routed after each
 * order and order search lags writes. Nothing arrives in the shop, so the app must never lift a
 * hold; a later restock of N units then releases exactly the N oldest waiting units, once each.
 * One seed per mode, with search 2 s behind, so no sync during the burst sees the newest orders
 * in search. A run takes about half a minute on an idle machine, on Shopify Plus rates (see
 * order-burst.ts). `npm run reliability` sweeps more seeds per mode, with search 300 ms and 2 s
 * behind (two runs per mode here took the file past seven minutes on the shared machine).
 */
import { describe, expect, it } from "vitest";
import type { FulfilmentMode } from "../../app/domain/hold-plan";
import { burstProblems, runBurst, type BurstOptions } from "../support/order-burst";

const ORDERS = 200;
const IN_FLIGHT = 32;
const RESTOCK = 37;
/** Seeds of the sandbox's webhook faults: a different one per mode. */
const SEEDS: Record<FulfilmentMode, number> = { hold_release: 4, hold_fulfil: 18, ship_available_first: 30 };
const SEARCH_LAG_MS = 2_000;
const MODES = Object.keys(SEEDS) as FulfilmentMode[];

async function expectNoFlap(options: BurstOptions): Promise<void> {
  const result = await runBurst(options);
  expect(burstProblems(options, result), `${options.mode}, seed ${options.seed}`).toEqual([]);
  expect(result.releasedOrderIds, "the restock released something").toHaveLength(options.restock);
}

describe("a burst of orders for a sold-out variant", () => {
  for (const mode of MODES) {
    it(`lifts no hold until stock arrives, then releases the oldest waiting units once (${mode})`, async () => {
      await expectNoFlap({ mode, seed: SEEDS[mode], orders: ORDERS, inFlight: IN_FLIGHT, restock: RESTOCK, searchLagMs: SEARCH_LAG_MS });
    }, 300_000);
  }
});
