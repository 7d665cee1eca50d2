/**
 * A burst of signed webhooks against the app: whether every one is answered 2xx and stored, and
 * whether the app's open files on the database and its memory stay where they were once the
 * burst has been worked off.
 */
import crypto from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { timedPool } from "../bench/stats";
import { postWebhook, webhookHeaders } from "../support/signed-webhook";
import type { Stack } from "../support/stack";
import { openDatabaseFiles, residentMegabytes } from "./process-usage";

export interface BurstFigures {
  webhooks: number;
  /** Once warmed up, halfway through the burst, and at its end. */
  openFiles: { before: number; half: number; after: number };
  rssMb: { before: number; half: number; after: number };
  non2xx: number;
  /** Sent and not in the inbox. */
  lost: number;
  seconds: number;
}

/** An orders/updated for variants the app does not manage: stored, worked off by a job, no Admin call. */
function orderUpdate(index: number): string {
  return JSON.stringify({
    id: 9_000_000 + index,
    admin_graphql_api_id: `gid://shopify/Order/${9_000_000 + index}`,
    name: `#R${index}`,
    updated_at: new Date().toISOString(),
    line_items: [{ id: index, variant_id: 990_000 + (index % 50), quantity: 1 }],
  });
}

async function fire(stack: Stack, count: number, firstIndex: number): Promise<{ non2xx: number; ids: string[] }> {
  const shop = stack.sandbox.shop.domain;
  const ids: string[] = [];
  let non2xx = 0;
  await timedPool(count, 32, async (offset) => {
    const body = orderUpdate(firstIndex + offset);
    const webhookId = crypto.randomUUID();
    ids.push(webhookId);
    // A refused connection counts as non-2xx like any error status.
    const status = await postWebhook(stack.appUrl, "orders/updated", body, webhookHeaders("orders/updated", shop, body, { "X-Shopify-Webhook-Id": webhookId })).catch(() => 0);
    if (status < 200 || status >= 300) non2xx++;
  });
  return { non2xx, ids };
}

async function storedAmong(db: PrismaClient, ids: readonly string[]): Promise<number> {
  let stored = 0;
  for (let start = 0; start < ids.length; start += 500) stored += await db.webhookDelivery.count({ where: { webhookId: { in: ids.slice(start, start + 500) } } });
  return stored;
}

/**
 * Warms up on a tenth of the burst (modules, JIT, caches, the heap's working size), then fires the
 * burst in two halves, each worked off before measuring: a leak grows with traffic, so the second
 * half adds as much as the first; a heap that only found its size does not grow again.
 */
export async function webhookBurst(stack: Stack, db: PrismaClient, count: number, settle: () => Promise<void>): Promise<BurstFigures> {
  const pid = stack.appPid();
  const measure = () => ({ files: openDatabaseFiles(pid, stack.dbFile), rss: residentMegabytes(pid) });
  const warmUp = Math.max(200, Math.round(count / 10));
  await fire(stack, warmUp, 0);
  await settle();
  const before = measure();
  const started = performance.now();
  const firstHalf = Math.floor(count / 2);
  const first = await fire(stack, firstHalf, warmUp);
  await settle();
  const half = measure();
  const second = await fire(stack, count - firstHalf, warmUp + firstHalf);
  await settle();
  const after = measure();
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  const stored = await storedAmong(db, [...first.ids, ...second.ids]);
  return {
    webhooks: count,
    openFiles: { before: before.files, half: half.files, after: after.files },
    rssMb: { before: before.rss, half: half.rss, after: after.rss },
    non2xx: first.non2xx + second.non2xx,
    lost: count - stored,
    seconds,
  };
}
