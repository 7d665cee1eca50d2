/**
 * Shopify Flow's trigger lifecycle callbacks (https://shopify.dev/docs/apps/build/flow/track-lifecycle-events):
 * when a merchant enables or disables a workflow that starts with one of the app's triggers, Flow POSTs
 * `{ flow_trigger_definition_id, has_enabled_flow, shop_id, shopify_domain, timestamp }` to the URL of the
 * app's `flow_trigger_lifecycle_callback` extension (extensions/backorder-flow-lifecycle). "Notifications with
 * newer timestamps should take precedence": an older one than the stored state is ignored. The app records
 * and sends a trigger only while the shop has an enabled workflow for its handle (flow-triggers.server.ts).
 */
import type { PrismaClient } from "@prisma/client";
import { isUniqueViolation } from "../db-errors.server";
import { FLOW_TRIGGER_HANDLES } from "./flow-triggers.server";

export interface LifecycleCallback {
  shop: string;
  handle: string;
  enabled: boolean;
  at: Date;
}

/**
 * The docs' example id is a trigger's title ("Add row to spreadsheet"), so a title names its handle too;
 * anything else (the handle) is kept as sent. Read at call time: this module and flow-triggers import each other.
 */
function handleOf(definitionId: string): string {
  const byTitle: Record<string, string> = {
    "Backorder started": FLOW_TRIGGER_HANDLES.started,
    "Backorder date changed": FLOW_TRIGGER_HANDLES.dateChanged,
    "Backorder released": FLOW_TRIGGER_HANDLES.released,
  };
  return byTitle[definitionId] ?? definitionId;
}
const MYSHOPIFY_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

/** A callback's body, or null when it is not one. */
export function parseLifecycleCallback(body: unknown): LifecycleCallback | null {
  if (!body || typeof body !== "object" || Array.isArray(body)) return null;
  const { flow_trigger_definition_id: id, has_enabled_flow: enabled, shopify_domain: shop, timestamp } = body as Record<string, unknown>;
  if (typeof id !== "string" || id === "" || typeof enabled !== "boolean" || typeof shop !== "string" || !MYSHOPIFY_DOMAIN.test(shop)) return null;
  const at = typeof timestamp === "string" ? new Date(timestamp) : null;
  if (!at || Number.isNaN(at.getTime())) return null;
  return { shop, handle: handleOf(id), enabled, at };
}

/** Stores the callback unless a newer (or as new) one is stored already; says whether it changed anything. */
export async function recordWorkflowState(db: PrismaClient, callback: LifecycleCallback): Promise<boolean> {
  const { shop, handle, enabled, at } = callback;
  try {
    await db.flowWorkflowState.create({ data: { shop, handle, enabled, changedAt: at } });
    return true;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  // A conditional write: two callbacks at once cannot let the older one win.
  const { count } = await db.flowWorkflowState.updateMany({ where: { shop, handle, changedAt: { lt: at } }, data: { enabled, changedAt: at } });
  return count > 0;
}

/** The handles the shop has an enabled workflow for. */
export async function enabledFlowHandles(db: PrismaClient, shop: string): Promise<Set<string>> {
  const rows = await db.flowWorkflowState.findMany({ where: { shop, enabled: true }, select: { handle: true } });
  return new Set(rows.map((row) => row.handle));
}
