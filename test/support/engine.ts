/**
 * Helpers for tests of the back-order engine running inside the app process:
 * install the app the way Shopify admin does (token exchange on an embedded
 * load), and wait until webhooks, the inbox and the job queue are all quiet.
 */
import type { PrismaClient } from "@prisma/client";
import { buildEmbedUrl } from "../sandbox/admin-shell/embed-url";
import { openAppDatabase } from "./app-database";
import { startStack, TEST_APP, type Stack, type StartStackOptions } from "./stack";

/** Worker settings that keep tests quick: short polls, short leases (so a killed worker's jobs come back fast). */
export const FAST_WORKER_ENV = {
  BACKORDER_WORKER_POLL_MS: "50",
  BACKORDER_WORKER_LEASE_MS: "3000",
} as const;

/** The library answers bots (Node's fetch included) with 410, so requests look like a merchant's browser. */
export const BROWSER_USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

/** Opens the app once as the merchant would; the token exchange stores the offline session and runs afterAuth. */
export async function installApp(stack: Pick<Stack, "appUrl" | "sandbox">): Promise<void> {
  const url = buildEmbedUrl({ appUrl: stack.appUrl, apiSecret: TEST_APP.apiSecret, shop: stack.sandbox.shop.domain, idToken: await stack.sandbox.mintSessionToken() });
  const response = await fetch(url, { headers: { "User-Agent": BROWSER_USER_AGENT } });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`Installing the app: HTTP ${response.status}`);
}

/** Work not yet done: deliveries not turned into jobs, jobs waiting or running. Dead letters count as done. */
export async function outstandingWork(db: PrismaClient): Promise<{ deliveries: number; jobs: { kind: string; subject: string; status: string; lastError: string | null }[] }> {
  const [deliveries, jobs] = await Promise.all([
    db.webhookDelivery.count({ where: { status: "pending" } }),
    db.job.findMany({ where: { status: { in: ["pending", "running"] } }, select: { kind: true, subject: true, status: true, lastError: true } }),
  ]);
  return { deliveries, jobs };
}

/** Waits until the sandbox has delivered every webhook and the app has done all the work they caused. */
export async function settle(stack: Pick<Stack, "sandbox">, db: PrismaClient, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quietChecks = 0;
  let last: Awaited<ReturnType<typeof outstandingWork>> | null = null;
  while (Date.now() < deadline) {
    await stack.sandbox.webhooks.idle();
    last = await outstandingWork(db);
    // Shopify's routing of new orders is work too (a test that holds routing back for minutes is not waited for).
    const routing = stack.sandbox.shop.routing.dueWithin(5_000) || stack.sandbox.shop.shopifyHoldTimers.dueWithin(5_000);
    quietChecks = last.deliveries === 0 && last.jobs.length === 0 && !routing ? quietChecks + 1 : 0;
    // Twice in a row: work done in between may have caused more webhooks.
    if (quietChecks >= 2) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The app did not settle in ${timeoutMs} ms: ${JSON.stringify(last)}`);
}

/** A request to an app route as App Bridge's authenticated fetch makes it: session token, a browser's user agent, a form body. */
export async function appRequest(
  stack: Pick<Stack, "appUrl" | "sandbox">,
  path: string,
  init: { method?: "GET" | "POST"; fields?: Record<string, string | string[]> } = {},
): Promise<{ status: number; contentType: string; text: string }> {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(init.fields ?? {})) for (const item of [value].flat()) body.append(key, item);
  const response = await fetch(`${stack.appUrl}${path}`, {
    method: init.method ?? "GET",
    headers: {
      Authorization: `Bearer ${await stack.sandbox.mintSessionToken()}`,
      "User-Agent": BROWSER_USER_AGENT,
      ...(init.method === "POST" ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
    },
    ...(init.method === "POST" ? { body } : {}),
  });
  return { status: response.status, contentType: response.headers.get("content-type") ?? "", text: await response.text() };
}

/** The sandbox and the built app, installed and settled, with a client on the app's database. */
export async function startInstalledStack(options: StartStackOptions = {}): Promise<{ stack: Stack; db: PrismaClient }> {
  const stack = await startStack({ seed: false, ...options, env: { ...FAST_WORKER_ENV, ...options.env } });
  const db = openAppDatabase(stack.databaseUrl);
  await installApp(stack);
  await settle(stack, db);
  return { stack, db };
}
