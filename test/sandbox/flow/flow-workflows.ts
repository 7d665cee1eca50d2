/**
 * The merchant's Shopify Flow workflows, as far as the app can tell: which of the app's triggers an
 * enabled workflow starts with. Enabling or disabling one sends the app's trigger lifecycle callback
 * (https://shopify.dev/docs/apps/build/flow/track-lifecycle-events): a POST of
 * `{ flow_trigger_definition_id, has_enabled_flow, shop_id, shopify_domain, timestamp }` to the `url` of
 * the app's `flow_trigger_lifecycle_callback` extension (a relative url is resolved against the app's URL,
 * https://shopify.dev/changelog/shopify-flow-flow-trigger-lifecycle-callback-extensions-now-support-relative-url-paths),
 * signed like a webhook in X-Shopify-Hmac-SHA256. "If it doesn't promptly receive a response or receives a
 * response with an HTTP status code that isn't 2xx, then the merchant can't enable the workflow": an
 * enable the app refuses leaves it disabled. "Promptly" has no figure in the docs: the sandbox gives the
 * webhook limits (1 s to connect, 5 s in all). The docs do not say what the id holds for a CLI extension;
 * the sandbox sends the trigger's handle. A disable is recorded whatever the app answers (the docs only
 * block enabling). A test may set `timestamp` to replay an older callback, as a late delivery would:
 * that sends the callback and leaves the workflows as they are.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";
import { HttpError, readJsonObject, sendJson, type Router } from "../http/router";
import { SandboxError } from "../state/contract";
import { httpPoster } from "../webhooks/post";
import { signWebhookBody } from "../webhooks/sign";
import type { FlowTriggers } from "./flow-triggers";

export interface FlowWorkflowChange {
  handle: string;
  enabled: boolean;
  /** The callback's timestamp (ISO): the shop's clock, always later than the last one, unless given for a late delivery. */
  timestamp?: string;
}

export interface FlowWorkflowAnswer {
  /** The app's HTTP status, or null when it gave none in time. */
  status: number | null;
  enabled: boolean;
}

export interface FlowWorkflows {
  enabledHandles(): string[];
  change(change: FlowWorkflowChange): Promise<FlowWorkflowAnswer>;
}

/** The `url` of the app's `flow_trigger_lifecycle_callback` extension, if it has one. */
export function readLifecycleCallbackUrl(extensionsDir: string, appUrl: string): string | null {
  if (!existsSync(extensionsDir)) return null;
  for (const folder of readdirSync(extensionsDir).sort()) {
    const tomlPath = path.join(extensionsDir, folder, "shopify.extension.toml");
    if (!existsSync(tomlPath)) continue;
    const extension = (parse(readFileSync(tomlPath, "utf8")) as { extensions?: Record<string, unknown>[] }).extensions?.[0];
    if (extension?.type !== "flow_trigger_lifecycle_callback" || typeof extension.url !== "string") continue;
    // Protocol-relative URLs are not supported (the changelog above): only a single leading slash is relative.
    if (extension.url.startsWith("//")) throw new Error(`${tomlPath}: a relative url starts with a single slash`);
    return extension.url.startsWith("/") ? new URL(extension.url, appUrl).toString() : extension.url;
  }
  return null;
}

export function createFlowWorkflows(options: { extensionsDir: string; appUrl: string; apiSecret: string; shopDomain: string; triggers: FlowTriggers; now: () => number }): FlowWorkflows {
  const enabled = new Set<string>();
  const post = httpPoster({ connectTimeoutMs: 1_000, totalTimeoutMs: 5_000 });
  let lastSent = 0;
  return {
    enabledHandles: () => [...enabled].sort(),
    async change({ handle, enabled: enable, timestamp }) {
      if (!options.triggers.definitions.has(handle)) throw new SandboxError(`No Flow trigger extension with handle ${handle} in this app`, 404);
      const url = readLifecycleCallbackUrl(options.extensionsDir, options.appUrl);
      let status: number | null = null;
      if (url) {
        lastSent = Math.max(options.now(), lastSent + 1);
        const body = JSON.stringify({
          flow_trigger_definition_id: handle,
          has_enabled_flow: enable,
          shop_id: 1,
          shopify_domain: options.shopDomain,
          timestamp: timestamp ?? new Date(lastSent).toISOString(),
        });
        const headers = { "Content-Type": "application/json", "X-Shopify-Hmac-SHA256": signWebhookBody(body, options.apiSecret) };
        ({ status } = await post(url, headers, body, new AbortController().signal));
      }
      const accepted = status !== null && status >= 200 && status < 300;
      // A callback replayed with an older timestamp is a late delivery: Flow's state has moved on.
      if (timestamp !== undefined) return { status, enabled: enabled.has(handle) };
      if (!enable) enabled.delete(handle);
      else if (accepted) enabled.add(handle);
      return { status, enabled: enabled.has(handle) };
    },
  };
}

/** `GET /sandbox/flow/workflows`: the handles with an enabled workflow; `POST` `{ handle, enabled, timestamp? }` changes one. */
export function registerFlowWorkflowRoutes(router: Router, workflows: FlowWorkflows): void {
  router.on("GET", "/sandbox/flow/workflows", ({ res }) => sendJson(res, 200, { enabled: workflows.enabledHandles() }));
  router.on("POST", "/sandbox/flow/workflows", async ({ req, res }) => {
    const body = await readJsonObject(req);
    const { handle, enabled, timestamp } = body;
    if (typeof handle !== "string" || typeof enabled !== "boolean") throw new HttpError(400, "Give { handle: string, enabled: boolean, timestamp?: ISO string }");
    if (timestamp !== undefined && (typeof timestamp !== "string" || Number.isNaN(Date.parse(timestamp)))) throw new HttpError(400, "timestamp must be an ISO date and time");
    sendJson(res, 200, await workflows.change({ handle, enabled, ...(timestamp !== undefined ? { timestamp } : {}) }));
  });
}
