/** The reliability figures and what counts as failing them, shared by `npm run reliability` and its short form in the tests. */
import type { PrismaClient } from "@prisma/client";
import type { FulfilmentMode } from "../../app/domain/hold-plan";
import { countRestockOutcome, restockThroughCrashes, type RestockCrashFigures } from "../support/restock-crashes";
import { storyIn } from "../support/shop-story";
import type { Stack } from "../support/stack";
import { webhookBurst, type BurstFigures } from "./burst";
import { sendHostileDeliveries, type HostileFigures } from "./hostile";
import { redactAndSearch, type RedactFigures } from "./redact-search";

export interface ReliabilityFigures {
  hostile: HostileFigures;
  burst: BurstFigures;
  redact: RedactFigures;
  crashes: RestockCrashFigures[];
}

export interface ReliabilityOptions {
  webhooks: number;
  /** A restock of `orders` waiting orders in each mode, with `kills` SIGKILLs spread over it. */
  crashes: { modes: readonly FulfilmentMode[]; orders: number; kills: number; seed: number };
}

/** Resident memory moves with the garbage collector's timing; a leak grows with every half of the burst. */
const RSS_SLACK_MB = 64;

export async function measureReliability(stack: Stack, db: PrismaClient, options: ReliabilityOptions, settle: (timeoutMs?: number) => Promise<void>): Promise<ReliabilityFigures> {
  // A shop with something to lose: a tracked variant, an order waiting for it.
  const shop = () => stack.sandbox.shop;
  const { addVariant, buy } = storyIn(shop);
  const kettle = addVariant("Reliability Kettle", shop().addLocation("Reliability Warehouse"), 0, "CONTINUE");
  await settle();
  buy(kettle, "Ada", 2);
  await settle();
  const hostile = await sendHostileDeliveries(stack, db, () => settle());
  // Each half is worked off while it arrives; the settle after it has the tail to do.
  const burst = await webhookBurst(stack, db, options.webhooks, () => settle(Math.max(120_000, options.webhooks * 60)));
  const redact = await redactAndSearch(stack, db, () => settle());
  // Last: each kill starts a new app process, which would reset the burst's memory figures.
  const crashes: RestockCrashFigures[] = [];
  for (const [index, mode] of options.crashes.modes.entries()) {
    const run = await restockThroughCrashes({ stack, db, settle }, { mode, orders: options.crashes.orders, kills: options.crashes.kills, seed: options.crashes.seed + index });
    crashes.push(await countRestockOutcome({ stack, db }, mode, run));
  }
  return { hostile, burst, redact, crashes };
}

export function reliabilityProblems({ hostile, burst, redact, crashes }: ReliabilityFigures): string[] {
  const problems: string[] = [];
  for (const [kind, { sent, refused }] of Object.entries({ forged: hostile.forged, oversized: hostile.oversized, replayed: hostile.replayed })) {
    if (refused !== sent) problems.push(`${sent - refused} ${kind} deliveries acted on`);
  }
  if (hostile.rowsWritten !== 0) problems.push(`${hostile.rowsWritten} rows written by hostile deliveries`);
  const files = burst.openFiles;
  if (files.half > files.before || files.after > files.before) problems.push(`open files on the database grew: ${files.before}, ${files.half}, ${files.after}`);
  const rss = burst.rssMb;
  if (rss.after - rss.half > RSS_SLACK_MB) problems.push(`memory grew over the second half of the burst: ${rss.half} MB to ${rss.after} MB`);
  if (burst.non2xx > 0) problems.push(`${burst.non2xx} non-2xx answers`);
  if (burst.lost > 0) problems.push(`${burst.lost} deliveries lost`);
  // Finding nothing proves something only if the search found the customer before.
  if (redact.placesBefore === 0) problems.push("the customer was not found even before the redaction");
  if (redact.hits.length > 0) problems.push(`the redacted customer still found in ${redact.hits.map((hit) => `${hit.table}.${hit.column}`).join(", ")}`);
  for (const crash of crashes) {
    if (crash.lost > 0) problems.push(`${crash.lost} orders lost in a crashed restock (${crash.mode})`);
    if (crash.doubled > 0) problems.push(`${crash.doubled} orders released or fulfilled twice in a crashed restock (${crash.mode})`);
    if (crash.deadLetters > 0) problems.push(`${crash.deadLetters} dead letters in a crashed restock (${crash.mode})`);
    if (crash.kills < crash.planned) problems.push(`only ${crash.kills} of ${crash.planned} kills landed before the restock was done (${crash.mode})`);
  }
  return problems;
}
