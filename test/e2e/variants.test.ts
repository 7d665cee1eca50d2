/**
 * The "Back-ordered variants" list (filters included) and the variant page (stock
 * per location included) against the built app:
 * data requests signed with a session token as App Bridge sends them, the engine
 * applying the merchant's changes to the sandbox shop, and Chromium in the
 * sandbox admin shell.
 */
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { stackForThisFile } from "../support/installed-stack";
import { openAppPage, storyIn, backorderMetafield as metafield } from "../support/shop-story";
import { addDays } from "../../app/domain/restock-eta";
import { todayIn } from "../../app/engine/settings.server";
import { formatDate } from "../../app/i18n/dates";
import { ADMIN_LOCALE } from "../../app/components/use-shop-dates";

let warehouse: string;
let shopFloor: string;
let lamp: string;
let kettle: string;
let mug: string;
const FOREIGN_SHOP = "someone-else.myshopify.com";
const FOREIGN_ID = "987654321";

const t = stackForThisFile({ browser: true });
const shop = t.shop;
const { variantOf, buy } = storyIn(shop);
const numeric = (gid: string) => gid.split("/").pop()!;

function addVariant(title: string, sku: string, price: string, stock: Record<string, number>, product = { vendor: "Seatwell", productType: "Furniture" }) {
  return shop().addProduct({ title, ...product, variants: [{ title: "Default Title", sku, price, inventoryPolicy: "DENY", stock }] }).variantIds[0]!;
}

/** The list through its CSV export (same search, filter and sort), as [title, waiting units] rows. */
async function listed(params: string) {
  const response = await t.request(`/app/variants/csv?${params}`);
  expect(response.status).toBe(200);
  expect(response.contentType).toMatch(/^text\/csv/);
  const [header, ...rows] = response.text.trimEnd().split("\r\n");
  expect(header).toMatch(/^Variant ID,Product ID,Title,SKU,Status,/);
  return rows.map((row) => row.split(",")).map((cells) => [cells[2], Number(cells[6])]);
}

const titles = (rows: (string | number | undefined)[][]) => rows.map(([title]) => title);

const postList = (fields: Record<string, string | string[]>) => t.request("/app/variants.data?index", { method: "POST", fields });

beforeAll(async () => {
  warehouse = shop().addLocation("Warehouse");
  shopFloor = shop().addLocation("Shop floor");
  lamp = addVariant("Variants Lamp", "V-LAMP", "30.00", { [warehouse]: 0 }, { vendor: "Lumen", productType: "Lighting" });
  kettle = addVariant("Variants Kettle", "V-KETTLE", "200.00", { [warehouse]: 0 }, { vendor: "Brewster", productType: "Kitchen" });
  mug = addVariant("Variants Mug", "V-MUG", "8.00", { [warehouse]: 5, [shopFloor]: 2 }, { vendor: "Brewster", productType: "Kitchen" });
  shop().receiveIncoming({ variantId: lamp, locationId: warehouse, quantity: 6, arrivesAt: "2099-01-01T00:00:00Z" });
  await t.settle();
  buy(lamp, "Ada", 2);
  buy(lamp, "Grace", 1);
  buy(kettle, "Alan", 1);
  await t.settle();
  // Another shop's variant in the same database.
  await t.db.trackedVariant.create({
    data: { shop: FOREIGN_SHOP, variantId: `gid://shopify/ProductVariant/${FOREIGN_ID}`, productId: "gid://shopify/Product/1", inventoryItemId: "gid://shopify/InventoryItem/1", title: "Foreign Lamp", merchantPolicy: "DENY", status: "backorder", sellable: 0, waitingUnits: 50 },
  });
});

