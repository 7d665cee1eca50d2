/**
 * The customer's self-service cancel link, in Chromium against the built app and the sandbox: the
 * link from the app's real new-date email, the page in the customer's language, the order edited once, the same link again, a tampered one and an
 * expired one changing nothing.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { cancelLinkFor, type CancelLinkSettings } from "../../app/engine/customer-cancel.server";
import { assertAccessible } from "../support/axe";
import { openPage } from "../support/browser";
import { stackForThisFile } from "../support/installed-stack";
import { addDays } from "../../app/domain/restock-eta";
import { shopCalendar, storyIn } from "../support/shop-story";
import { TEST_APP } from "../support/stack";

let warehouse: string;

const t = stackForThisFile({ browser: true });
const shop = t.shop;
const { orderOf, ourHolds, addVariant, buy } = storyIn(shop);
const lineOf = (orderId: string) => t.db.backorderLine.findFirstOrThrow({ where: { orderId } });
const settings = (): CancelLinkSettings => ({ apiSecret: TEST_APP.apiSecret, appUrl: t.stack.appUrl, days: 30 });

beforeAll(() => {
  warehouse = shop().addLocation("Cancel warehouse");
});

/**
 * An order of 3 of which 2 wait, in the customer's language; the merchant then sets a restock date
 * later than the line's date, and the app's new-date email carries the cancel link: the link is
 * read from that real message in the sandbox's mailbox.
 */
async function waitingOrderToldByEmail(title: string, firstName: string, customerLocale: string) {
  const variant = addVariant(title, warehouse);
  await t.settle();
  const email = `${firstName.toLowerCase()}@example.com`;
  const orderId = shop().placeOrder({ customer: { email, firstName, lastName: "Tester" }, lines: [{ variantId: variant, quantity: 3 }], customerLocale }).orderId;
  await t.settle();
  shop().receiveStock(variant, warehouse, 1);
  await t.settle();
  const line = await lineOf(orderId);
  expect(line).toMatchObject({ waitingUnits: 2, state: "waiting" });
  const { today } = await shopCalendar(t.db, shop().domain);
  const saved = await t.request(`/app/variants/${variant.split("/").pop()}.data`, { method: "POST", fields: { restockDate: addDays(today, 90) } });
  expect(saved.status, saved.text).toBe(200);
  await t.settle();
  const newDate = t.stack.sandbox.mailbox.messages().find((message) => message.envelope.to.includes(email) && message.headers["x-backorder-notice"] === "new_date");
  const text = newDate ? t.stack.sandbox.mailbox.message(newDate.id)?.text ?? "" : "";
  const link = /https?:\/\/\S+\/backorder\/cancel\/[\w.-]+/.exec(text)?.[0];
  if (!link) throw new Error(`No new-date email with a cancel link to ${email}: ${text || "no message"}`);
  return { orderId, line, link };
}

/** An order of 3 of which 2 wait: the customer's line, its order and its link. */
async function waitingOrder(title: string, customer: string, locale: string, now?: Date) {
  const variant = addVariant(title, warehouse);
  await t.settle();
  const orderId = buy(variant, customer, 3);
  await t.settle();
  shop().receiveStock(variant, warehouse, 1);
  await t.settle();
  const line = await lineOf(orderId);
  expect(line).toMatchObject({ waitingUnits: 2, state: "waiting" });
  const link = await cancelLinkFor({ shop: shop().domain, lineItemId: line.lineItemId, locale, ...(now ? { now } : {}) }, settings());
  return { orderId, line, link };
}

async function open(link: string): Promise<{ page: Page; status: number | undefined }> {
  const page = await openPage(t.browser);
  const response = await page.goto(link);
  return { page, status: response?.status() };
}

