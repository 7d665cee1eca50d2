import type { PrismaClient, ShopSettings } from "@prisma/client";
import type { AdminClient } from "../shopify/admin-client.server";
import { logActivity, type ActivityEntry } from "./activity.server";
import { enqueueJob, type JobKey } from "../jobs/job-queue.server";
import { todayIn } from "./settings.server";

/** What one unit of engine work needs: the database, the shop's Admin API, its settings. */
export interface EngineContext {
  db: PrismaClient;
  shop: string;
  admin: AdminClient;
  settings: ShopSettings;
  /** What caused this work (a webhook id, "reconcile", "merchant"), for the activity log. */
  source: string | null;
  today: string;
  log(entry: ActivityEntry): Promise<void>;
  /** Asks for more work, caused by this work; `delayMs` lets a burst of triggers become one run. */
  enqueue(key: Omit<JobKey, "shop">, options?: { delayMs?: number }): Promise<void>;
}

export function activityLogger(db: PrismaClient, shop: string, source: string | null) {
  return (entry: ActivityEntry) => logActivity(db, shop, source, entry);
}

/** The context for one shop's work, whether a job or a merchant's action caused it. */
export function engineContext(input: { db: PrismaClient; shop: string; admin: AdminClient; settings: ShopSettings; source: string | null }): EngineContext {
  const { db, shop, source } = input;
  return {
    ...input,
    today: todayIn(input.settings.timezone),
    log: activityLogger(db, shop, source),
    enqueue: (key, options) =>
      enqueueJob(db, { shop, ...key }, { ...(source ? { source } : {}), ...(options?.delayMs ? { runAfter: new Date(Date.now() + options.delayMs) } : {}) }),
  };
}
