/**
 * Links between the app and Shopify admin in Chromium, inside the sandbox admin
 * shell: order numbers open the admin's order, variants their product, Home's
 * tiles what they count; thumbnails from the shop's images; "Move to front" off
 * for the order already in front; the variant page's save bar and calendar, its
 * result shown without a reload; the merchant's own changes in Activity.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { stackForThisFile } from "../support/installed-stack";
import { openAppPage, storyIn } from "../support/shop-story";
import { strings } from "../../app/i18n/strings";
import { formatDate } from "../../app/i18n/dates";
import { ADMIN_LOCALE } from "../../app/components/use-shop-dates";
import { addDays } from "../../app/domain/restock-eta";
import { todayIn } from "../../app/engine/settings.server";
import { storeHandleOf } from "../sandbox/admin-shell/embed-url";

const t = stackForThisFile({ browser: true });
const { addVariant, buy } = storyIn(t.shop);
const numeric = (gid: string) => gid.split("/").pop()!;

let lamp: string;
let firstOrder: string;
let secondOrder: string;

/** Console errors of the page and its frames (a hydration mismatch is one); offline font loads aside. */
function consoleErrorsOf(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => void (message.type() === "error" && !message.text().startsWith("Failed to load resource") && errors.push(message.text())));
  return errors;
}

const adminPath = (path: string) => `/store/${storeHandleOf(t.shop().domain)}${path}`;
const lineOf = (orderId: string) => t.db.backorderLine.findFirstOrThrow({ where: { orderId } });

beforeAll(async () => {
  const warehouse = t.shop().addLocation("Warehouse");
  lamp = addVariant("Links Lamp", warehouse, 0);
  await t.settle();
  firstOrder = buy(lamp, "Ada");
  secondOrder = buy(lamp, "Grace");
  await t.settle();
}, 120_000);

describe("Orders waiting", () => {
  it("opens an order in Shopify admin from its number, and from anywhere on its row", async () => {
    const { orderName } = await lineOf(firstOrder);
    const { page, app, pageErrors } = await openAppPage(t.browser, t.stack, "/app/orders");
    const orderLink = app.getByRole("link", { name: orderName, exact: true });
    await orderLink.waitFor({ timeout: 30_000 });
    expect(await orderLink.getAttribute("href")).toBe(`shopify://admin/orders/${numeric(firstOrder)}`);
    await orderLink.click();
    await page.waitForURL((url) => url.pathname === adminPath(`/orders/${numeric(firstOrder)}`), { timeout: 30_000 });
    await page.getByRole("heading", { name: `Order ${orderName}` }).waitFor();

    // A click on the row's customer opens the row's order too (IndexTable's primary link).
    const second = await lineOf(secondOrder);
    await page.goto(t.stack.sandbox.adminShellUrl("/app/orders"));
    await app.getByText("Grace Tester").click({ timeout: 30_000 });
    await page.waitForURL((url) => url.pathname === adminPath(`/orders/${numeric(secondOrder)}`), { timeout: 30_000 });
    await page.getByRole("heading", { name: `Order ${second.orderName}` }).waitFor();
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it("shows the product's thumbnail, links the variant to its page in the app, and offers Move to front only to orders behind", async () => {
    const [first, second] = [await lineOf(firstOrder), await lineOf(secondOrder)];
    expect([first.queuePosition, second.queuePosition]).toEqual([1, 2]);
    const { page, app, pageErrors } = await openAppPage(t.browser, t.stack, "/app/orders");
    const consoleErrors = consoleErrorsOf(page);
    await page.reload();
    const moveFirst = app.getByRole("button", { name: `${strings.orders.moveToFront} ${first.orderName}` });
    await moveFirst.waitFor({ timeout: 30_000 });
    await expect(moveFirst.isDisabled()).resolves.toBe(true);
    await expect(app.getByRole("button", { name: `${strings.orders.moveToFront} ${second.orderName}` }).isEnabled()).resolves.toBe(true);

    const thumbnail = app.getByRole("img", { name: "Links Lamp" }).first();
    expect(await thumbnail.getAttribute("src")).toBe(`${t.stack.sandbox.url}/cdn/shop/files/links-lamp.svg?width=160&height=160`);
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 10_000 }).toBe(true);

    // The variant's link stays in the app (the row's own link is the order).
    await app.getByRole("link", { name: "Links Lamp" }).first().click();
    await app.getByText(strings.variants.ruleHeading).waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).pathname).toContain(`/apps/`);
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});

