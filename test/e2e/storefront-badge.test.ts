/**
 * The whole path a shopper sees: the shop sells out, the real app (webhooks,
 * worker, Admin API) marks the variant, and the sandbox storefront's product
 * page shows the badge from the theme app extension; a restock takes it away.
 */
import { expect, it } from "vitest";
import { stackForThisFile } from "../support/installed-stack";
import { openAppPage, storyIn } from "../support/shop-story";
import { addDays } from "../../app/domain/restock-eta";
import { todayIn } from "../../app/engine/settings.server";

const t = stackForThisFile({ browser: true });
const { addVariant, buy, variantOf } = storyIn(t.shop);

const longDate = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`).toLocaleDateString("en-US", { month: "long", day: "numeric", year: "numeric", timeZone: "UTC" });

const productPage = async (handle: string) => (await fetch(`${t.stack.sandbox.url}/products/${handle}`)).text();
/** The server-rendered badge region of the block, without the per-variant JSON. */
const badgeOf = (html: string) => /<[^>]*aria-live="polite"[^>]*>([\s\S]*?)<\/(?:div|p|span)>/.exec(html)?.[1]?.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim() ?? "";

it("shows the badge the engine decided on, and removes it on restock", async () => {
  const shop = t.shop();
  const warehouse = shop.addLocation("Warehouse");
  // Its handle, badge-kettle, comes from the title.
  const variant = addVariant("Badge Kettle", warehouse, 1);
  await t.settle();
  expect(badgeOf(await productPage("badge-kettle"))).toBe("");

  buy(variant, "First");
  await t.settle();
  const shipsOn = (await t.db.trackedVariant.findFirstOrThrow({ where: { variantId: variant } })).nextShipsOn!;
  const expected = longDate(shipsOn);
  const badge = badgeOf(await productPage("badge-kettle"));
  expect(badge).toContain("Back-order");
  expect(badge).toContain(`Ships by ${expected}`);

  shop.receiveStock(variant, warehouse, 5);
  await t.settle();
  expect(badgeOf(await productPage("badge-kettle"))).toBe("");
}, 60_000);

it("a restock date the merchant sets in bulk in the admin reaches the shopper's badge", async () => {
  const shop = t.shop();
  const warehouse = shop.addLocation("Bulk Warehouse");
  // Handles bulk-teapot and bulk-saucer, from the titles.
  const teapot = addVariant("Bulk Teapot", warehouse);
  const saucer = addVariant("Bulk Saucer", warehouse);
  await t.settle();
  const settings = await t.db.shopSettings.findUniqueOrThrow({ where: { shop: shop.domain } });
  const restockDate = addDays(todayIn(settings.timezone), 30);

  const { page, app } = await openAppPage(t.browser, t.stack, "/app/variants?q=Bulk");
  for (const title of ["Bulk Teapot", "Bulk Saucer"]) await app.getByRole("row", { name: new RegExp(title) }).getByRole("checkbox").check({ force: true });
  await app.getByRole("button", { name: "Set restock date" }).click();
  await app.getByLabel("Restock date (2)").fill(restockDate);
  await app.getByRole("button", { name: "Apply" }).click();
  await page.getByText(/^Saved/).first().waitFor({ timeout: 30_000 });
  await page.close();
  await t.settle();

  const shipsOn = addDays(restockDate, settings.handlingDays);
  for (const [variant, handle] of [[teapot, "bulk-teapot"], [saucer, "bulk-saucer"]] as const) {
    const stored = variantOf(variant).metafields.find((m) => m.key === "ships_on");
    expect(stored?.value).toBe(shipsOn);
    expect(badgeOf(await productPage(handle))).toContain(`Ships by ${longDate(shipsOn)}`);
  }
}, 90_000);
