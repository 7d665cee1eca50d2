/**
 * Customer notices end to end: the built app, the sandbox shop and its real SMTP server. A line
 * that starts waiting gets one back-order confirmation in the customer's language; a date moved
 * later gets one new-date email; duplicated and reordered webhooks and a resync send nothing twice;
 * a mail server that is down delays the email, which Activity says, and it is sent once it is up.
 * An email is written from what the app stored with the line (no read of its own), and a line
 * stored without those facts has its order read instead.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../app/domain/restock-eta";
import { describeActivity } from "../../app/i18n/activity-words";
import { DEFAULT_TEMPLATES } from "../../app/notices/templates";
import { stackForThisFile } from "../support/installed-stack";
import { shopCalendar, storyIn } from "../support/shop-story";
import type { StoredMessage } from "../sandbox/mailbox/mailbox";

const t = stackForThisFile();
const shop = t.shop;
const { addVariant } = storyIn(shop);
const numericId = (gid: string) => gid.split("/").pop()!;

let warehouse: string;
let today: string;
let handling: number;

beforeAll(async () => {
  warehouse = shop().addLocation("Notice Warehouse");
  ({ today, handling } = await shopCalendar(t.db, shop().domain));
});

const mailTo = (email: string): StoredMessage[] => t.stack.sandbox.mailbox.messages().filter((message) => message.envelope.to.includes(email));
const order = (variantId: string, firstName: string, customerLocale?: string) =>
  shop().placeOrder({
    customer: { email: `${firstName.toLowerCase()}@example.com`, firstName, lastName: "Tester" },
    lines: [{ variantId, quantity: 1 }],
    ...(customerLocale ? { customerLocale } : {}),
  }).orderId;

/** A back-orderable variant at the warehouse, sold out. */
async function soldOut(title: string): Promise<string> {
  const variant = addVariant(title, warehouse, 0, "CONTINUE");
  await t.settle();
  return variant;
}

/** The Admin API requests made since `since` (an ISO time), by operation name. */
const requestsSince = (since: string): string[] =>
  t.stack.sandbox.adminApiRequests().filter((request) => request.at >= since).map((request) => request.operationName ?? "?");

/** Polls until `check` holds, for a state the app reaches in the background (not a timing claim). */
async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

