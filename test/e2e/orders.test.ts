/**
 * "Orders waiting" against the built app: data requests signed with a session
 * token as App Bridge sends them, the engine releasing holds in the order the
 * merchant chose, and Chromium in the sandbox admin shell.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { openAppPage, storyIn } from "../support/shop-story";
import { stackForThisFile } from "../support/installed-stack";
import { addDays } from "../../app/domain/restock-eta";
import { todayIn } from "../../app/engine/settings.server";

let warehouse: string;

const t = stackForThisFile({ browser: true });
const shop = t.shop;
const { ourHolds, addVariant: addVariantAt, buy } = storyIn(shop);
const addVariant = (title: string) => addVariantAt(title, warehouse);

const post = (fields: Record<string, string>) => t.request("/app/orders.data", { method: "POST", fields });
const lineOf = (orderId: string) => t.db.backorderLine.findFirstOrThrow({ where: { orderId } });

beforeAll(() => {
  warehouse = shop().addLocation("Warehouse");
});

describe("orders waiting", () => {
  it("lists the waiting orders, and a moved order is released first by the next restock", async () => {
    const lantern = addVariant("Orders Lantern");
    await t.settle();
    const older = buy(lantern, "Ada");
    const newer = buy(lantern, "Grace");
    await t.settle();
    expect(ourHolds(older)).toHaveLength(1);
    expect(ourHolds(newer)).toHaveLength(1);
    const [olderLine, newerLine] = [await lineOf(older), await lineOf(newer)];
    expect([olderLine.queuePosition, newerLine.queuePosition]).toEqual([1, 2]);

    const listing = await t.request("/app/orders.data");
    expect(listing.status, listing.text).toBe(200);
    expect(listing.text).toContain("Orders Lantern");
    expect(listing.text.indexOf(olderLine.orderName)).toBeLessThan(listing.text.indexOf(newerLine.orderName));
    const searched = await t.request(`/app/orders.data?q=grace`);
    expect(searched.text).toContain(newerLine.orderName);
    expect(searched.text).not.toContain(`"${olderLine.orderName}"`);

    // Input errors and foreign orders.
    expect((await post({ intent: "delete", orderId: newer })).status).toBe(400);
    expect((await post({ intent: "front", orderId: "not-an-order" })).status).toBe(400);
    expect((await post({ intent: "front", orderId: "gid://shopify/Order/999999999" })).status).toBe(404);

    const moved = await post({ intent: "front", orderId: newer });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.text).toContain("moved to the front");
    expect((await lineOf(newer)).priority).toBe(1);
    const job = await t.db.job.findFirstOrThrow({ where: { kind: "sync-variant", subject: lantern } });
    expect(job.source).toBe("merchant");
    await t.settle();
    expect((await lineOf(newer)).queuePosition).toBe(1);
    expect((await lineOf(older)).queuePosition).toBe(2);

    shop().receiveStock(lantern, warehouse, 1);
    await t.settle();
    expect(ourHolds(newer)).toHaveLength(0);
    expect(ourHolds(older)).toHaveLength(1);
    expect((await lineOf(newer)).state).toBe("released");
    expect((await lineOf(older)).state).toBe("waiting");
  });

  it("moves an order to the front from the page in the admin shell", async () => {
    const stove = addVariant("Orders Stove");
    await t.settle();
    buy(stove, "Alan");
    const newer = buy(stove, "Edsger");
    await t.settle();
    const { orderName } = await lineOf(newer);

    const { page, app, pageErrors } = await openAppPage(t.browser, t.stack, "/app/orders");
    await app.getByText("Orders Stove").first().waitFor({ timeout: 30_000 });
    await app.getByRole("button", { name: `Move to front ${orderName}` }).click();
    await page.getByText(`${orderName} moved to the front of the queue.`).first().waitFor({ timeout: 30_000 });
    await app.getByText("Priority 1").first().waitFor({ timeout: 30_000 });
    expect((await lineOf(newer)).priority).toBe(1);
    expect(pageErrors).toEqual([]);
    await page.close();
    await t.settle();
  });

  it("opens the lines past their ship date from the Home alert", async () => {
    const kettle = addVariant("Orders Late Kettle");
    await t.settle();
    const late = buy(kettle, "Barbara");
    const onTime = buy(kettle, "Ken");
    await t.settle();
    // Time passed: the date the first order was promised is now yesterday in the shop.
    const settings = await t.db.shopSettings.findUniqueOrThrow({ where: { shop: shop().domain } });
    await t.db.backorderLine.updateMany({ where: { orderId: late }, data: { promisedOn: addDays(todayIn(settings.timezone), -1), shipsOn: addDays(todayIn(settings.timezone), -1) } });
    const [lateName, onTimeName] = [(await lineOf(late)).orderName, (await lineOf(onTime)).orderName];

    const { page, app, pageErrors } = await openAppPage(t.browser, t.stack, "/app");
    await app.getByText("1 waiting line past its ship date").waitFor({ timeout: 30_000 });
    await app.getByRole("link", { name: "View orders" }).click();
    await app.getByRole("checkbox", { name: "Only lines past their ship date" }).waitFor({ timeout: 30_000 });
    await expect(app.getByRole("checkbox", { name: "Only lines past their ship date" }).isChecked()).resolves.toBe(true);
    await app.getByText(lateName, { exact: true }).waitFor({ timeout: 30_000 });
    await expect(app.getByText(onTimeName, { exact: true }).count()).resolves.toBe(0);
    // And back to every waiting line.
    // The box follows the URL, so it changes once the list has reloaded: click its label, then wait for the list.
    await app.getByText("Only lines past their ship date").click();
    await app.getByText(onTimeName, { exact: true }).waitFor({ timeout: 30_000 });
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
