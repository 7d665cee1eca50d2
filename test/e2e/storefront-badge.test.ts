/**
 * The whole path a shopper sees: the shop sells out, the real app (webhooks,
 * worker, Admin API) marks the variant, and the sandbox storefront's product
 * page shows the badge from the theme app extension; a restock takes it away.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { PrismaClient } from "@prisma/client";
import { launchChromium, openPage } from "../support/browser";
import { settle, startInstalledStack } from "../support/engine";
import { type Stack } from "../support/stack";
import { addDays } from "../../app/domain/restock-eta";
import { todayIn } from "../../app/engine/settings.server";

let stack: Stack;
let db: PrismaClient;
let browser: Browser;

beforeAll(async () => {
  [{ stack, db }, browser] = await Promise.all([startInstalledStack(), launchChromium()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await db?.$disconnect();
  await stack?.stop();
});

const longDate = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`).toLocaleDateString("en-US", { month: "long", day: "numeric", year: "numeric", timeZone: "UTC" });

const productPage = async (handle: string) => (await fetch(`${stack.sandbox.url}/products/${handle}`)).text();
/** The server-rendered badge region of the block, without the per-variant JSON. */
const badgeOf = (html: string) => /<[^>]*aria-live="polite"[^>]*>([\s\S]*?)<\/(?:div|p|span)>/.exec(html)?.[1]?.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim() ?? "";

it("shows the badge the engine decided on, and removes it on restock", async () => {
  const shop = stack.sandbox.shop;
  const warehouse = shop.addLocation("Warehouse");
  const variant = shop.addProduct({ title: "Badge Kettle", handle: "badge-kettle", vendor: "V", productType: "Kitchen", variants: [{ title: "Default Title", sku: "BADGE", price: "30.00", stock: { [warehouse]: 1 } }] }).variantIds[0]!;
  await settle(stack, db);
  expect(badgeOf(await productPage("badge-kettle"))).toBe("");

  shop.placeOrder({ customer: { email: "first@example.com" }, lines: [{ variantId: variant, quantity: 1 }] });
  await settle(stack, db);
  const shipsOn = (await db.trackedVariant.findFirstOrThrow({ where: { variantId: variant } })).nextShipsOn!;
  const expected = longDate(shipsOn);
  const badge = badgeOf(await productPage("badge-kettle"));
  expect(badge).toContain("Back-order");
  expect(badge).toContain(`Ships by ${expected}`);

  shop.receiveStock(variant, warehouse, 5);
  await settle(stack, db);
  expect(badgeOf(await productPage("badge-kettle"))).toBe("");
}, 60_000);

it("a restock date the merchant sets in bulk in the admin reaches the shopper's badge", async () => {
  const shop = stack.sandbox.shop;
  const warehouse = shop.addLocation("Bulk Warehouse");
  const add = (title: string, handle: string) =>
    shop.addProduct({ title, handle, vendor: "V", productType: "Kitchen", variants: [{ title: "Default Title", sku: handle.toUpperCase(), price: "12.00", stock: { [warehouse]: 0 } }] }).variantIds[0]!;
  const teapot = add("Bulk Teapot", "bulk-teapot");
  const saucer = add("Bulk Saucer", "bulk-saucer");
  await settle(stack, db);
  const settings = await db.shopSettings.findUniqueOrThrow({ where: { shop: shop.domain } });
  const restockDate = addDays(todayIn(settings.timezone), 30);

  const page = await openPage(browser);
  await page.goto(stack.sandbox.adminShellUrl("/app/variants?q=Bulk"));
  const app = page.frameLocator("iframe");
  for (const title of ["Bulk Teapot", "Bulk Saucer"]) await app.getByRole("row", { name: new RegExp(title) }).getByRole("checkbox").check({ force: true });
  await app.getByRole("button", { name: "Set restock date" }).click();
  await app.getByLabel("Restock date (2)").fill(restockDate);
  await app.getByRole("button", { name: "Apply" }).click();
  await page.getByText(/^Saved/).first().waitFor({ timeout: 30_000 });
  await page.close();
  await settle(stack, db);

  const shipsOn = addDays(restockDate, settings.handlingDays);
  for (const [variant, handle] of [[teapot, "bulk-teapot"], [saucer, "bulk-saucer"]] as const) {
    const stored = shop.snapshot().variants.find((v) => v.id === variant)!.metafields.find((m) => m.key === "ships_on");
    expect(stored?.value).toBe(shipsOn);
    expect(badgeOf(await productPage(handle))).toContain(`Ships by ${longDate(shipsOn)}`);
  }
}, 90_000);
