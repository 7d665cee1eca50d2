/**
 * The same shop story twice: once with a well-behaved Shopify, once with
 * duplicated, reordered and late webhooks, random 5xx (half of them after the
 * change went through) and a small throttling bucket. The end state must be
 * the same, and no fulfillment order may be held or released twice.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { PrismaClient } from "@prisma/client";
import { openAppDatabase } from "../support/app-database";
import { FAST_WORKER_ENV, installApp } from "../support/engine";
import { runScenario, watchHolds, type ScenarioResult } from "../support/scenario";
import { startStack, type Stack } from "../support/stack";

let running: { stack: Stack; db: PrismaClient } | null = null;

afterEach(async () => {
  await running?.db.$disconnect();
  await running?.stack.stop();
  running = null;
});

async function run(faults: boolean): Promise<{ result: ScenarioResult; holds: Map<string, string[]>; throttled: number; failed: number }> {
  const stack = await startStack({ seed: false, env: FAST_WORKER_ENV });
  const db = openAppDatabase(stack.databaseUrl);
  running = { stack, db };
  const holds = watchHolds(stack);
  await installApp(stack);
  if (faults) {
    stack.sandbox.webhooks.setFaults({ duplicate: 0.3, reorder: true, reorderWindow: 4, delayMs: 15, seed: 11 });
    stack.sandbox.adminApi.setRandomFailures({ rate: 0.15, lostReplies: 0.5, seed: 5 });
    stack.sandbox.adminApi.setThrottle({ maximumAvailable: 1000, restoreRate: 1000 });
  }
  // Another process of the app (the web server, a second worker) spends from the same bucket, at
  // the start (so the app's first request meets an empty bucket it did not empty) and now and then.
  const spend = () => {
    stack.sandbox.adminApi.setThrottle({ maximumAvailable: 1 });
    stack.sandbox.adminApi.setThrottle({ maximumAvailable: 1000 });
  };
  if (faults) spend();
  const drain = faults ? setInterval(spend, 1500) : null;
  const result = await runScenario(stack, db).finally(() => drain && clearInterval(drain));
  const requests = stack.sandbox.adminApiRequests();
  return {
    result,
    holds,
    throttled: requests.filter((r) => r.throttled).length,
    failed: requests.filter((r) => r.status >= 500).length,
  };
}

describe("under Shopify's faults", () => {
  it("ends in the same state as a clean run, holding and releasing each fulfillment order at most once", async () => {
    const clean = await run(false);
    await running!.db.$disconnect();
    await running!.stack.stop();
    running = null;
    // The clean run itself is right: one order still waits for a stove, nothing else is held.
    expect(clean.result.variants.STOVE).toEqual({ policy: "CONTINUE", status: "backorder", shipsOn: true });
    expect(clean.result.variants.LANTERN).toEqual({ policy: "DENY", status: null, shipsOn: false });
    expect(Object.values(clean.result.orders).filter((o) => o.ourHolds > 0)).toHaveLength(1);
    expect(clean.result.lines.filter((l) => l.state === "waiting")).toEqual([expect.objectContaining({ waitingUnits: 1, queuePosition: 1 })]);

    const faulty = await run(true);
    expect(faulty.failed).toBeGreaterThan(0);
    expect(faulty.throttled).toBeGreaterThan(0);
    expect(faulty.result).toEqual(clean.result);
    expect(faulty.holds.size).toBeGreaterThan(0);
    for (const run of [clean, faulty]) {
      for (const [fulfillmentOrder, events] of run.holds) {
        // At most one hold, then at most one release: never held again, never released twice.
        expect(["placed_on_hold", "placed_on_hold,hold_released"], `${fulfillmentOrder}: ${events.join(", ")}`).toContain(events.join(","));
      }
    }
  }, 240_000);
});