describe("Back-ordered variants", () => {
  it("opens the variant's page in the app from its row, and its product in Shopify admin from the row's admin link", async () => {
    const { page, app, pageErrors } = await openAppPage(t.browser, t.stack, "/app/variants");
    const consoleErrors = consoleErrorsOf(page);
    await page.reload();
    const row = app.getByRole("row", { name: /Links Lamp/ });
    await row.waitFor({ timeout: 30_000 });
    await expect(row.getByRole("img", { name: "Links Lamp" }).count()).resolves.toBe(1);
    // The row's own link, styled by Polaris (no browser underline).
    const primary = row.locator("[data-primary-link]");
    await expect(primary.evaluate((link) => getComputedStyle(link).textDecorationLine)).resolves.toBe("none");
    await row.getByText("Links Lamp", { exact: true }).click();
    await app.getByText(strings.variants.ruleHeading).waitFor({ timeout: 30_000 });
    expect(page.url()).toContain(`/app/variants/${numeric(lamp)}`);

    const productId = numeric(t.shop().snapshot().variants.find((variant) => variant.id === lamp)!.productId);
    await page.goto(t.stack.sandbox.adminShellUrl("/app/variants"));
    await app.getByRole("row", { name: /Links Lamp/ }).getByRole("link", { name: strings.adminLinks.openInAdmin }).click({ timeout: 30_000 });
    await page.waitForURL((url) => url.pathname === adminPath(`/products/${productId}/variants/${numeric(lamp)}`), { timeout: 30_000 });
    await page.getByRole("heading", { name: "Links Lamp – Default Title" }).waitFor();
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});

describe("Home", () => {
  it("opens what each tile counts", async () => {
    const { page, app, pageErrors } = await openAppPage(t.browser, t.stack, "/app");
    const tile = (label: string) => app.getByRole("group", { name: label }).getByRole("link");
    await tile(strings.dashboard.waitingOrders).waitFor({ timeout: 30_000 });
    const targets = {
      [strings.dashboard.backorderedVariants]: "/app/variants?status=backorder,sold_out",
      [strings.dashboard.waitingOrders]: "/app/orders",
      [strings.dashboard.waitingUnits]: "/app/variants?status=backorder,sold_out&sort=waiting&direction=desc",
      [strings.dashboard.valueWaiting]: "/app/variants?status=backorder,sold_out&sort=value&direction=desc",
      [strings.dashboard.oldestWait]: "/app/variants?status=backorder,sold_out&sort=age&direction=desc",
      [strings.dashboard.nextRestock]: "/app/variants?status=backorder,sold_out&sort=eta&direction=asc",
      [strings.dashboard.incoming]: "/app/variants?status=backorder,sold_out&sort=eta&direction=asc",
    };
    for (const [label, target] of Object.entries(targets)) expect(await tile(label).getAttribute("href"), label).toBe(target);

    await tile(strings.dashboard.waitingOrders).click();
    await app.getByRole("button", { name: new RegExp(`^${strings.orders.moveToFront} `) }).first().waitFor({ timeout: 30_000 });
    await tile(strings.dashboard.waitingOrders).waitFor({ state: "detached" });
    await page.goto(t.stack.sandbox.adminShellUrl("/app"));
    await tile(strings.dashboard.backorderedVariants).click({ timeout: 30_000 });
    await app.getByRole("row", { name: /Links Lamp/ }).waitFor({ timeout: 30_000 });
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});

describe("the variant page", () => {
  it("saves through the admin's save bar with a date from the calendar, and shows the result without a reload", async () => {
    const { page, app, pageErrors } = await openAppPage(t.browser, t.stack, `/app/variants/${numeric(lamp)}`);
    const frame = page.frame({ name: "app-iframe" })!;
    await app.getByText(strings.variants.ruleHeading).waitFor({ timeout: 30_000 });
    // Marks this document: a reload would lose it.
    await frame.evaluate(() => Object.assign(window, { notReloaded: true }));

    await app.getByLabel(strings.variants.waitingCap).fill("9");
    const saveBar = page.locator("#save-bar.on");
    await saveBar.waitFor();

    // A date two months ahead, picked from the calendar.
    const restockDate = addDays(todayIn("UTC"), 62);
    const [year, month, day] = restockDate.split("-").map(Number);
    await app.getByRole("button", { name: strings.restockDatePicker.chooseLabel(strings.variants.restockDate) }).click();
    const nextMonth = app.getByRole("button", { name: /next month/i });
    const monthName = new Date(Date.UTC(year!, month! - 1, 1)).toLocaleString("en", { month: "long", timeZone: "UTC" });
    for (let step = 0; step < 4 && (await app.getByText(`${monthName} ${year}`, { exact: true }).count()) === 0; step++) await nextMonth.click();
    await app.getByRole("button", { name: new RegExp(`${monthName} ${day} ${year}$`) }).click();
    const shown = formatDate(restockDate, { style: "medium", locale: ADMIN_LOCALE });
    await expect.poll(() => app.getByLabel(strings.variants.restockDate, { exact: true }).inputValue()).toBe(shown);

    await saveBar.getByRole("button", { name: "Save" }).click();
    await page.getByText(strings.variants.saved(1)).first().waitFor({ timeout: 30_000 });
    await saveBar.waitFor({ state: "detached" });
    expect(await t.db.variantRule.findFirstOrThrow({ where: { variantId: lamp } })).toMatchObject({ waitingCap: 9, restockDate });

    // The page shows what was stored, and the engine's result once its sync ran, in the same document.
    await t.settle();
    await app.getByText(`${strings.variants.restockOn(shown)}`, { exact: false }).waitFor({ timeout: 30_000 });
    await app.getByText(strings.variantUpdates.updating).waitFor({ state: "detached", timeout: 30_000 });
    await expect(app.getByLabel(strings.variants.waitingCap).inputValue()).resolves.toBe("9");
    await expect(frame.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).resolves.toBe(true);

    // Discard brings the stored values back.
    await app.getByLabel(strings.variants.waitingCap).fill("3");
    await saveBar.waitFor();
    await saveBar.getByRole("button", { name: "Discard" }).click();
    await expect.poll(() => app.getByLabel(strings.variants.waitingCap).inputValue()).toBe("9");
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it("links the variant to its product in Shopify admin", async () => {
    const { page, app } = await openAppPage(t.browser, t.stack, `/app/variants/${numeric(lamp)}`);
    const productId = numeric(t.shop().snapshot().variants.find((variant) => variant.id === lamp)!.productId);
    await app.getByRole("link", { name: strings.adminLinks.openInAdmin }).click({ timeout: 30_000 });
    await page.waitForURL((url) => url.pathname === adminPath(`/products/${productId}/variants/${numeric(lamp)}`), { timeout: 30_000 });
    await page.close();
  });
});

describe("Activity", () => {
  it("lists the merchant's own changes as their action", async () => {
    const { orderName } = await lineOf(secondOrder);
    expect((await t.request("/app/orders.data", { method: "POST", fields: { intent: "front", orderId: secondOrder } })).status).toBe(200);
    const { page, app, pageErrors } = await openAppPage(t.browser, t.stack, "/app/activity");
    const rowSaying = (text: string) => app.getByRole("row").filter({ hasText: text });
    await rowSaying(strings.orders.moved(orderName)).waitFor({ timeout: 30_000 });
    await expect(rowSaying(strings.orders.moved(orderName)).getByText(strings.activity.causes.merchant).count()).resolves.toBe(1);
    await expect(rowSaying("Links Lamp: restock date set to").getByText(strings.activity.causes.merchant).count()).resolves.toBe(1);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
