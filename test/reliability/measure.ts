/** The reliability figures and what counts as failing them, shared by `npm run reliability` and its short form in the tests. */
import type { PrismaClient } from "@prisma/client";
import { storyIn } from "../support/shop-story";
import type { Stack } from "../support/stack";
import { webhookBurst, type BurstFigures } from "./burst";
import { sendHostileDeliveries, type HostileFigures } from "./hostile";

export interface ReliabilityFigures {
  hostile: HostileFigures;
  burst: BurstFigures;
}

/** Resident memory moves with the garbage collector's timing; a leak grows with every half of the burst. */
const RSS_SLACK_MB = 64;

export async function measureReliability(stack: Stack, db: PrismaClient, webhooks: number, settle: (timeoutMs?: number) => Promise<void>): Promise<ReliabilityFigures> {
  // A shop with something to lose: a tracked variant, an order waiting for it.
  const shop = () => stack.sandbox.shop;
  const { addVariant, buy } = storyIn(shop);
  const kettle = addVariant("Reliability Kettle", shop().addLocation("Reliability Warehouse"), 0, "CONTINUE");
  await settle();
  buy(kettle, "Ada", 2);
  await settle();
  const hostile = await sendHostileDeliveries(stack, db, () => settle());
  // Each half is worked off while it arrives; the settle after it has the tail to do.
  const burst = await webhookBurst(stack, db, webhooks, () => settle(Math.max(120_000, webhooks * 60)));
  return { hostile, burst };
}

export function reliabilityProblems({ hostile, burst }: ReliabilityFigures): string[] {
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
  return problems;
}
