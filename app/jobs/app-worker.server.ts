/** The worker as the app runs it: sessions from the app's storage, settings from the environment. */
import { SessionNotFoundError } from "@shopify/shopify-app-remix/server";
import prisma from "../db.server";
import { unauthenticated } from "../shopify.server";
import { createAdminClient, type AdminClient } from "../shopify/admin-client.server";
import { engineContext, type EngineContext } from "../engine/context.server";
import { loadSettings } from "../engine/settings.server";
import { retentionFromEnv } from "./retention.server";
import { startWorker, type Worker } from "./worker.server";

declare global {
  // One worker per process, even when Vite's dev server re-imports this module.
  var backorderWorker: Worker | undefined;
}

const clients = new Map<string, { accessToken: string; client: AdminClient }>();

/** A throttle-aware client per shop, kept across jobs so it remembers the shop's bucket. */
export async function adminForShop(shop: string): Promise<AdminClient | null> {
  try {
    // Loads the offline session and refreshes an expired token.
    const { session } = await unauthenticated.admin(shop);
    const accessToken = session.accessToken;
    if (!accessToken) return null;
    const cached = clients.get(shop);
    if (cached && cached.accessToken === accessToken) return cached.client;
    const client = createAdminClient({ shop, accessToken });
    clients.set(shop, { accessToken, client });
    return client;
  } catch (error) {
    if (error instanceof SessionNotFoundError) return null;
    throw error;
  }
}

/** A context for engine work the merchant starts from the admin: the same client and settings a job gets. */
export async function merchantContext(shop: string): Promise<EngineContext | null> {
  const admin = await adminForShop(shop);
  if (!admin) return null;
  return engineContext({ db: prisma, shop, admin, settings: await loadSettings(prisma, shop), source: "merchant" });
}

const numberFromEnv = (name: string): number | undefined => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : undefined;
};

export function startAppWorker(): Worker {
  globalThis.backorderWorker ??= startWorker({
    db: prisma,
    adminFor: adminForShop,
    pollMs: numberFromEnv("BACKORDER_WORKER_POLL_MS"),
    leaseMs: numberFromEnv("BACKORDER_WORKER_LEASE_MS"),
    concurrency: numberFromEnv("BACKORDER_WORKER_CONCURRENCY"),
    maxAttempts: numberFromEnv("BACKORDER_WORKER_MAX_ATTEMPTS"),
    reconcileEveryMs: (numberFromEnv("BACKORDER_RECONCILE_HOURS") ?? 6) * 3_600_000,
    retention: retentionFromEnv(),
    onError: (error, job) => console.error(`[worker] ${job.kind} ${job.subject} failed:`, (error as Error)?.message ?? error),
  });
  return globalThis.backorderWorker;
}
