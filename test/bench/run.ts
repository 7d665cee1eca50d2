/**
 * `npm run bench`: prints the figures the project is judged by. Sizes can be
 * lowered for a quick look: BENCH_WEBHOOKS=500 BENCH_WAITING_LINES=1000 npm run bench
 * (BENCH_ONLY=ingest stops after the webhook intake).
 */
import { planBucket, SHOPIFY_PLANS } from "../sandbox/admin-api/plans";
import { startInstalledStack } from "../support/engine";
import { benchAdminPages } from "./admin-pages";
import { printClaims } from "./claims";
import { benchBudget, printBudget } from "./budget";
import { benchIngest } from "./ingest";
import { benchRestock, printRestockLatency } from "./restock";
import { benchStorefront } from "./storefront";

const sizeFromEnv = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};

const PLANS = SHOPIFY_PLANS.map((plan) => [`${plan} (${planBucket(plan).restoreRate} points/s)`, planBucket(plan).restoreRate] as const);

async function main() {
  console.info(`Backorder Manager benchmarks — node ${process.version}, ${new Date().toISOString()}\n`);

  const webhooks = sizeFromEnv("BENCH_WEBHOOKS", 5000);
  const rows: Record<string, object> = {};
  const costs: Record<string, object> = {};
  for (const separateWorker of [false, true]) {
    // Installed (the deliveries go the whole way through the worker), the worker's timings as shipped.
    const { stack, db } = await startInstalledStack({ separateWorker, env: { BACKORDER_DIAGNOSTICS: "1", BACKORDER_WORKER_POLL_MS: "1000", BACKORDER_WORKER_LEASE_MS: "60000" } });
    try {
      const ingest = await benchIngest(stack, db, webhooks);
      const name = separateWorker ? "App, worker in its own process (npm run worker)" : "App, worker in a thread of the app process (default)";
      rows[name] = { ...ingest.app, "% of bare Node": ingest.shareOfBareNodePercent };
      rows[`Bare Node http server (read body, 200), beside: ${name}`] = ingest.bareNode;
      costs[name] = {
        "web CPU ms per ack": ingest.webCpuMsPerAck,
        "SQL per delivery (intake)": ingest.sqlPerDelivery.intake,
        "SQL per delivery (intake + worker)": ingest.sqlPerDelivery.withWorker ?? "another process",
        "longest web stall ms": ingest.longestStallMs,
        "all worked off (s)": ingest.workedOffSeconds,
      };
    } finally {
      await db.$disconnect();
      await stack.stop();
    }
  }
  console.info(`Webhook intake: ${webhooks} signed orders/updated deliveries, 32 at a time; ms per request and requests per second`);
  console.table(rows);
  console.info("What an ack costs, and the web thread's longest event-loop stall from the burst's start until the worker finished it (goals: ≤ 0.5 ms CPU per ack, ≥ 50 % of bare Node, stall ≤ 100 ms)");
  console.table(costs);
  if (process.env.BENCH_ONLY === "ingest") return;

  await printClaims();

  const restock = await benchRestock(sizeFromEnv("BENCH_WAITING_LINES", 10_000));
  console.info(`\nRestock releasing ${restock.waitingLines} waiting lines (one unit per order), sandbox bucket unthrottled`);
  console.table({ "Hold (resync finds and holds them)": restock.hold, "Restock (releases them)": restock.restock });
  printRestockLatency(restock);
  console.info("Throttle-bound time on Shopify plans for the restock (cost points / restore rate):");
  console.table(Object.fromEntries(PLANS.map(([plan, rate]) => [plan, { seconds: Math.round(restock.restock.costPoints / rate) }])));

  const waitingSizes = (process.env.BENCH_BUDGET_WAITING ?? "10,100,1000").split(",").map(Number).filter((k) => Number.isInteger(k) && k > 0);
  printBudget(await benchBudget({ waitingSizes, orders: sizeFromEnv("BENCH_BUDGET_ORDERS", 1000) }));

  const storefront = await benchStorefront();
  const lighthouse = storefront.lighthouse;
  console.info("\nStorefront: the theme app extension on the sandbox product page of a back-ordered variant; bytes, raw and gzip (level 6)");
  console.table(storefront.bytes);
  console.info(`Lighthouse ${lighthouse.version} performance, ${lighthouse.formFactor} preset (simulated throttling), Debian Chromium, median of ${lighthouse.runsEach} runs each, ${lighthouse.seconds} s; without = no app block or embed`);
  console.table({ "With the extension": lighthouse.withExtension, "Without it": lighthouse.withoutExtension, "Delta (with − without)": lighthouse.delta });
  if (lighthouse.foreignRequests.length > 0) console.warn(`Chromium requested outside the sandbox: ${lighthouse.foreignRequests.join(", ")}`);

  const admin = await benchAdminPages({ variants: sizeFromEnv("BENCH_VARIANTS", 50_000), waitingLines: sizeFromEnv("BENCH_ADMIN_WAITING_LINES", 10_000) });
  console.info(`\nAdmin pages in the sandbox admin shell, ${admin.variants} variants and ${admin.waitingLines} waiting lines, Debian Chromium (no throttling), median of ${admin.runsEach} fresh loads, ${admin.seconds} s; ms, server = document TTFB in the app frame`);
  console.table({
    "Home (/app)": { lcpMs: admin.home.lcpMs, cls: admin.home.cls, serverMs: admin.home.serverTtfbMs },
    "Variants list (/app/variants)": { lcpMs: admin.variantsList.lcpMs, cls: admin.variantsList.cls, serverMs: admin.variantsList.serverTtfbMs, "sort by Value → new first row (ms)": admin.variantsList.sortByValueMs, "filter by a vendor → new rows (ms)": admin.variantsList.filterByVendorMs },
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
