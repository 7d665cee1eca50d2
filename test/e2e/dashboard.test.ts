/**
 * The admin home in Chromium: a variant sells out and an order waits in the
 * sandbox shop, the engine records it, and the dashboard shows the figures.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { PrismaClient } from "@prisma/client";
import { launchChromium, openPage } from "../support/browser";
import { settle, startInstalledStack } from "../support/engine";
import { type Stack } from "../support/stack";
import { strings } from "../../app/i18n/strings";
import { todayIn } from "../../app/engine/settings.server";

let stack: Stack;
let browser: Browser;
let db: PrismaClient;

beforeAll(async () => {
  [{ stack, db }, browser] = await Promise.all([startInstalledStack(), launchChromium()]);
}, 120_000);

afterAll(async () => {
  await db?.$disconnect();
  await browser?.close();
  await stack?.stop();
});

describe("the dashboard on the admin home", () => {
  it("shows the back-ordered variant and the waiting order", async () => {
    const shop = stack.sandbox.shop;
    const warehouse = shop.addLocation("Warehouse");
    const { variantIds } = shop.addProduct({
      title: "Dashboard Lamp",
      vendor: "Test Vendor",
      productType: "Gear",
      tags: [],
      variants: [{ title: "Default Title", sku: "DASH-LAMP", price: "25.00", inventoryPolicy: "DENY", tracked: true, stock: { [warehouse]: 1 } }],
    });
    const variantId = variantIds[0]!;
    await settle(stack, db);
    const customer = { email: "ada@example.com", firstName: "Ada", lastName: "Lovelace" };
    // The last unit in stock sells, so the variant becomes a back-order; the next order waits.
    shop.placeOrder({ customer, lines: [{ variantId, quantity: 1 }] });
    await settle(stack, db);
    shop.placeOrder({ customer, lines: [{ variantId, quantity: 2 }] });
    await settle(stack, db);
    await expect(db.backorderLine.count({ where: { variantId, state: "waiting", waitingUnits: { gt: 0 } } })).resolves.toBe(1);

    const page = await openPage(browser);
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(stack.adminShellUrl);
    const app = page.frameLocator("iframe");
    const figure = (label: string) => app.getByRole("group", { name: label });

    await figure(strings.dashboard.backorderedVariants).waitFor({ timeout: 30_000 });
    await expect(figure(strings.dashboard.backorderedVariants).getByText("1", { exact: true }).count()).resolves.toBe(1);
    await expect(figure(strings.dashboard.waitingOrders).getByText("1", { exact: true }).count()).resolves.toBe(1);
    await expect(figure(strings.dashboard.waitingUnits).getByText("2", { exact: true }).count()).resolves.toBe(1);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it("shows dates in the style chosen on the Settings page", async () => {
    const shop = stack.sandbox.shop;
    const { variantIds } = shop.addProduct({
      title: "Dated Kettle",
      vendor: "Test Vendor",
      productType: "Gear",
      variants: [{ title: "Default Title", sku: "DATED-KETTLE", price: "30.00", inventoryPolicy: "DENY", stock: { [shop.addLocation("Dock")]: 0 } }],
    });
    await settle(stack, db);
    // A plain date: it must read as the 12th of March wherever the browser or the shop is.
    await db.variantRule.create({ data: { shop: shop.domain, variantId: variantIds[0]!, restockDate: "2031-03-12" } });
    const { timezone } = await db.shopSettings.findUniqueOrThrow({ where: { shop: shop.domain } });

    const page = await openPage(browser);
    const consoleErrors: string[] = [];
    page.on("pageerror", (error) => consoleErrors.push(error.message));
    // A date formatted differently by the server and the browser would be a hydration error. (Resources
    // that fail to load are the library's web font from Shopify's CDN: the test machine is offline.)
    page.on("console", (message) => void (message.type() === "error" && !message.text().startsWith("Failed to load resource") && consoleErrors.push(message.text())));
    await page.goto(stack.adminShellUrl);
    const app = page.frameLocator("iframe");
    const nextRestock = app.getByRole("group", { name: strings.dashboard.nextRestock });
    const activity = app.getByRole("list", { name: strings.dashboard.activityHeading }).getByRole("listitem").first();
    await nextRestock.getByText("Mar 12, 2031", { exact: true }).waitFor({ timeout: 30_000 });
    await expect(activity.textContent()).resolves.toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{2}:\d{2} [AP]M /);

    await page.locator("#app-nav a", { hasText: strings.nav.settings }).click();
    const dateStyle = app.getByLabel(strings.settings.dates.styleLabel);
    await dateStyle.waitFor({ timeout: 30_000 });
    // Each choice shows today, where the shop is, in that style.
    const today = todayIn(timezone);
    await expect(dateStyle.locator("option", { hasText: strings.settings.dates.styles.iso }).textContent()).resolves.toBe(`ISO (${today})`);
    await dateStyle.selectOption("iso");
    await page.locator("#save-bar").getByRole("button", { name: "Save" }).click();
    await page.locator("#toasts .toast", { hasText: strings.settings.saved }).waitFor({ timeout: 15_000 });
    await expect(db.shopSettings.findUniqueOrThrow({ where: { shop: shop.domain } })).resolves.toMatchObject({ dateStyle: "iso" });

    await page.locator("#app-home-link").click();
    await nextRestock.getByText("2031-03-12", { exact: true }).waitFor({ timeout: 30_000 });
    await expect(activity.textContent()).resolves.toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} /);

    await page.reload();
    await nextRestock.getByText("2031-03-12", { exact: true }).waitFor({ timeout: 30_000 });
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});
