/**
 * `npm run reliability`: the app under hostile input and load, built as it ships, against the
 * sandbox. Prints what was refused and written, open files and memory around a webhook burst,
 * what a customers/redact left behind, and what kill -9 during a restock lost or doubled.
 * RELIABILITY_WEBHOOKS sets the burst's size [20000]; RELIABILITY_ORDERS the orders waiting for
 * each restock [200]; RELIABILITY_KILLS the kills during each [30]; RELIABILITY_SEED their timing [1].
 * RELIABILITY_BURST_SEEDS sets how many seeds of issue 18's order burst run per mode and search
 * lag [4] (test/engine/burst-orders.test.ts runs two per mode).
 */
import setup from "../support/global-setup";
import { startInstalledStack, settle } from "../support/engine";
import { FULFILMENT_MODES } from "../../app/models/settings.server";
import { measureReliability, reliabilityProblems } from "./measure";
import { burstProblems, runBurst, type BurstOptions } from "../support/order-burst";

/** Issue 18's burst over many seeds: 200 orders at 32 in flight, duplicated and reordered webhooks, search lag. */
async function sweepOrderBursts(seeds: number): Promise<string[]> {
  const problems: string[] = [];
  console.info(`Order bursts (200 orders, 32 in flight, webhooks duplicated and reordered), restock of 37, ${seeds} seeds per mode and search lag`);
  for (const mode of FULFILMENT_MODES) {
    for (const searchLagMs of [300, 2_000]) {
      for (let seed = 100; seed < 100 + seeds; seed++) {
        const options: BurstOptions = { mode, seed, orders: 200, inFlight: 32, restock: 37, searchLagMs };
        const result = await runBurst(options);
        const found = burstProblems(options, result);
        const { seconds, adminApi } = result;
        console.info(
          `  ${mode.padEnd(21)} lag ${String(searchLagMs).padStart(4)} ms seed ${seed}: ${result.waitingOrderIds.length} waiting, ${result.beforeRestock.requests} releases before the restock, ${result.releasedOrderIds.length} released after it; ` +
            `${seconds.settle} s to settle, ${seconds.restock} s for the restock, ${adminApi.requests} Admin requests (${adminApi.costPoints} points)${found.length > 0 ? `\n    ${found.join("\n    ")}` : ""}`,
        );
        problems.push(...found.map((problem) => `burst ${mode} seed ${seed}: ${problem}`));
      }
    }
  }
  return problems;
}

async function main() {
  const started = performance.now();
  const webhooks = Number(process.env.RELIABILITY_WEBHOOKS ?? 20_000);
  const crashes = {
    modes: FULFILMENT_MODES,
    orders: Number(process.env.RELIABILITY_ORDERS ?? 200),
    kills: Number(process.env.RELIABILITY_KILLS ?? 30),
    seed: Number(process.env.RELIABILITY_SEED ?? 1),
  };
  await setup(); // builds the app when a source is newer than the build
  console.info(`Backorder Manager reliability — node ${process.version}, ${new Date().toISOString()}\n`);
  const { stack, db } = await startInstalledStack();
  try {
    const figures = await measureReliability(stack, db, { webhooks, crashes }, (timeoutMs) => settle(stack, db, timeoutMs));
    const { hostile, burst, redact } = figures;
    console.info("Hostile deliveries (not acted on / sent)");
    console.info(`  forged, malformed or misrouted: ${hostile.forged.refused} / ${hostile.forged.sent}`);
    console.info(`  oversized (413):                ${hostile.oversized.refused} / ${hostile.oversized.sent}`);
    console.info(`  replayed to destructive routes: ${hostile.replayed.refused} / ${hostile.replayed.sent}`);
    console.info(`  rows written or removed:        ${hostile.rowsWritten}\n`);
    console.info(`Burst of ${burst.webhooks} signed webhooks after a warm-up of a tenth of that (stored and worked off in ${burst.seconds} s)`);
    console.info(`  open files on the database: ${burst.openFiles.before} before, ${burst.openFiles.half} halfway, ${burst.openFiles.after} after`);
    console.info(`  resident memory:            ${burst.rssMb.before} MB before, ${burst.rssMb.half} MB halfway, ${burst.rssMb.after} MB after`);
    console.info(`  non-2xx answers:            ${burst.non2xx}`);
    console.info(`  lost deliveries:            ${burst.lost}\n`);
    console.info(`customers/redact after a data request, then a search of all ${redact.tables} tables for the name and email`);
    console.info(`  places found before the redaction: ${redact.placesBefore}`);
    console.info(`  places found after it:             ${redact.hits.length}${redact.hits.map((hit) => `\n    ${hit.table}.${hit.column}: ${hit.count} rows`).join("")}\n`);
    console.info(`kill -9 during a restock of ${crashes.orders} waiting orders in each mode (seed ${crashes.seed})`);
    for (const crash of figures.crashes) {
      console.info(`  ${crash.mode.padEnd(21)} ${crash.kills} of ${crash.planned} kills mid-restock, ${crash.units} units: ${crash.lost} lost, ${crash.doubled} doubled, ${crash.deadLetters} dead letters`);
    }
    console.info("");
    const burstIssues = await sweepOrderBursts(Number(process.env.RELIABILITY_BURST_SEEDS ?? 4));
    console.info(`\nWall time: ${Math.round((performance.now() - started) / 1000)} s`);
    const problems = [...reliabilityProblems(figures), ...burstIssues];
    if (problems.length > 0) {
      console.error(`\nNot reliable: ${problems.join("; ")}`);
      process.exitCode = 1;
    }
  } finally {
    await db.$disconnect();
    await stack.stop();
  }
}

await main();