describe("the cancel link from a back-order email", () => {
  it("shows what waits in the customer's language, cancels it with an order edit once, and the same link again changes nothing", async () => {
    const { orderId, line, link } = await waitingOrderToldByEmail("Cancel Lantern", "Amelie", "fr-FR");
    expect(link.startsWith(`${t.stack.appUrl}/backorder/cancel/`)).toBe(true);

    const { page, status } = await open(link);
    expect(status).toBe(200);
    await page.getByRole("heading", { name: "Annuler vos articles en attente ?" }).waitFor();
    await page.getByText(`Commande ${line.orderName} : 2 articles « Cancel Lantern » encore en attente de stock.`).waitFor();
    expect(await page.locator("main").getAttribute("lang")).toBe("fr");
    await assertAccessible(page, "the cancel page, before confirming");
    // Looking changes nothing.
    expect(orderOf(orderId).lineItems[0]!.currentQuantity).toBe(3);

    await page.getByRole("button", { name: "Annuler ces articles" }).click();
    await page.getByRole("heading", { name: "Vos articles en attente sont annulés" }).waitFor({ timeout: 30_000 });
    await page.getByText(`2 articles « Cancel Lantern » retirés de la commande ${line.orderName}.`).waitFor();
    // The sandbox's variant costs 20.00 in the shop's currency: 2 units are 40.00 owed back.
    await page.getByText(/Un remboursement de 40,00\s.+ vous est dû/).waitFor();
    await assertAccessible(page, "the cancel page, cancelled");

    // The merchant's own order edit: the waiting units left the order, the rest still ships.
    const order = orderOf(orderId);
    expect(order.lineItems[0]!.currentQuantity).toBe(1);
    expect(order.edits).toHaveLength(1);
    expect(order.edits[0]).toMatchObject({ notifyCustomer: true, lineChanges: [expect.objectContaining({ delta: -2, restock: true })] });
    expect(order.edits[0]!.staffNote).toContain("customer's request");
    expect(await lineOf(orderId)).toMatchObject({ merchantAction: "cancelled", waitingUnits: 0 });
    const logged = await t.db.activity.findFirstOrThrow({ where: { kind: "line.cancelled_by_customer", subject: orderId } });
    expect(logged).toMatchObject({ source: "customer", message: expect.stringContaining(`The customer cancelled the back-ordered items of ${line.orderName} from the link in their email`) });
    // The merchant reads it in Activity, caused by the customer's link.
    const activity = (await t.request("/app/activity.data")).text;
    expect(activity).toContain(`The customer cancelled the back-ordered items of ${line.orderName} from the link in their email.`);
    expect(activity).toContain("Cancelled by the customer");
    await t.settle();
    expect(ourHolds(orderId)).toHaveLength(0);
    expect(await lineOf(orderId)).toMatchObject({ state: "cancelled", merchantAction: "cancelled" });

    // The same link again, opened and confirmed (a reload of the POST): already cancelled, nothing more removed.
    const again = await open(link);
    await again.page.getByRole("heading", { name: "Ces articles sont déjà annulés" }).waitFor();
    const reposted = await again.page.evaluate(async (url) => (await fetch(url, { method: "POST" })).status, link);
    expect(reposted).toBe(200);
    await t.settle();
    expect(orderOf(orderId).lineItems[0]!.currentQuantity).toBe(1);
    expect(orderOf(orderId).edits).toHaveLength(1);
    expect(await t.db.activity.count({ where: { kind: "line.cancelled_by_customer", subject: orderId } })).toBe(1);
    await page.context().close();
    await again.page.context().close();
  });

  it("a tampered link gets a clear page and changes nothing, even when confirmed", async () => {
    const { orderId, link } = await waitingOrder("Cancel Kettle", "Bruno", "de");
    const [header, payload, signature] = link.slice(link.lastIndexOf("/") + 1).split(".") as [string, string, string];
    const otherClaims = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, "base64url").toString()), exp: 4_102_444_800 })).toString("base64url");
    const tampered = `${link.slice(0, link.lastIndexOf("/") + 1)}${header}.${otherClaims}.${signature}`;

    const { page, status } = await open(tampered);
    expect(status).toBe(400);
    await page.getByRole("heading", { name: "This link does not work" }).waitFor();
    await assertAccessible(page, "the cancel page, a tampered link");
    expect(await page.getByRole("button").count()).toBe(0);
    const posted = await page.evaluate(async (url) => (await fetch(url, { method: "POST" })).status, tampered);
    expect(posted).toBe(400);
    await t.settle();
    expect(orderOf(orderId).lineItems[0]!.currentQuantity).toBe(3);
    expect(orderOf(orderId).edits).toEqual([]);
    expect(await lineOf(orderId)).toMatchObject({ state: "waiting", merchantAction: null, waitingUnits: 2 });
    await page.context().close();
  });

  it("an expired link says so in the customer's language and changes nothing", async () => {
    const made = new Date(Date.now() - 31 * 86_400_000);
    const { orderId, link } = await waitingOrder("Cancel Teapot", "Carmen", "es", made);

    const { page, status } = await open(link);
    expect(status).toBe(410);
    await page.getByRole("heading", { name: "Este enlace ha caducado" }).waitFor();
    await assertAccessible(page, "the cancel page, an expired link");
    const posted = await page.evaluate(async (url) => (await fetch(url, { method: "POST" })).status, link);
    expect(posted).toBe(410);
    await t.settle();
    expect(orderOf(orderId).lineItems[0]!.currentQuantity).toBe(3);
    expect(await lineOf(orderId)).toMatchObject({ state: "waiting", merchantAction: null, waitingUnits: 2 });
    await page.context().close();
  });

  it("a line that was released to ship is no longer cancellable", async () => {
    const { orderId, line, link } = await waitingOrder("Cancel Vase", "Dora", "en");
    shop().receiveStock(line.variantId, warehouse, 2);
    await t.settle();
    expect((await lineOf(orderId)).state).toBe("released");

    const { page } = await open(link);
    await page.getByRole("heading", { name: "These items are no longer waiting" }).waitFor();
    expect(await page.getByRole("button").count()).toBe(0);
    expect(orderOf(orderId).lineItems[0]!.currentQuantity).toBe(3);
    await page.context().close();
  });
});
