/**
 * "Orders waiting" against the built app: data requests signed with a session
 * token as App Bridge sends them, the engine releasing holds in the order the
 * merchant chose, and Chromium in the sandbox admin shell.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { PrismaClient } from "@prisma/client";
import { launchChromium } from "../support/browser";
import { openAppPage, storyIn } from "../support/shop-story";
import { appRequest as sharedAppRequest, settle, startInstalledStack } from "../support/engine";
import { type Stack } from "../support/stack";

let stack: Stack;
let browser: Browser;
let db: PrismaClient;
let warehouse: string;

const shop = () => stack.sandbox.shop;
const { ourHolds, addVariant: addVariantAt, buy } = storyIn(shop);
const addVariant = (title: string) => addVariantAt(title, warehouse);



const appRequest = (path: string, init?: Parameters<typeof sharedAppRequest>[2]) => sharedAppRequest(stack, path, init);
const post = (fields: Record<string, string>) => appRequest("/app/orders.data", { method: "POST", fields });
const lineOf = (orderId: string) => db.backorderLine.findFirstOrThrow({ where: { orderId } });

beforeAll(async () => {
  [{ stack, db }, browser] = await Promise.all([startInstalledStack(), launchChromium()]);
  warehouse = shop().addLocation("Warehouse");
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await db?.$disconnect();
  await stack?.stop();
});

describe("orders waiting", () => {
  it("lists the waiting orders, and a moved order is released first by the next restock", async () => {
    const lantern = addVariant("Orders Lantern");
    await settle(stack, db);
    const older = buy(lantern, "Ada");
    const newer = buy(lantern, "Grace");
    await settle(stack, db);
    expect(ourHolds(older)).toHaveLength(1);
    expect(ourHolds(newer)).toHaveLength(1);
    const [olderLine, newerLine] = [await lineOf(older), await lineOf(newer)];
    expect([olderLine.queuePosition, newerLine.queuePosition]).toEqual([1, 2]);

    const listing = await appRequest("/app/orders.data");
    expect(listing.status, listing.text).toBe(200);
    expect(listing.text).toContain("Orders Lantern");
    expect(listing.text.indexOf(olderLine.orderName)).toBeLessThan(listing.text.indexOf(newerLine.orderName));
    const searched = await appRequest(`/app/orders.data?q=grace`);
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
    const job = await db.job.findFirstOrThrow({ where: { kind: "sync-variant", subject: lantern } });
    expect(job.source).toBe("merchant");
    await settle(stack, db);
    expect((await lineOf(newer)).queuePosition).toBe(1);
    expect((await lineOf(older)).queuePosition).toBe(2);

    shop().receiveStock(lantern, warehouse, 1);
    await settle(stack, db);
    expect(ourHolds(newer)).toHaveLength(0);
    expect(ourHolds(older)).toHaveLength(1);
    expect((await lineOf(newer)).state).toBe("released");
    expect((await lineOf(older)).state).toBe("waiting");
  });

  it("moves an order to the front from the page in the admin shell", async () => {
    const stove = addVariant("Orders Stove");
    await settle(stack, db);
    buy(stove, "Alan");
    const newer = buy(stove, "Edsger");
    await settle(stack, db);
    const { orderName } = await lineOf(newer);

    const { page, app, pageErrors } = await openAppPage(browser, stack, "/app/orders");
    await app.getByText("Orders Stove").first().waitFor({ timeout: 30_000 });
    await app.getByRole("button", { name: `Move to front ${orderName}` }).click();
    await page.getByText(`${orderName} moved to the front of the queue.`).first().waitFor({ timeout: 30_000 });
    await app.getByText("Priority 1").first().waitFor({ timeout: 30_000 });
    expect((await lineOf(newer)).priority).toBe(1);
    expect(pageErrors).toEqual([]);
    await page.close();
    await settle(stack, db);
  });
});
