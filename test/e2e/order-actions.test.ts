/**
 * The merchant's hand on the queue, on "Orders waiting", against the built app
 * and the sandbox: Release now and Cancel back-order, through the page's data
 * requests and in Chromium in the admin shell.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { openAppPage, storyIn } from "../support/shop-story";
import { stackForThisFile } from "../support/installed-stack";

let warehouse: string;

const t = stackForThisFile({ browser: true });
const shop = t.shop;
const { orderOf, ourHolds, variantOf, addVariant: addVariantAt, buy } = storyIn(shop);
const addVariant = (title: string) => addVariantAt(title, warehouse);

const post = (fields: Record<string, string>) => t.request("/app/orders.data", { method: "POST", fields });
const linesOf = (orderId: string) => t.db.backorderLine.findMany({ where: { orderId } });
const lineOf = (orderId: string) => t.db.backorderLine.findFirstOrThrow({ where: { orderId } });
const setMode = (fulfilmentMode: string) => t.db.shopSettings.update({ where: { shop: shop().domain }, data: { fulfilmentMode } });

beforeAll(() => {
  warehouse = shop().addLocation("Warehouse");
});

describe("Release now", () => {
  it("releases the order's hold without fulfilling it, and the next orders move up and are served first", async () => {
    await setMode("hold_fulfil");
    const lamp = addVariant("Actions Lamp");
    await t.settle();
    const [ada, grace, alan] = [buy(lamp, "Ada"), buy(lamp, "Grace"), buy(lamp, "Alan")];
    await t.settle();
    for (const order of [ada, grace, alan]) expect(ourHolds(order)).toHaveLength(1);

    const released = await post({ intent: "release", orderId: grace });
    expect(released.status, released.text).toBe(200);
    expect(released.text).toContain("released: it left the queue");
    await t.settle();

    // Released, not fulfilled by the app (the merchant ships it), untagged, out of the list for good.
    expect(ourHolds(grace)).toHaveLength(0);
    expect(orderOf(grace).fulfillmentOrders.map((fo) => fo.status)).toEqual(["OPEN"]);
    expect(orderOf(grace).fulfillments).toEqual([]);
    expect(orderOf(grace).tags).not.toContain("backorder");
    expect(await lineOf(grace)).toMatchObject({ state: "released", merchantAction: "released", waitingUnits: 0 });
    expect((await t.request("/app/orders.data")).text).not.toContain(`"${(await lineOf(grace)).orderName}"`);
    expect((await lineOf(alan)).queuePosition).toBe(2);
    expect((await lineOf(ada)).queuePosition).toBe(1);

    // A full resync does not put it back in the queue.
    const resync = await t.request("/app/activity.data", { method: "POST", fields: { intent: "resync" } });
    expect(resync.status, resync.text).toBe(200);
    await t.settle();
    expect(ourHolds(grace)).toHaveLength(0);
    expect((await lineOf(grace)).merchantAction).toBe("released");

    // The released order still owes its unit, so one unit of stock is Grace's: Ada and Alan still wait.
    shop().receiveStock(lamp, warehouse, 1);
    await t.settle();
    expect(ourHolds(ada)).toHaveLength(1);
    expect(ourHolds(alan)).toHaveLength(1);
    // The next unit goes to the oldest waiting order, and the app fulfils it (hold-and-fulfil).
    shop().receiveStock(lamp, warehouse, 1);
    await t.settle();
    expect(ourHolds(ada)).toHaveLength(0);
    expect(orderOf(ada).fulfillments).toHaveLength(1);
    expect(ourHolds(alan)).toHaveLength(1);
    expect(orderOf(grace).fulfillments).toEqual([]);

    // Already out of the queue, another shop's or unknown: 404, nothing changes.
    expect((await post({ intent: "release", orderId: grace })).status).toBe(404);
    expect((await post({ intent: "release", orderId: "gid://shopify/Order/999999999" })).status).toBe(404);
    await setMode("hold_release");
  });

  it("releases an order from the page: menu, confirmation in the admin's modal, toast", async () => {
    const kettle = addVariant("Actions Kettle");
    await t.settle();
    buy(kettle, "Barbara");
    const edsger = buy(kettle, "Edsger");
    await t.settle();
    const { orderName } = await lineOf(edsger);

    const { page, app, pageErrors } = await openAppPage(t.browser, t.stack, "/app/orders");
    await app.getByText("Actions Kettle").first().waitFor({ timeout: 30_000 });
    await app.getByRole("button", { name: `More actions for ${orderName}` }).click();
    await app.getByRole("menuitem", { name: "Release now" }).click();
    // The admin draws the modal's title from its title bar.
    await app.locator(`ui-modal[data-sandbox-open] ui-title-bar[title="Release ${orderName} now?"]`).waitFor({ timeout: 10_000 });
    await app.getByText("It leaves the queue, and the next orders move up.", { exact: false }).waitFor();
    await app.getByRole("button", { name: "Release now" }).click();
    await page.getByText(`${orderName} released: it left the queue.`).first().waitFor({ timeout: 30_000 });
    expect((await lineOf(edsger)).merchantAction).toBe("released");
    await t.settle();
    expect(ourHolds(edsger)).toHaveLength(0);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it("finishes a release the app crashed in the middle of (lines marked, no sync queued) at the next resync", async () => {
    const stool = addVariant("Actions Stool");
    await t.settle();
    const [ada, grace] = [buy(stool, "Ada"), buy(stool, "Grace")];
    await t.settle();
    // What Release now writes first, without the jobs it queues next.
    await t.db.backorderLine.updateMany({ where: { orderId: grace }, data: { merchantAction: "released", merchantActionAt: new Date(), waitingUnits: 0, queuePosition: null } });
    expect(ourHolds(grace)).toHaveLength(1);
    const resync = await t.request("/app/activity.data", { method: "POST", fields: { intent: "resync" } });
    expect(resync.status, resync.text).toBe(200);
    await t.settle();
    expect(ourHolds(grace)).toHaveLength(0);
    expect(await lineOf(grace)).toMatchObject({ state: "released", merchantAction: "released" });
    expect(ourHolds(ada)).toHaveLength(1);
    expect((await lineOf(ada)).queuePosition).toBe(1);
  });
});

describe("Cancel back-order", () => {
  it("removes the waiting units from the order with an order edit, and the rest of the line still ships", async () => {
    const mug = addVariant("Actions Mug");
    await t.settle();
    const ada = buy(mug, "Ada", 3);
    await t.settle();
    shop().receiveStock(mug, warehouse, 1);
    await t.settle();
    expect(await lineOf(ada)).toMatchObject({ waitingUnits: 2, state: "waiting" });
    expect(ourHolds(ada)).toHaveLength(1);
    const line = await lineOf(ada);

    const cancelled = await post({ intent: "cancel", lineItemId: line.lineItemId, locationId: line.locationId, notifyCustomer: "true" });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.text).toContain(`2 units removed from ${line.orderName}`);
    await t.settle();

    const order = orderOf(ada);
    expect(order.lineItems[0]!.currentQuantity).toBe(1);
    expect(ourHolds(ada)).toHaveLength(0);
    expect(order.tags).not.toContain("backorder");
    expect(await linesOf(ada)).toEqual([expect.objectContaining({ state: "cancelled", merchantAction: "cancelled", waitingUnits: 0 })]);
    // Nothing is committed beyond stock any more: the variant is no longer oversold.
    expect(variantOf(mug).levels.find((level) => level.locationId === warehouse)!.available).toBe(0);
    const logged = await t.db.activity.findFirstOrThrow({ where: { kind: "line.cancelled_by_merchant", subject: ada } });
    expect(logged.message).toContain("customer notified");

    // Twice: nothing more is removed.
    const again = await post({ intent: "cancel", lineItemId: line.lineItemId, locationId: line.locationId, notifyCustomer: "false" });
    expect(again.status).toBe(404);
    await t.settle();
    expect(orderOf(ada).lineItems[0]!.currentQuantity).toBe(1);
  });

  it("removes nothing when stock arrived since the page was loaded", async () => {
    const vase = addVariant("Actions Vase");
    await t.settle();
    const grace = buy(vase, "Grace", 2);
    await t.settle();
    const line = await lineOf(grace);
    expect(line.waitingUnits).toBe(2);
    // Stock arrives and the webhook has not been processed yet: the cancel re-reads Shopify first.
    shop().receiveStock(vase, warehouse, 2);
    const cancelled = await post({ intent: "cancel", lineItemId: line.lineItemId, locationId: line.locationId, notifyCustomer: "false" });
    expect(cancelled.status, cancelled.text).toBe(409);
    expect(cancelled.text).toContain("Nothing on");
    await t.settle();
    expect(orderOf(grace).lineItems[0]!.currentQuantity).toBe(2);
    expect(ourHolds(grace)).toHaveLength(0);
  });

  it("cancels from the page, telling the customer or not as the merchant chose", async () => {
    const jug = addVariant("Actions Jug");
    await t.settle();
    const alan = buy(jug, "Alan", 1);
    await t.settle();
    const { orderName } = await lineOf(alan);

    const { page, app, pageErrors } = await openAppPage(t.browser, t.stack, "/app/orders");
    await app.getByText("Actions Jug").first().waitFor({ timeout: 30_000 });
    await app.getByRole("button", { name: `More actions for ${orderName}` }).click();
    await app.getByRole("menuitem", { name: "Cancel back-order" }).click();
    await app.locator(`ui-modal[data-sandbox-open] ui-title-bar[title="Cancel the back-order on ${orderName}?"]`).waitFor({ timeout: 10_000 });
    await app.getByLabel("Tell the customer about the change").uncheck({ timeout: 10_000 });
    await app.getByRole("button", { name: "Cancel back-order" }).click({ timeout: 10_000 });
    await page.getByText(`1 unit removed from ${orderName}.`).first().waitFor({ timeout: 30_000 });
    const logged = await t.db.activity.findFirstOrThrow({ where: { kind: "line.cancelled_by_merchant", subject: alan } });
    expect(logged.message).not.toContain("customer notified");
    await t.settle();
    expect(orderOf(alan).lineItems[0]!.currentQuantity).toBe(0);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
