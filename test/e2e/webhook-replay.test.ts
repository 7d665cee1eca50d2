/**
 * Signed bodies re-sent by someone who captured them: Shopify's HMAC covers only the body, so the
 * route, the shop and the time are checked too before anything is removed.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { installApp } from "../support/engine";
import { stackForThisFile } from "../support/installed-stack";
import { storyIn } from "../support/shop-story";
import { postWebhook, webhookHeaders } from "../support/signed-webhook";

const t = stackForThisFile();
const shop = t.shop;
const { addVariant, buy } = storyIn(shop);
let warehouse: string;

const send = (route: string, body: string, overrides: Record<string, string | null> = {}) =>
  postWebhook(t.stack.appUrl, route, body, webhookHeaders(route, shop().domain, body, overrides));

/** What a wipe or an uninstall would take away. */
async function shopFootprint() {
  const domain = shop().domain;
  return {
    sessions: await t.db.session.count({ where: { shop: domain } }),
    tracked: await t.db.trackedVariant.count({ where: { shop: domain } }),
    lines: await t.db.backorderLine.count({ where: { shop: domain } }),
    uninstalled: (await t.db.shopSettings.findUniqueOrThrow({ where: { shop: domain } })).uninstalledAt !== null,
  };
}

beforeAll(async () => {
  warehouse = shop().addLocation("Warehouse");
  const kettle = addVariant("Replay Kettle", warehouse, 0, "CONTINUE");
  addVariant("Replay Lamp", warehouse, 0);
  await t.settle();
  buy(kettle, "Ada", 2);
  await t.settle();
});

describe("destructive webhooks are believed only when they are what they say", () => {
  it("refuses a captured order body re-sent to app/uninstalled or shop/redact, or naming another shop, and keeps everything", async () => {
    const before = await shopFootprint();
    expect(before.sessions).toBeGreaterThan(0);
    expect(before.tracked).toBeGreaterThan(0);
    const deliveries = await t.db.webhookDelivery.count();
    const captured = (await t.db.webhookDelivery.findFirstOrThrow({ where: { topic: "orders/create" } })).payload;

    for (const route of ["app/uninstalled", "shop/redact"]) {
      expect(await send(route, captured)).toBe(400);
      expect(await send(route, captured, { "X-Shopify-Topic": "orders/create" })).toBe(400);
    }
    const otherShop = "someone-else.myshopify.com";
    expect(await send("shop/redact", JSON.stringify({ shop_id: 2, shop_domain: otherShop }))).toBe(400);
    expect(await send("app/uninstalled", JSON.stringify({ id: 2, myshopify_domain: otherShop, domain: otherShop }))).toBe(400);
    expect(await send("customers/redact", JSON.stringify({ shop_id: 2, shop_domain: otherShop, customer: { id: 1, email: "ada@example.com" }, orders_to_redact: [] }))).toBe(400);
    // The shop's own uninstall body sent to the redact route is refused too.
    expect(await send("shop/redact", JSON.stringify({ id: 1, myshopify_domain: shop().domain }))).toBe(400);

    await t.settle();
    expect(await shopFootprint()).toEqual(before);
    expect(await t.db.webhookDelivery.count()).toBe(deliveries);
  });

  it("ignores an app/uninstalled or shop/redact from before a reinstall, whatever time its headers claim", async () => {
    t.stack.sandbox.lifecycle.uninstall();
    await t.settle();
    const uninstall = await t.db.webhookDelivery.findFirstOrThrow({ where: { topic: "app/uninstalled" } });
    expect((await shopFootprint()).sessions).toBe(0);

    await installApp(t.stack);
    await t.settle();
    const reinstalled = await shopFootprint();
    expect(reinstalled).toMatchObject({ uninstalled: false });
    expect(reinstalled.sessions).toBeGreaterThan(0);
    const deliveries = await t.db.webhookDelivery.count();

    const redact = JSON.stringify({ shop_id: 1, shop_domain: shop().domain });
    const then = uninstall.triggeredAt!.toISOString();
    // As first sent (its own time), and with a fresh time and id as a replayer would set them.
    for (const triggeredAt of [then, new Date().toISOString()]) {
      expect(await send("app/uninstalled", uninstall.payload, { "X-Shopify-Triggered-At": triggeredAt })).toBe(200);
      expect(await send("shop/redact", redact, { "X-Shopify-Triggered-At": triggeredAt })).toBe(200);
    }
    await t.settle();
    expect(await shopFootprint()).toEqual(reinstalled);
    expect(await t.db.webhookDelivery.count()).toBe(deliveries);
  });
});