describe("customer notices", () => {
  it("confirm a line that starts waiting, once, in the customer's language, from the shop's name", async () => {
    const kettle = await soldOut("Notice Kettle");
    const since = new Date().toISOString();
    const orderId = order(kettle, "Amelie", "fr-CA");
    await t.settle();
    // The email is written from what the app stored when the line started waiting: no read of its own.
    expect(requestsSince(since)).not.toContain("NoticeOrder");

    const messages = mailTo("amelie@example.com");
    expect(messages).toHaveLength(1);
    const message = t.stack.sandbox.mailbox.message(messages[0]!.id)!;
    expect(message.from).toBe(`"${shop().snapshot().shop.name}" <orders@backorder-demo.example>`);
    expect(message.headers["x-backorder-notice"]).toBe("confirmation");
    const line = await t.db.backorderLine.findFirstOrThrow({ where: { orderId } });
    const date = new Intl.DateTimeFormat("fr", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${line.shipsOn}T00:00:00Z`));
    expect(message.subject).toContain("est en réapprovisionnement");
    expect(message.text).toContain(`Bonjour Amelie Tester,`);
    expect(message.text).toContain(`d'ici le ${date}`);
    expect(message.html).toContain(`d&#39;ici le ${date}`);
    expect(await t.db.noticeOutbox.findMany({ where: { orderId }, select: { kind: true, status: true } })).toEqual([{ kind: "confirmation", status: "sent" }]);
  });

  it("send one new-date email when the date moves later, and nothing more on duplicated webhooks and a resync", async () => {
    const lamp = await soldOut("Notice Lamp");
    order(lamp, "Bruno", "de");
    order(lamp, "Carmen", "es");
    await t.settle();
    expect(mailTo("bruno@example.com")).toHaveLength(1);
    expect(mailTo("carmen@example.com")).toHaveLength(1);

    // The supplier is late: the merchant sets a restock date well after the lines' dates.
    t.stack.sandbox.webhooks.setFaults({ duplicate: 1, reorder: true, reorderWindow: 4, seed: 5 });
    const restockDate = addDays(today, 60);
    const saved = await t.request(`/app/variants/${numericId(lamp)}.data`, { method: "POST", fields: { restockDate } });
    expect(saved.status, saved.text).toBe(200);
    await t.settle();
    // More orders and stock events, every webhook delivered twice and out of order.
    const later = order(lamp, "Dora");
    shop().setAvailable(lamp, warehouse, -3);
    await t.settle();
    const resync = await t.request("/app/activity.data", { method: "POST", fields: { intent: "resync" } });
    expect(resync.status).toBe(200);
    await t.settle();
    t.stack.sandbox.webhooks.setFaults({});

    const newDate = addDays(restockDate, handling);
    for (const [email, words] of [["bruno@example.com", "neuer Termin"], ["carmen@example.com", "nueva fecha"]] as const) {
      const messages = mailTo(email);
      expect(messages.map((message) => message.subject)).toEqual([expect.stringMatching(/Bestellung|Pedido/), expect.stringContaining(words)]);
      expect(t.stack.sandbox.mailbox.message(messages[1]!.id)!.headers["x-backorder-notice"]).toBe("new_date");
    }
    const dora = await t.db.noticeOutbox.findMany({ where: { orderId: later } });
    expect(dora.map((row) => [row.kind, row.shipsOn])).toEqual([["confirmation", newDate]]);
    expect(mailTo("dora@example.com")).toHaveLength(1);
  });

  it("wait for a mail server that is down, say so in Activity, and send once it is up", async () => {
    const chair = await soldOut("Notice Chair");
    t.stack.sandbox.mailbox.setDown(true);
    const orderId = order(chair, "Emil");
    await eventually(async () => (await t.db.noticeOutbox.count({ where: { orderId, attempts: { gte: 2 } } })) === 1, "two failed attempts");
    expect(mailTo("emil@example.com")).toHaveLength(0);

    const failed = await t.db.activity.findMany({ where: { shop: shop().domain, kind: "notice.failed", subject: orderId } });
    // Once per notice, however many retries.
    expect(failed).toHaveLength(1);
    const words = describeActivity(failed[0]!);
    expect(words.label).toBe("Customer email");
    expect(words.sentence).toMatch(/^Could not send the back-order confirmation for order #\d+: the mail server did not take it\. The app tries again/);

    t.stack.sandbox.mailbox.setDown(false);
    await t.settle();
    expect(mailTo("emil@example.com")).toHaveLength(1);
    const sent = await t.db.activity.findMany({ where: { shop: shop().domain, kind: "notice.sent", subject: orderId } });
    expect(sent.map((entry) => describeActivity(entry).sentence)).toEqual([expect.stringMatching(/^Sent the back-order confirmation for order #\d+ after \d+ tries\.$/)]);
  });

  it("send nothing the merchant turned off in Settings", async () => {
    const off = { kind: "confirmation", intent: "save", enabled: "false", subject: DEFAULT_TEMPLATES.confirmation.subject, html: DEFAULT_TEMPLATES.confirmation.html, text: DEFAULT_TEMPLATES.confirmation.text };
    expect((await t.request("/app/notices.data", { method: "POST", fields: off })).status).toBe(200);
    const rug = await soldOut("Notice Rug");
    const orderId = order(rug, "Quiet");
    await t.settle();
    expect(mailTo("quiet@example.com")).toHaveLength(0);
    expect(await t.db.noticeOutbox.findMany({ where: { orderId }, select: { status: true } })).toEqual([{ status: "skipped" }]);
    expect((await t.request("/app/notices.data", { method: "POST", fields: { ...off, enabled: "true" } })).status).toBe(200);
  });

  it("tell, from what was stored, that the rest of the order ships now when the app ships what is in stock first", async () => {
    await t.db.shopSettings.update({ where: { shop: shop().domain }, data: { fulfilmentMode: "ship_available_first" } });
    try {
      const mug = addVariant("Notice Mug", warehouse, 5, "CONTINUE");
      const teapot = await soldOut("Notice Teapot");
      const since = new Date().toISOString();
      shop().placeOrder({ customer: { email: "hanna@example.com", firstName: "Hanna", lastName: "Tester" }, lines: [{ variantId: mug, quantity: 1 }, { variantId: teapot, quantity: 1 }] });
      await t.settle();
      expect(requestsSince(since)).not.toContain("NoticeOrder");
      const messages = mailTo("hanna@example.com");
      expect(messages).toHaveLength(1);
      expect(t.stack.sandbox.mailbox.message(messages[0]!.id)!.text).toContain("The rest of your order ships now.");
    } finally {
      await t.db.shopSettings.update({ where: { shop: shop().domain }, data: { fulfilmentMode: "hold_release" } });
    }
  });

  it("read the order for a line stored without what its email needs, and still write in the customer's language", async () => {
    const vase = await soldOut("Notice Vase");
    // The first attempt fails, so the line can be made to look as one stored before the app kept these facts.
    t.stack.sandbox.mailbox.setDown(true);
    const orderId = order(vase, "Greta", "de-AT");
    await eventually(async () => (await t.db.noticeOutbox.count({ where: { orderId, attempts: { gte: 1 } } })) === 1, "a failed attempt");
    const stored = await t.db.backorderLine.findFirstOrThrow({ where: { orderId } });
    expect(stored).toMatchObject({ customerLocale: "de-AT", orderUnits: 1 });
    await t.db.backorderLine.updateMany({ where: { orderId }, data: { customerLocale: null, orderUnits: null } });

    const since = new Date().toISOString();
    t.stack.sandbox.mailbox.setDown(false);
    await t.settle();
    expect(requestsSince(since)).toContain("NoticeOrder");
    const messages = mailTo("greta@example.com");
    expect(messages).toHaveLength(1);
    const message = t.stack.sandbox.mailbox.message(messages[0]!.id)!;
    expect(message.text).toContain("Greta Tester");
    expect(message.subject).toContain("Bestellung");
  });

  // Last: it leaves the shop without protected customer data.
  it("skip, and say so, an email to an order whose address Shopify does not give the app", async () => {
    const stool = await soldOut("Notice Stool");
    t.stack.sandbox.shop.appAccess.customerData = "refused";
    const orderId = order(stool, "Hidden");
    await t.settle();
    expect(mailTo("hidden@example.com")).toHaveLength(0);
    expect(await t.db.noticeOutbox.findMany({ where: { orderId }, select: { status: true } })).toEqual([{ status: "skipped" }]);
    const skipped = await t.db.activity.findMany({ where: { shop: shop().domain, kind: "notice.skipped", subject: orderId } });
    expect(skipped.map((entry) => describeActivity(entry).sentence)).toEqual([expect.stringMatching(/^Did not send the back-order confirmation for order #\d+: the order has no email address\.$/)]);
  });
});
