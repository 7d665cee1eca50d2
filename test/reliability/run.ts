/**
 * `npm run reliability`: the app under hostile input and load, built as it ships, against the
 * sandbox. Prints what was refused and written, and open files and memory around a webhook burst.
 * RELIABILITY_WEBHOOKS sets the burst's size [20000].
 */
import setup from "../support/global-setup";
import { startInstalledStack, settle } from "../support/engine";
import { measureReliability, reliabilityProblems } from "./measure";

async function main() {
  const webhooks = Number(process.env.RELIABILITY_WEBHOOKS ?? 20_000);
  setup(); // builds the app when a source is newer than the build
  console.info(`Backorder Manager reliability — node ${process.version}, ${new Date().toISOString()}\n`);
  const { stack, db } = await startInstalledStack();
  try {
    const figures = await measureReliability(stack, db, webhooks, (timeoutMs) => settle(stack, db, timeoutMs));
    const { hostile, burst } = figures;
    console.info("Hostile deliveries (not acted on / sent)");
    console.info(`  forged, malformed or misrouted: ${hostile.forged.refused} / ${hostile.forged.sent}`);
    console.info(`  oversized (413):                ${hostile.oversized.refused} / ${hostile.oversized.sent}`);
    console.info(`  replayed to destructive routes: ${hostile.replayed.refused} / ${hostile.replayed.sent}`);
    console.info(`  rows written or removed:        ${hostile.rowsWritten}\n`);
    console.info(`Burst of ${burst.webhooks} signed webhooks after a warm-up of a tenth of that (stored and worked off in ${burst.seconds} s)`);
    console.info(`  open files on the database: ${burst.openFiles.before} before, ${burst.openFiles.half} halfway, ${burst.openFiles.after} after`);
    console.info(`  resident memory:            ${burst.rssMb.before} MB before, ${burst.rssMb.half} MB halfway, ${burst.rssMb.after} MB after`);
    console.info(`  non-2xx answers:            ${burst.non2xx}`);
    console.info(`  lost deliveries:            ${burst.lost}`);
    const problems = reliabilityProblems(figures);
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