describe("the list", () => {
  it("lists the shop's variants from its own database, filtered, searched and sorted", async () => {
    expect(await listed("status=backorder&sort=waiting&direction=desc")).toEqual([
      ["Variants Lamp", 3],
      ["Variants Kettle", 1],
    ]);
    // By value: the kettle's one unit (200.00) is worth more than the lamp's three (90.00).
    expect((await listed("status=backorder&sort=value&direction=desc")).map(([title]) => title)).toEqual(["Variants Kettle", "Variants Lamp"]);
    expect((await listed("q=v-mug&status=all")).map(([title]) => title)).toEqual(["Variants Mug"]);
    expect((await listed("status=in_stock")).map(([title]) => title)).toEqual(["Variants Mug"]);
    expect((await listed("sort=title&direction=asc&status=all")).map(([title]) => title)).toEqual(["Variants Kettle", "Variants Lamp", "Variants Mug"]);
    // Without a status: what is back-ordered or sold out, not the mug in stock.
    expect((await listed("sort=title&direction=asc")).map(([title]) => title)).toEqual(["Variants Kettle", "Variants Lamp"]);
    expect(await listed("q=v-mug")).toEqual([]);

    const page = await t.request("/app/variants.data?sort=waiting&direction=desc");
    expect(page.status).toBe(200);
    expect(page.text.indexOf("Variants Lamp")).toBeGreaterThan(-1);
    expect(page.text.indexOf("Variants Lamp")).toBeLessThan(page.text.indexOf("Variants Kettle"));
    expect(page.text).not.toContain("Foreign Lamp");
  });

  it("filters by vendor, product type and location, in the list and in its CSV export", async () => {
    expect(await listed("vendor=Lumen")).toEqual([["Variants Lamp", 3]]);
    expect(titles(await listed("vendor=Brewster&sort=title&direction=asc&status=all"))).toEqual(["Variants Kettle", "Variants Mug"]);
    expect(titles(await listed(`location=${encodeURIComponent(shopFloor)}&status=all`))).toEqual(["Variants Mug"]);
    expect(titles(await listed(`location=${encodeURIComponent(warehouse)}&productType=Kitchen&sort=title&direction=asc&status=all`))).toEqual(["Variants Kettle", "Variants Mug"]);
    expect(await listed("vendor=Lumen&vendor=Brewster&status=backorder")).toEqual([
      ["Variants Lamp", 3],
      ["Variants Kettle", 1],
    ]);
    // A vendor the shop does not have filters nothing out.
    expect(titles(await listed("vendor=Nobody&sort=title&direction=asc&status=all"))).toEqual(["Variants Kettle", "Variants Lamp", "Variants Mug"]);

    const page = await t.request(`/app/variants.data?location=${encodeURIComponent(shopFloor)}&status=all`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Variants Mug");
    expect(page.text).not.toContain("Variants Lamp");
  });

  it("sets a restock date in bulk, and the engine publishes the new ship date to the shop", async () => {
    const settings = await t.db.shopSettings.findUniqueOrThrow({ where: { shop: shop().domain } });
    const restockDate = addDays(todayIn(settings.timezone), 20);
    const response = await postList({ intent: "restock", restockDate, ids: [numeric(lamp), numeric(kettle)] });
    expect(response.status, response.text).toBe(200);
    expect(response.text).toContain("Saved for 2 variants");
    const jobs = await t.db.job.findMany({ where: { kind: "sync-variant", subject: { in: [lamp, kettle] } } });
    expect(jobs.map((job) => job.source)).toEqual(["merchant", "merchant"]);
    await t.settle();

    // The next unit sold ships once the stock is in and handled.
    const shipsOn = addDays(restockDate, settings.handlingDays);
    expect(metafield(variantOf(lamp), "ships_on")).toBe(shipsOn);
    expect(metafield(variantOf(kettle), "ships_on")).toBe(shipsOn);
    expect((await t.db.trackedVariant.findFirstOrThrow({ where: { variantId: lamp } })).nextShipsOn).toBe(shipsOn);
    const lines = await t.db.backorderLine.findMany({ where: { variantId: lamp, state: "waiting" } });
    expect(lines.map((line) => line.shipsOn)).toEqual([shipsOn, shipsOn]);
  });

  it("turns back-orders off and on again in bulk", async () => {
    const bare = addVariant("Variants Stool", "V-STOOL", "15.00", { [warehouse]: 0 });
    await t.settle();
    expect(variantOf(bare).inventoryPolicy).toBe("CONTINUE");

    expect((await postList({ intent: "backorders-off", ids: numeric(bare) })).status).toBe(200);
    await t.settle();
    expect(variantOf(bare).inventoryPolicy).toBe("DENY");
    expect((await t.db.variantRule.findFirstOrThrow({ where: { variantId: bare } })).override).toBe("never");

    expect((await postList({ intent: "backorders-default", ids: numeric(bare) })).status).toBe(200);
    await t.settle();
    expect(variantOf(bare).inventoryPolicy).toBe("CONTINUE");
  });

  it("answers 400 with the reason for a bad date, and changes nothing", async () => {
    const past = await postList({ intent: "restock", restockDate: "2020-01-01", ids: numeric(mug) });
    expect(past.status).toBe(400);
    expect(past.text).toContain("The restock date can't be in the past");
    const malformed = await postList({ intent: "restock", restockDate: "next week", ids: numeric(mug) });
    expect(malformed.status).toBe(400);
    expect(malformed.text).toContain("Enter the restock date as YYYY-MM-DD.");
    const noIds = await postList({ intent: "restock", restockDate: "2099-01-01" });
    expect(noIds.status).toBe(400);
    expect(await t.db.variantRule.count({ where: { variantId: mug } })).toBe(0);
  });

  it("refuses another shop's variant: 404, nothing written", async () => {
    expect((await postList({ intent: "backorders-off", ids: [numeric(mug), FOREIGN_ID] })).status).toBe(404);
    expect(await t.db.variantRule.count({ where: { variantId: { in: [mug, `gid://shopify/ProductVariant/${FOREIGN_ID}`] } } })).toBe(0);
    expect((await t.request(`/app/variants/${FOREIGN_ID}.data`)).status).toBe(404);
    expect((await t.request(`/app/variants/${FOREIGN_ID}.data`, { method: "POST", fields: { override: "never" } })).status).toBe(404);
    expect((await t.request("/app/variants/not-a-number.data")).status).toBe(404);
  });

  it("narrows the list by vendor, and by location, from the filters in the admin shell", async () => {
    const { page, app, pageErrors } = await openAppPage(t.browser, t.stack, "/app/variants");
    const listedTitles = () => app.locator("table tbody tr [data-primary-link]").allInnerTexts();
    const filterBy = async (filter: string, choice: string) => {
      await app.getByRole("link", { name: "Variants Kettle" }).waitFor({ timeout: 30_000 });
      await app.getByRole("button", { name: filter, exact: true }).click();
      // A click, not check(): the box is ticked once the list has loaded with the filter in its URL.
      await app.getByRole("checkbox", { name: choice }).click();
    };

    await filterBy("Vendor", "Lumen");
    await expect.poll(listedTitles, { timeout: 30_000 }).toEqual(["Variants Lamp"]);
    await page.goto(t.stack.sandbox.adminShellUrl("/app/variants?status=all"));
    await filterBy("Location", "Shop floor");
    await expect.poll(listedTitles, { timeout: 30_000 }).toEqual(["Variants Mug"]);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});

describe("the variant page", () => {
  it("saves the variant's rules, validating each field", async () => {
    const bad = await t.request(`/app/variants/${numeric(mug)}.data`, { method: "POST", fields: { override: "", restockDate: "", waitingCap: "-3" } });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("The waiting cap must be a whole number");
    const good = await t.request(`/app/variants/${numeric(mug)}.data`, { method: "POST", fields: { override: "never", restockDate: "", waitingCap: "4" } });
    expect(good.status, good.text).toBe(200);
    expect(await t.db.variantRule.findFirstOrThrow({ where: { variantId: mug } })).toMatchObject({ override: "never", restockDate: null, waitingCap: 4 });
    await t.settle();
  });

  it("opens from the list in the admin shell and shows the waiting queue in order", async () => {
    const { page, app, pageErrors } = await openAppPage(t.browser, t.stack, "/app/variants?status=all");
    await app.getByRole("link", { name: "Variants Lamp" }).waitFor({ timeout: 30_000 });
    await expect(app.getByText("Variants Kettle").first().isVisible()).resolves.toBe(true);
    await expect(app.getByText("Foreign Lamp").count()).resolves.toBe(0);

    // Export, from the admin's title bar: fetched with the session token App Bridge adds, saved as a file.
    const [download] = await Promise.all([page.waitForEvent("download", { timeout: 30_000 }), page.locator("#title-actions").getByRole("button", { name: "Export CSV" }).click()]);
    const csv = await fs.promises.readFile(await download.path(), "utf8");
    expect(csv.split("\r\n")[0]).toMatch(/^Variant ID,Product ID,Title,/);
    expect(csv).toContain("Variants Lamp");
    expect(csv).not.toContain("Foreign Lamp");

    // Sorting from a column heading: most waiting units first by default, then by value.
    const firstRow = () => app.locator("table tbody tr").first().innerText();
    await expect(firstRow()).resolves.toContain("Variants Lamp");
    await app.getByRole("button", { name: /^Value/ }).click();
    await expect.poll(firstRow, { timeout: 30_000 }).toContain("Variants Kettle");

    // Bulk restock date from the table's selection.
    const restockDate = addDays(todayIn("UTC"), 40);
    await app.getByRole("row", { name: /Variants Mug/ }).getByRole("checkbox").check({ force: true });
    await app.getByRole("button", { name: "Set restock date" }).click();
    await app.getByLabel("Restock date (1)").fill(restockDate);
    await app.getByRole("button", { name: "Apply" }).click();
    await page.getByText("Saved. The variant is being updated in Shopify.").first().waitFor({ timeout: 30_000 });
    expect((await t.db.variantRule.findFirstOrThrow({ where: { variantId: mug } })).restockDate).toBe(restockDate);
    await t.settle();

    await app.getByRole("link", { name: "Variants Lamp" }).click();
    await app.getByText("Waiting orders (2)").waitFor({ timeout: 30_000 });

    // Stock by location in words (never "-3"), and what is on its way against the merchant's restock date.
    const tableWith = (column: string) => app.getByRole("table").filter({ has: app.getByRole("columnheader", { name: column, exact: true }) });
    const stockRows = await tableWith("Incoming").locator("tbody tr").allInnerTexts();
    expect(stockRows.map((row) => row.split(/\s+/).join(" "))).toEqual(["Warehouse 3 units oversold 6 units"]);
    const lampRestock = (await t.db.variantRule.findFirstOrThrow({ where: { variantId: lamp } })).restockDate;
    // Dates read in the shop's date style (medium by default).
    const shown = formatDate(lampRestock!, { style: "medium", locale: ADMIN_LOCALE });
    await expect(app.getByText(`6 units · restock date ${shown}`).isVisible()).resolves.toBe(true);

    const rows = tableWith("Customer").locator("tbody tr");
    await expect(rows.count()).resolves.toBe(2);
    const lines = await t.db.backorderLine.findMany({ where: { variantId: lamp, state: "waiting" }, orderBy: { queuePosition: "asc" } });
    await expect(rows.nth(0).innerText()).resolves.toContain(lines[0]!.orderName);
    await expect(rows.nth(0).innerText()).resolves.toContain("Ada Tester");
    await expect(rows.nth(1).innerText()).resolves.toContain("Grace Tester");

    // The rule form: a cap saved from the page reaches the database and the shell shows a toast.
    await app.getByLabel("Waiting cap").fill("7");
    await page.locator("#save-bar").getByRole("button", { name: "Save" }).click();
    // (The toast of the bulk change may still be showing: wait on the database.)
    await expect.poll(async () => (await t.db.variantRule.findFirst({ where: { variantId: lamp } }))?.waitingCap, { timeout: 30_000 }).toBe(7);
    expect(await t.db.variantRule.findFirstOrThrow({ where: { variantId: lamp } })).toMatchObject({ waitingCap: 7, restockDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    await t.settle();
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it("says in words how many units were sold below zero that no online order waits for", async () => {
    // A shop with a till (not fulfilling online orders) sells 3 units it does not have at Shopify POS.
    const cornerShop = shop().addLocation("Corner shop", { fulfillsOnlineOrders: false });
    const stool = addVariant("Variants Stool", "V-STOOL", "45.00", { [warehouse]: 4, [cornerShop]: 0 });
    shop().sellAtPointOfSale({ variantId: stool, locationId: cornerShop, quantity: 3 });
    await t.settle();
    const { page, app, pageErrors } = await openAppPage(t.browser, t.stack, `/app/variants/${numeric(stool)}`);
    const sentence = app.getByText("3 units sold below zero that no online order is waiting for (for example sales in your shop's point of sale).", { exact: false });
    await sentence.waitFor({ timeout: 30_000 });
    // Online, the warehouse's 4 units are still for sale.
    await expect(app.getByText("Waiting orders (0)").isVisible()).resolves.toBe(true);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
