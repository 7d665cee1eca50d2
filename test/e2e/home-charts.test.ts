/**
 * Home's charts in Chromium, in the sandbox admin shell: a shop with nothing
 * waiting says so instead of drawing empty axes; a shop with waiting orders and
 * earlier days on record draws its three charts, each with a table to switch
 * to, and the server sends those tables (the page reads without JavaScript).
 * Neither logs an error: a chart drawn differently by the server and the
 * browser would show as a hydration error.
 */
import { describe, expect, it } from "vitest";
import type { ConsoleMessage, FrameLocator, Page } from "playwright-core";
import { stackForThisFile } from "../support/installed-stack";
import { openAppPage, storyIn } from "../support/shop-story";
import { strings } from "../../app/i18n/strings";
import { addDays } from "../../app/domain/restock-eta";
import { todayIn } from "../../app/engine/settings.server";

const t = stackForThisFile({ browser: true });
const { addVariant, buy } = storyIn(t.shop);
const text = strings.charts;
const numeric = (gid: string) => gid.split("/").pop()!;

/** Home with its console watched; resources that fail to load are Polaris' web font from Shopify's CDN (the machine is offline). */
async function openHome(): Promise<{ page: Page; app: FrameLocator; errors: string[] }> {
  const { page, app, pageErrors } = await openAppPage(t.browser, t.stack, "/app");
  const errors = pageErrors;
  page.on("console", (message: ConsoleMessage) => void (message.type() === "error" && !message.text().startsWith("Failed to load resource") && errors.push(message.text())));
  await app.getByRole("heading", { name: text.heading, level: 2 }).waitFor({ timeout: 30_000 });
  return { page, app, errors };
}

describe("Home's charts", () => {
  it("say there is nothing to chart yet in a shop where nothing has waited", async () => {
    const { page, app, errors } = await openHome();
    await app.getByRole("region", { name: text.emptyHeading }).getByText(text.emptyBody).waitFor();
    // Nothing drawn from nothing: no chart, no table, no switch between them.
    for (const title of [text.history.title, text.variants.title, text.waitTimes.title]) await expect(app.getByRole("region", { name: title }).count()).resolves.toBe(0);
    await expect(app.locator("svg[role], table").count()).resolves.toBe(0);
    await expect(app.getByRole("button", { name: text.showTable }).count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("draw what waits over the days, per variant and by age, and show each as a table", async () => {
    const shop = t.shop();
    const warehouse = shop.addLocation("Chart Warehouse");
    const lamp = addVariant("Chart Lamp", warehouse, 0, "CONTINUE");
    const kettle = addVariant("Chart Kettle", warehouse, 0, "CONTINUE");
    shop.receiveIncoming({ variantId: lamp, locationId: warehouse, quantity: 2, arrivesAt: "2099-01-01T00:00:00Z" });
    await t.settle();
    buy(lamp, "Ada", 3);
    buy(lamp, "Grace", 1);
    buy(kettle, "Alan", 2);
    await t.settle();
    await expect(t.db.backorderLine.count({ where: { state: "waiting", waitingUnits: { gt: 0 } } })).resolves.toBe(3);

    // Earlier days as the worker's schedule recorded them (this app only started today); none two days ago.
    const { timezone } = await t.db.shopSettings.findUniqueOrThrow({ where: { shop: shop.domain } });
    const today = todayIn(timezone);
    for (const [daysAgo, units, cents] of [[3, 1, 2000], [1, 4, 8000]] as const) {
      await t.db.dailySnapshot.create({
        data: { shop: shop.domain, day: addDays(today, -daysAgo), waitingUnits: units, waitingValueCents: BigInt(cents), waitingLines: 1, waitingOrders: 1, backorderedVariants: 1, incomingUnits: 0, recordedAt: new Date() },
      });
    }

    // The server sends the tables, not the charts: the browser draws those.
    const { status, text: html } = await t.request("/app");
    expect(status).toBe(200);
    expect(html.match(/<table/g)?.length).toBe(3);
    expect(html).toContain("Chart Lamp");
    expect(html).not.toMatch(/<svg[^>]*role="(table|list)"/);

    const { page, app, errors } = await openHome();
    const history = app.getByRole("region", { name: text.history.title });
    const variants = app.getByRole("region", { name: text.variants.title });
    const waitTimes = app.getByRole("region", { name: text.waitTimes.title });

    // The charts drew the data (the library labels its shapes, though the pictures are hidden from assistive technology)...
    const unitsLine = history.locator('svg[role="table"]').first();
    await unitsLine.waitFor({ timeout: 30_000 });
    await expect(history.locator('svg[role="table"]').count()).resolves.toBe(2);
    await expect(unitsLine.locator('[role="row"]', { hasText: text.history.units }).locator('[role="cell"]').last().textContent()).resolves.toBe("6");
    const barGroup = (name: string) => `svg [aria-label="${name}"]`;
    await variants.locator(barGroup(`Chart Lamp: ${text.variants.waiting} 4, ${text.variants.incoming} 2`)).waitFor();
    await variants.locator(barGroup(`Chart Kettle: ${text.variants.waiting} 2, ${text.variants.incoming} 0`)).waitFor();
    await waitTimes.locator(barGroup(`${text.waitTimes.range(0, 7)}: ${text.waitTimes.orders} 3`)).waitFor();
    await waitTimes.locator(barGroup(`${text.waitTimes.range(56, null)}: ${text.waitTimes.orders} 0`)).waitFor();
    // ...while screen readers get each chart's table instead, and the keyboard passes the pictures by.
    for (const chart of [history, variants, waitTimes]) {
      await expect(chart.getByRole("table").count()).resolves.toBe(1);
      await expect(chart.locator('svg[role], [role="list"]').first().evaluate((element) => element.closest('[aria-hidden="true"]') !== null)).resolves.toBe(true);
      await expect(chart.locator('svg [tabindex]:not([tabindex="-1"])').count()).resolves.toBe(0);
    }
    await expect(variants.getByRole("link").count()).resolves.toBe(0);

    // Each chart switches to its table and back.
    await history.getByRole("button", { name: text.showTable }).click();
    const rows = history.getByRole("table").getByRole("row");
    await expect(rows.count()).resolves.toBe(5); // the heading row and four days, today first
    await expect(rows.nth(1).locator("td, th").allTextContents()).resolves.toEqual([expect.any(String), "6", "€120.00"]);
    await expect(rows.nth(3).locator("td, th").allTextContents()).resolves.toEqual([expect.any(String), text.history.notRecorded, text.history.notRecorded]);
    await expect(rows.nth(4).locator("td, th").allTextContents()).resolves.toEqual([expect.any(String), "1", "€20.00"]);
    await history.getByRole("button", { name: text.showChart }).click();
    await history.locator('svg[role="table"]').first().waitFor();

    await variants.getByRole("button", { name: text.showTable }).click();
    await expect(variants.getByRole("row", { name: /Chart Lamp/ }).locator("td, th").allTextContents()).resolves.toEqual(["Chart Lamp", "4", "2"]);
    await expect(variants.getByRole("link", { name: "Chart Lamp" }).getAttribute("href")).resolves.toMatch(new RegExp(`/app/variants/${numeric(lamp)}(\\?|$)`));

    await waitTimes.getByRole("button", { name: text.showTable }).click();
    await expect(waitTimes.getByRole("row", { name: new RegExp(text.waitTimes.range(0, 7)) }).locator("td, th").allTextContents()).resolves.toEqual([text.waitTimes.range(0, 7), "3"]);

    expect(errors).toEqual([]);
    await page.close();
  });
});
