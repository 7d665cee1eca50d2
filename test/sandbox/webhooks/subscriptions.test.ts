import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readSubscriptions, readWebhookConfig } from "./subscriptions";

const fixture = fileURLToPath(new URL("./fixtures/shopify.app.toml", import.meta.url));

describe("readSubscriptions", () => {
  it("lists one entry per topic, compliance topics included", () => {
    expect(readSubscriptions(fixture)).toEqual([
      { topic: "orders/create", uri: "/webhooks/orders", name: "orders/create", compliance: false },
      { topic: "orders/updated", uri: "/webhooks/orders", name: "orders/updated", compliance: false },
      { topic: "orders/create", uri: "/webhooks/orders/create-audit", name: "audit", compliance: false },
      { topic: "customers/redact", uri: "/webhooks/compliance", name: "customers/redact", compliance: true },
      { topic: "shop/redact", uri: "/webhooks/compliance", name: "shop/redact", compliance: true },
    ]);
  });

  it("reads the API version", () => {
    expect(readWebhookConfig(fixture).apiVersion).toBe("2026-10");
  });
});
