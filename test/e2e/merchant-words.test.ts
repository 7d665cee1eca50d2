/**
 * The admin pages in Chromium read without a glossary: money in the shop's
 * currency, real plurals, ages one way, no internal codes, and the variants list
 * showing what is back-ordered or sold out unless the merchant asks for all.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { stackForThisFile } from "../support/installed-stack";
import { openAppPage, storyIn } from "../support/shop-story";
import { strings } from "../../app/i18n/strings";

const t = stackForThisFile({ browser: true });
const { addVariant, buy } = storyIn(t.shop);
const numeric = (gid: string) => gid.split("/").pop()!;

/** Engine codes and raw policy names that once showed on Home and Activity. */
const CODES = /variant\.policy|variant\.status|order\.hold|order\.release|job\.dead|reconcile|\bDENY\b|\bCONTINUE\b|gid:\/\//;

let lamp: string;
let heldOrder: string;

beforeAll(async () => {
  const warehouse = t.shop().addLocation("Warehouse");
  // Each unit costs 20.00 in the shop's currency.
  lamp = addVariant("Words Lamp", warehouse, 0);
  const kettle = addVariant("Words Kettle", warehouse, 0);
  addVariant("Words Mug", warehouse, 5);
  await t.settle();
  const ada = buy(lamp, "Ada", 2);
  buy(lamp, "Grace", 1);
  buy(kettle, "Alan", 1);
  await t.settle();
  heldOrder = (await t.db.backorderLine.findFirstOrThrow({ where: { orderId: ada } })).orderName;
}, 120_000);

