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
});
