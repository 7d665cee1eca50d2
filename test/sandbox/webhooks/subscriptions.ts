/** Reads the webhook subscriptions the app declares in its shopify.app.toml. */
import { readFileSync } from "node:fs";
import { parse } from "smol-toml";

export interface WebhookSubscription {
  topic: string;
  /** As written in the toml: relative to the app URL ("/webhooks/...") or absolute. */
  uri: string;
  /** X-Shopify-Name; Shopify falls back to the topic when a subscription has no name. */
  name: string;
  compliance: boolean;
}

export interface AppWebhookConfig {
  apiVersion: string | null;
  subscriptions: WebhookSubscription[];
}

export function readWebhookConfig(tomlPath: string): AppWebhookConfig {
  return parseWebhookConfig(readFileSync(tomlPath, "utf8"));
}

export function readSubscriptions(tomlPath: string): WebhookSubscription[] {
  return readWebhookConfig(tomlPath).subscriptions;
}

export function parseWebhookConfig(tomlText: string): AppWebhookConfig {
  const doc = parse(tomlText) as Record<string, unknown>;
  const webhooks = asRecord(doc["webhooks"]);
  const apiVersion = typeof webhooks["api_version"] === "string" ? webhooks["api_version"] : null;
  const entries = Array.isArray(webhooks["subscriptions"]) ? webhooks["subscriptions"] : [];
  const subscriptions: WebhookSubscription[] = [];
  for (const raw of entries) {
    const entry = asRecord(raw);
    const uri = entry["uri"];
    if (typeof uri !== "string") throw new Error("shopify.app.toml: a [[webhooks.subscriptions]] entry has no uri");
    const name = typeof entry["name"] === "string" ? entry["name"] : undefined;
    for (const topic of strings(entry["topics"])) subscriptions.push({ topic, uri, name: name ?? topic, compliance: false });
    for (const topic of strings(entry["compliance_topics"])) subscriptions.push({ topic, uri, name: name ?? topic, compliance: true });
  }
  return { apiVersion, subscriptions };
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}