describe("money, plurals and ages", () => {
  it("stores the shop's currency at the full sync", async () => {
    expect(t.shop().currencyCode).toBe("EUR");
    await expect(t.db.shopSettings.findUniqueOrThrow({ where: { shop: t.shop().domain } })).resolves.toMatchObject({ currencyCode: "EUR" });
  });

  it("the variants list: values in euros, a real plural under the table, ages in days", async () => {
    const { page, app, pageErrors } = await openAppPage(t.browser, t.stack, "/app/variants");
    const lampRow = app.getByRole("row", { name: /Words Lamp/ });
    await lampRow.waitFor({ timeout: 30_000 });
    // Three units waiting at 20.00.
    await expect(lampRow.innerText()).resolves.toContain("€60.00");
    await expect(lampRow.innerText()).resolves.toContain("Under a day");
    await expect(app.getByRole("row", { name: /Words Kettle/ }).innerText()).resolves.toContain("€20.00");
    await app.getByText("Page 1 of 1 · 2 variants").waitFor();
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it("the variant page: oversold stock in words, money in euros", async () => {
    const { page, app, pageErrors } = await openAppPage(t.browser, t.stack, `/app/variants/${numeric(lamp)}`);
    // Sellable in the summary, and the location's stock in its table: both in words, never "-3".
    await app.getByText("3 units oversold", { exact: true }).first().waitFor({ timeout: 30_000 });
    await expect(app.getByText("3 units oversold", { exact: true }).count()).resolves.toBe(2);
    await expect(app.getByText("-3", { exact: true }).count()).resolves.toBe(0);
    await expect(app.getByText("€60.00 (Price €20.00)", { exact: true }).isVisible()).resolves.toBe(true);
    await expect(app.getByText("3 units", { exact: true }).isVisible()).resolves.toBe(true);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it("the orders page counts its lines with a real plural", async () => {
    const { page, app, pageErrors } = await openAppPage(t.browser, t.stack, "/app/orders");
    await app.getByText("3 lines waiting · page 1 of 1").waitFor({ timeout: 30_000 });
    await page.goto(t.stack.sandbox.adminShellUrl("/app/orders?q=Alan"));
    await app.getByText("1 line waiting · page 1 of 1").waitFor({ timeout: 30_000 });
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});

describe("what the app did, in words", () => {
  it("Home: the value waiting in euros and the latest activity without codes", async () => {
    const { page, app, pageErrors } = await openAppPage(t.browser, t.stack, "/app");
    const value = app.getByRole("group", { name: strings.dashboard.valueWaiting });
    await value.getByText("€80.00", { exact: true }).waitFor({ timeout: 30_000 });
    const activity = app.getByRole("list", { name: strings.dashboard.activityHeading });
    await activity.getByText(`Held order ${heldOrder} until stock arrives.`).waitFor();
    const said = await activity.innerText();
    expect(said).toContain("Back-orders turned on");
    expect(said).toContain("Words Lamp is out of stock and now takes back-orders.");
    expect(said).not.toMatch(CODES);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it("Activity: sentences in the table, ids only in the technical details", async () => {
    const { page, app, pageErrors } = await openAppPage(t.browser, t.stack, "/app/activity");
    const table = app.getByRole("table");
    await table.getByText(`Held order ${heldOrder} until stock arrives.`).first().waitFor({ timeout: 30_000 });
    await table.getByText(/^Checked every product with Shopify: \d+ variants read, \d+ to bring up to date\.$/).first().waitFor();
    // innerText leaves out what closed disclosures hide.
    expect(await table.innerText()).not.toMatch(CODES);
    const row = app.getByRole("row", { name: new RegExp(`Held order ${heldOrder}`) }).first();
    const held = await t.db.activity.findFirstOrThrow({ where: { kind: "order.hold", message: { startsWith: `${heldOrder}:` } } });
    await expect(row.getByText(held.subject).isVisible()).resolves.toBe(false);
    await row.getByText(strings.activity.technical).click();
    await row.getByText(held.subject).waitFor();
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});

describe("the variants list's default filter", () => {
  it("shows what is back-ordered or sold out, and every variant once the merchant picks All", async () => {
    const { page, app, pageErrors } = await openAppPage(t.browser, t.stack, "/app/variants");
    const titles = () => app.getByRole("table").getByRole("row").filter({ hasText: /Words / }).allInnerTexts();
    await app.getByRole("row", { name: /Words Lamp/ }).waitFor({ timeout: 30_000 });
    const shown = async () => (await titles()).map((row) => /Words \w+/.exec(row)![0]).sort();
    await expect(shown()).resolves.toEqual(["Words Kettle", "Words Lamp"]);
    // The default reads as an applied filter.
    await app.getByText(`${strings.variants.statusFilter}: ${strings.variants.status.backorder}, ${strings.variants.status.sold_out}`).waitFor();

    // An applied filter's pill opens it.
    await app.getByRole("button", { name: new RegExp(`^${strings.variants.statusFilter}: `) }).first().click();
    await app.getByRole("checkbox", { name: strings.variants.allStatuses }).click();
    await expect.poll(shown, { timeout: 30_000 }).toEqual(["Words Kettle", "Words Lamp", "Words Mug"]);
    await expect(app.getByRole("checkbox", { name: strings.variants.allStatuses }).isChecked()).resolves.toBe(true);

    // Only in-stock ones: "All" gives way to the status picked.
    await app.getByRole("checkbox", { name: strings.variants.status.in_stock }).click();
    await expect.poll(shown, { timeout: 30_000 }).toEqual(["Words Mug"]);
    await expect(app.getByRole("checkbox", { name: strings.variants.allStatuses }).isChecked()).resolves.toBe(false);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it("opens from Home's alert with what the alert counts", async () => {
    const domain = t.shop().domain;
    // The kettle reached its waiting cap.
    await t.db.trackedVariant.updateMany({ where: { shop: domain, title: "Words Kettle" }, data: { status: "sold_out" } });
    const { page, app, pageErrors } = await openAppPage(t.browser, t.stack, "/app");
    await app.getByText(strings.dashboard.atCap(1)).waitFor({ timeout: 30_000 });
    expect(strings.dashboard.atCap(1)).toBe("1 variant at its waiting cap (sold out)");
    await app.getByRole("link", { name: strings.dashboard.viewAtCap }).click();
    await app.getByRole("row", { name: /Words Kettle/ }).waitFor({ timeout: 30_000 });
    await expect(app.getByRole("row", { name: /Words Lamp/ }).count()).resolves.toBe(0);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
