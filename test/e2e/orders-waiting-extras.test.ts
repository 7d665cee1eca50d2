/**
 * Orders waiting and the variant page in Chromium: the suggestion to move orders to a location that
 * has the units (as the variant page shows it), an order Shopify no longer shows the app (its
 * actions say why they cannot be used, instead of failing), and locations that do not sell online.
 * Last, the sandbox's controls page, where a newcomer refuses customer data to see "Customer hidden".
 */
import { beforeAll, describe, expect, it } from "vitest";
import { stackForThisFile } from "../support/installed-stack";
import { openAppPage, storyIn } from "../support/shop-story";
import { assertAccessible } from "../support/axe";
import { openPage } from "../support/browser";
import { strings } from "../../app/i18n/strings";

const t = stackForThisFile({ browser: true });
const shop = t.shop;
const { orderOf, ourHolds, addVariant, buy } = storyIn(shop);
const DAY = 86_400_000;
let main: string;
let store: string;
let till: string;

beforeAll(() => {
  main = shop().addLocation("Main warehouse");
  store = shop().addLocation("Downtown store");
  till = shop().addLocation("Market stall", { fulfillsOnlineOrders: false });
});

const appFrame = (page: import("playwright-core").Page) => page.frame({ name: "app-iframe" })!;

describe("Orders waiting in suggest mode", () => {
  it("shows which orders could ship now from another location, and moves them on a click", async () => {
    const stool = shop().addProduct({
      title: "Listed Stool",
      vendor: "V",
      productType: "Furniture",
      variants: [{ title: "Default Title", sku: "LISTED-STOOL", price: "40.00", inventoryPolicy: "DENY", stock: { [main]: 0, [store]: 0 } }],
    }).variantIds[0]!;
    await t.db.shopSettings.update({ where: { shop: shop().domain }, data: { locationMoves: "suggest" } });
    await t.settle();
    const orders = [buy(stool, "Ada", 2), buy(stool, "Bea", 1)];
    await t.settle();
    shop().setAvailable(stool, store, 5);
    await t.settle();

    const { page, app, pageErrors } = await openAppPage(t.browser, t.stack, "/app/orders");
    try {
      const suggestion = app.getByText(strings.locationMoves.couldShipVariant(2, "Listed Stool", "Downtown store"));
      await suggestion.waitFor({ timeout: 30_000 });
      await assertAccessible(appFrame(page), "Orders waiting with a move suggestion");
      await app.getByRole("button", { name: strings.locationMoves.move(2) }).click();
      await suggestion.waitFor({ state: "detached", timeout: 30_000 });
      await t.settle();
      for (const orderId of orders) {
        expect(orderOf(orderId).fulfillmentOrders.filter((fo) => fo.status !== "CLOSED").map((fo) => fo.locationId)).toEqual([store]);
        expect(ourHolds(orderId)).toHaveLength(0);
      }
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
      await t.db.shopSettings.update({ where: { shop: shop().domain }, data: { locationMoves: "off" } });
    }
  });
});

