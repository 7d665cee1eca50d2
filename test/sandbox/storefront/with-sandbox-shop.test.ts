/** The storefront and the webhook dispatcher against the real SandboxShop, end to end over HTTP. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterEach, expect, it } from "vitest";
import { setMetafields } from "../state/admin-ops";
import { SandboxShop } from "../state/shop";
import { createWebhookDispatcher } from "../webhooks/dispatcher";
import { verifyWebhookBody } from "../webhooks/sign";
import { createStorefront } from "./storefront";

const EXTENSIONS = fileURLToPath(new URL("./fixtures/extensions", import.meta.url));
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

it("a shopper's order from the product page reaches the app as a signed orders/create webhook", async () => {
  const shop = new SandboxShop({ now: () => Date.parse("2026-11-20T12:00:00Z") });
  const main = shop.addLocation("Main warehouse");
  const { variantIds } = shop.addProduct({
    title: "Wool Beanie",
    handle: "wool-beanie",
    vendor: "Northwind",
    productType: "Accessories",
    variants: [{ title: "Sand", sku: "BEANIE-SND", price: "29.00", inventoryPolicy: "CONTINUE", stock: { [main]: 0 } }],
  });
  const variantId = variantIds[0] ?? "";
  setMetafields(shop, [{ ownerId: variantId, namespace: "$app:backorder", key: "eta", type: "date", value: "2027-01-15" }]);

  const received: { topic: string; body: string; hmac: string }[] = [];
  const appUrl = await listen(
    createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      req.on("end", () => {
        received.push({ topic: String(req.headers["x-shopify-topic"]), body, hmac: String(req.headers["x-shopify-hmac-sha256"]) });
        res.end();
      });
    }),
  );
  const webhooks = createWebhookDispatcher({
    appUrl,
    apiSecret: "secret",
    apiVersion: "2026-10",
    shopDomain: shop.domain,
    subscriptions: [{ topic: "orders/create", uri: "/webhooks/orders/create" }],
  });
  webhooks.attach(shop);

  const storefront = createStorefront({ shop, extensionsDir: EXTENSIONS, appId: "4242" });
  const base = await listen(createServer((req, res) => void storefront.handle(req, res).then((handled) => handled || res.writeHead(404).end())));

  const page = await (await fetch(`${base}/products/wool-beanie`)).text();
  expect(page).toContain("Expected to ship on 2027-01-15");
  const numericId = variantId.split("/").pop() ?? "";
  const added = await fetch(`${base}/cart/add`, {
    method: "POST",
    body: new URLSearchParams({ id: numericId, quantity: "1", "properties[Backorder terms]": "ok" }),
    redirect: "manual",
  });
  expect(added.status).toBe(303);
  const thanks = await (await fetch(`${base}${added.headers.get("location") ?? ""}`)).text();
  expect(thanks).toContain("<dt>Backorder terms</dt><dd>ok</dd>");

  await webhooks.idle();
  webhooks.close();
  const created = received.find((r) => r.topic === "orders/create");
  expect(created).toBeDefined();
  expect(verifyWebhookBody(created?.body ?? "", "secret", created?.hmac ?? "")).toBe(true);
  const payload = JSON.parse(created?.body ?? "{}") as { email: string; line_items: { properties: unknown }[] };
  expect(payload.email).toBe("shopper@example.com");
  expect(JSON.stringify(payload.line_items[0]?.properties)).toContain("Backorder terms");
});
