/**
 * The admin home in Chromium: a variant sells out and an order waits in the
 * sandbox shop, the engine records it, and the dashboard shows the figures.
 */
import { describe, expect, it } from "vitest";
import { openPage } from "../support/browser";
import { stackForThisFile } from "../support/installed-stack";
import { openAppPage, storyIn } from "../support/shop-story";
import { strings } from "../../app/i18n/strings";
import { todayIn } from "../../app/engine/settings.server";

const t = stackForThisFile({ browser: true });
const { addVariant, buy } = storyIn(t.shop);

describe("the dashboard on the admin home", () => {
  it("shows the back-ordered variant and the waiting order", async () => {
    const shop = t.shop();
    const variantId = addVariant("Dashboard Lamp", shop.addLocation("Warehouse"), 1);
    await t.settle();
    // The last unit in stock sells, so the variant becomes a back-order; the next order waits.
    buy(variantId, "Ada");
    await t.settle();
    buy(variantId, "Ada", 2);
    await t.settle();
    await expect(t.db.backorderLine.count({ where: { variantId, state: "waiting", waitingUnits: { gt: 0 } } })).resolves.toBe(1);

    const { page, app, pageErrors } = await openAppPage(t.browser, t.stack, "/");
    const figure = (label: string) => app.getByRole("group", { name: label });

    await figure(strings.dashboard.backorderedVariants).waitFor({ timeout: 30_000 });
    await expect(figure(strings.dashboard.backorderedVariants).getByText("1", { exact: true }).count()).resolves.toBe(1);
    await expect(figure(strings.dashboard.waitingOrders).getByText("1", { exact: true }).count()).resolves.toBe(1);
    await expect(figure(strings.dashboard.waitingUnits).getByText("2", { exact: true }).count()).resolves.toBe(1);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it("shows dates in the style chosen on the Settings page", async () => {
    const shop = t.shop();
    const kettle = addVariant("Dated Kettle", shop.addLocation("Dock"));
    await t.settle();
    // A plain date: it must read as the 12th of March wherever the browser or the shop is.
    await t.db.variantRule.create({ data: { shop: shop.domain, variantId: kettle, restockDate: "2031-03-12" } });
    const { timezone } = await t.db.shopSettings.findUniqueOrThrow({ where: { shop: shop.domain } });

    const page = await openPage(t.browser);
    const consoleErrors: string[] = [];
    page.on("pageerror", (error) => consoleErrors.push(error.message));
    // A date formatted differently by the server and the browser would be a hydration error. (Resources
    // that fail to load are the library's web font from Shopify's CDN: the test machine is offline.)
    page.on("console", (message) => void (message.type() === "error" && !message.text().startsWith("Failed to load resource") && consoleErrors.push(message.text())));
    await page.goto(t.stack.adminShellUrl);
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
    await expect(t.db.shopSettings.findUniqueOrThrow({ where: { shop: shop.domain } })).resolves.toMatchObject({ dateStyle: "iso" });

    await page.locator("#app-home-link").click();
    await nextRestock.getByText("2031-03-12", { exact: true }).waitFor({ timeout: 30_000 });
    await expect(activity.textContent()).resolves.toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} /);

    await page.reload();
    await nextRestock.getByText("2031-03-12", { exact: true }).waitFor({ timeout: 30_000 });
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});