describe("an order Shopify no longer shows the app", () => {
  it("offers Release now and Cancel back-order disabled, saying why, and refuses them with that reason", async () => {
    const chair = addVariant("Window Chair", main, 0);
    await t.settle();
    const { orderId: old } = shop().placeOrder({
      customer: { email: "olga@example.com", firstName: "Olga", lastName: "Tester" },
      lines: [{ variantId: chair, quantity: 1 }],
      createdAt: new Date(Date.now() - 70 * DAY).toISOString(),
    });
    await t.settle();
    t.stack.sandbox.lifecycle.revokeScopes(["read_all_orders"]);
    // A restock date moves the waiting order's ship date: its sync finds Shopify no longer shows it.
    const restockDate = new Date(Date.now() + 20 * DAY).toISOString().slice(0, 10);
    const dated = await t.request(`/app/variants/${chair.split("/").pop()}.data`, { method: "POST", fields: { restockDate } });
    expect(dated.status, dated.text).toBe(200);
    await t.settle();
    const line = await t.db.backorderLine.findFirstOrThrow({ where: { orderId: old } });
    expect(line.orderUnreadableAt).not.toBeNull();

    const release = await t.request("/app/orders.data", { method: "POST", fields: { intent: "release", orderId: old } });
    expect(release.status).toBe(409);
    expect(release.text).toContain(strings.orders.unreadable(line.orderName));
    const cancel = await t.request("/app/orders.data", { method: "POST", fields: { intent: "cancel", lineItemId: line.lineItemId, locationId: line.locationId, notifyCustomer: "false" } });
    expect(cancel.status).toBe(409);
    expect((await t.db.backorderLine.findFirstOrThrow({ where: { orderId: old } })).merchantAction).toBeNull();

    const { page, app, pageErrors } = await openAppPage(t.browser, t.stack, "/app/orders");
    try {
      await app.getByRole("button", { name: strings.orders.moreActions(line.orderName) }).click();
      const releaseItem = app.getByRole("menuitem", { name: new RegExp(strings.orders.releaseNow) });
      await releaseItem.waitFor({ timeout: 10_000 });
      expect(await releaseItem.isDisabled()).toBe(true);
      expect(await app.getByRole("menuitem", { name: new RegExp(strings.orders.cancelBackorder) }).isDisabled()).toBe(true);
      expect(await app.getByText(strings.orders.unreadableHelp).count()).toBe(2);
      await assertAccessible(appFrame(page), "Orders waiting with an order out of the app's sight");
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe("the variant page's stock table", () => {
  it("marks a location that does not sell online", async () => {
    const mug = shop().addProduct({
      title: "Stall Mug",
      vendor: "V",
      productType: "Drinkware",
      variants: [{ title: "Default Title", sku: "STALL-MUG", price: "12.00", inventoryPolicy: "DENY", stock: { [main]: 0, [till]: 4 } }],
    }).variantIds[0]!;
    shop().setAvailable(mug, main, 0);
    await t.settle();
    const { page, app, pageErrors } = await openAppPage(t.browser, t.stack, `/app/variants/${mug.split("/").pop()}`);
    try {
      const stall = app.getByRole("row").filter({ hasText: "Market stall" });
      await stall.waitFor({ timeout: 30_000 });
      expect(await stall.getByText(strings.variants.notOnline).count()).toBe(1);
      expect(await app.getByRole("row").filter({ hasText: "Main warehouse" }).getByText(strings.variants.notOnline).count()).toBe(0);
      await assertAccessible(appFrame(page), "variant page with a location that does not sell online");
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe("the sandbox's controls page", () => {
  it("refuses protected customer data with one click: the next order waits as \"Customer hidden\"", async () => {
    const lamp = await storyIn(shop).backOrderedVariant("Hidden Lamp", main, t.settle);
    const controls = await openPage(t.browser);
    try {
      await controls.goto(`${t.stack.sandbox.url}/sandbox/controls`);
      await controls.getByRole("button", { name: "Refuse customer data" }).click();
      await controls.getByRole("button", { name: "Approve customer data" }).waitFor({ timeout: 10_000 });
    } finally {
      await controls.close();
    }
    const hidden = buy(lamp, "Hilde");
    await t.settle();
    const line = await t.db.backorderLine.findFirstOrThrow({ where: { orderId: hidden } });
    expect(line).toMatchObject({ customerName: null, customerEmail: null, state: "waiting" });

    const { page, app, pageErrors } = await openAppPage(t.browser, t.stack, "/app/orders");
    try {
      const row = app.getByRole("row").filter({ hasText: line.orderName });
      await row.waitFor({ timeout: 30_000 });
      expect(await row.getByText(strings.orders.customerHidden).count()).toBe(1);
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
      const restored = await fetch(`${t.stack.sandbox.url}/sandbox/app/access`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ customerData: "approved" }) });
      await restored.arrayBuffer();
    }
  });
});
