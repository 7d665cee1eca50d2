/**
 * Webhook intake: how fast the app verifies, stores and acknowledges signed
 * deliveries, beside a bare Node HTTP server (no verification, no storage)
 * measured the same way in the same run; what an acknowledgement costs the web
 * thread (CPU, SQL statements), and the web thread's longest event-loop stall
 * while the burst is received and worked off (the app's /_diagnostics).
 */
import type { PrismaClient } from "@prisma/client";
import type { Diagnostics } from "../../app/diagnostics.server";
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import { ADMIN_API_VERSION } from "../../app/api-version";
import { freePort, stopChild, TEST_APP, waitForHttp, type Stack } from "../support/stack";
import { percentile, round, timedPool } from "./stats";

export interface IngestFigures {
  requests: number;
  concurrency: number;
  app: { p50: number; p99: number; perSecond: number };
  bareNode: { p50: number; p99: number; perSecond: number };
  /** The app's acks per second as a share of the bare server's, in percent. */
  shareOfBareNodePercent: number;
  /** CPU of the web thread over the burst, per delivery (the worker thread's not included). */
  webCpuMsPerAck: number;
  /** SQL statements per delivery: the intake's, and with the worker's (null when the worker is another process). */
  sqlPerDelivery: { intake: number; withWorker: number | null };
  /** The web thread's longest event-loop stall from the burst's start until the worker finished it. */
  longestStallMs: number;
  /** Seconds from the burst's start until the worker finished every job it caused. */
  workedOffSeconds: number;
}

const diagnostics = async (stack: Stack): Promise<Diagnostics> => (await fetch(`${stack.appUrl}/_diagnostics`)).json() as Promise<Diagnostics>;

async function workedOff(db: PrismaClient): Promise<void> {
  while ((await db.job.count({ where: { status: { in: ["pending", "running"] } } })) > 0) await new Promise((resolve) => setTimeout(resolve, 100));
}

/** A realistic orders/updated body (~2 kB) for a variant the app does not manage, so the worker's follow-up stays cheap. */
function orderBody(index: number): string {
  return JSON.stringify({
    id: 900_000 + index,
    admin_graphql_api_id: `gid://shopify/Order/${900_000 + index}`,
    name: `#B${index}`,
    email: `bench${index}@example.com`,
    created_at: new Date().toISOString(),
    updated_at: new Date().toISOString(),
    financial_status: "paid",
    fulfillment_status: null,
    tags: "",
    customer: { id: 1, email: `bench${index}@example.com`, first_name: "Bench", last_name: "Mark" },
    line_items: Array.from({ length: 4 }, (_, line) => ({
      id: index * 10 + line,
      variant_id: 800_000 + line,
      product_id: 700_000 + line,
      title: `Bench product ${line}`,
      sku: `BENCH-${line}`,
      quantity: 1,
      current_quantity: 1,
      price: "19.99",
      fulfillable_quantity: 1,
    })),
  });
}

async function fire(url: string, requests: number, concurrency: number, shop: string) {
  const { durations, elapsedMs } = await timedPool(requests, concurrency, async (index) => {
    const body = orderBody(index);
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-Shopify-Topic": "orders/updated",
        "X-Shopify-Hmac-Sha256": crypto.createHmac("sha256", TEST_APP.apiSecret).update(body).digest("base64"),
        "X-Shopify-Shop-Domain": shop,
        "X-Shopify-API-Version": ADMIN_API_VERSION,
        "X-Shopify-Webhook-Id": crypto.randomUUID(),
        "X-Shopify-Event-Id": crypto.randomUUID(),
        "X-Shopify-Triggered-At": new Date().toISOString(),
      },
      body,
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  });
  return { p50: round(percentile(durations, 50), 2), p99: round(percentile(durations, 99), 2), perSecond: Math.round((requests / elapsedMs) * 1000) };
}

/** The floor: a Node server that reads the body and answers 200, in its own process like the app. */
async function startBareServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const source = `require("node:http").createServer((req, res) => { req.resume(); req.on("end", () => { res.writeHead(200); res.end(); }); }).listen(${port}, "127.0.0.1");`;
  const child = spawn(process.execPath, ["-e", source], { stdio: "ignore", detached: true });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(url, { child });
  return { url, stop: () => stopChild(child) };
}

/** `stack` runs with BACKORDER_DIAGNOSTICS=1; `db` is its database. */
export async function benchIngest(stack: Stack, db: PrismaClient, requests = 5000, concurrency = 32): Promise<IngestFigures> {
  const shop = stack.sandbox.shop.domain;
  const bare = await startBareServer();
  try {
    // Warm both up (JIT, connection pools) before measuring, and let the worker finish the warm-up's jobs.
    await fire(`${stack.appUrl}/webhooks/orders/updated`, 200, concurrency, shop);
    await fire(bare.url, 200, concurrency, shop);
    await workedOff(db);
    // The bare server first, while the app is idle: both get the machine to themselves.
    const bareNode = await fire(bare.url, requests, concurrency, shop);
    const before = await diagnostics(stack);
    const started = performance.now();
    const app = await fire(`${stack.appUrl}/webhooks/orders/updated`, requests, concurrency, shop);
    const acked = await diagnostics(stack);
    await workedOff(db);
    const workedOffSeconds = round((performance.now() - started) / 1000, 1);
    const after = await diagnostics(stack);
    const perDelivery = (count: number) => round(count / requests, 1);
    const worker = after.sqlStatements.worker !== null && before.sqlStatements.worker !== null ? after.sqlStatements.worker - before.sqlStatements.worker : null;
    const intake = acked.sqlStatements.web - before.sqlStatements.web;
    return {
      requests,
      concurrency,
      app,
      bareNode,
      shareOfBareNodePercent: Math.round((app.perSecond / bareNode.perSecond) * 100),
      webCpuMsPerAck: round((acked.webThreadCpuMs - before.webThreadCpuMs) / requests, 3),
      sqlPerDelivery: { intake: perDelivery(intake), withWorker: worker === null ? null : perDelivery(after.sqlStatements.web - before.sqlStatements.web + worker) },
      longestStallMs: round(Math.max(acked.longestStallMs, after.longestStallMs), 1),
      workedOffSeconds,
    };
  } finally {
    await bare.stop();
  }
}
