/**
 * Promises from the stock actually on its way, end to end: shipments in the sandbox shop, their
 * webhooks to the built app, each waiting line's date and the storefront badge's from the same
 * computation, and every change of a line's date recorded with its cause.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { promiseChangesSince } from "../../app/engine/promise-history.server";
import { addDays } from "../../app/domain/restock-eta";
import { stackForThisFile } from "../support/installed-stack";
import { shopCalendar, storyIn } from "../support/shop-story";

const t = stackForThisFile();
const shop = t.shop;
const { variantOf, addVariant } = storyIn(shop);
const badgeDate = (variantId: string) => variantOf(variantId).metafields.find((m) => m.namespace.includes("backorder") && m.key === "ships_on")?.value ?? null;

let warehouse: string;
let today: string;
let handling: number;

beforeAll(async () => {
  warehouse = shop().addLocation("Supply warehouse");
  ({ today, handling } = await shopCalendar(t.db, shop().domain));
});

/** Each order's line: its state and date, in the order the orders were placed. */
async function linesOf(orderIds: readonly string[]) {
  const lines = await t.db.backorderLine.findMany({ where: { shop: shop().domain, orderId: { in: [...orderIds] } } });
  return orderIds.map((orderId) => lines.find((line) => line.orderId === orderId)!);
}

const customers = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "John", "Margaret", "Niklaus", "Radia", "Tony"];
/** Each customer's language, and the words of a new-date email's subject in it. */
const LOCALES = ["en", "fr", "de", "es"] as const;
const NEW_DATE_WORDS = { en: "a new date for", fr: "nouvelle date pour", de: "neuer Termin für", es: "nueva fecha para" } as const;
const localeOf = (index: number) => LOCALES[index % LOCALES.length]!;
const emailOf = (name: string) => `${name.toLowerCase()}@example.com`;
const newDateEmailsTo = (name: string) =>
  t.stack.sandbox.mailbox.messages().filter((message) => message.envelope.to.includes(emailOf(name)) && message.headers["x-backorder-notice"] === "new_date");

describe("promises from shipments on their way", () => {
  it("dates the queue from two shipments, moves exactly the lines a late shipment affects, re-dates on a partial receipt and a cancel, and nothing twice", async () => {
    const lamp = addVariant("Supply Lamp", warehouse, 0);
    await t.settle();
    const small = shop().receiveIncoming({ variantId: lamp, locationId: warehouse, quantity: 5, arrivesAt: addDays(today, 10) });
    const large = shop().receiveIncoming({ variantId: lamp, locationId: warehouse, quantity: 20, arrivesAt: addDays(today, 30) });
    const orders: string[] = [];
    for (const [index, name] of customers.entries()) {
      orders.push(shop().placeOrder({ customer: { email: emailOf(name), firstName: name, lastName: "Tester" }, lines: [{ variantId: lamp, quantity: 1 }], customerLocale: localeOf(index) }).orderId);
      await t.settle();
    }

    // Day 10 + handling for the 5 oldest, day 30 + handling for the next 7; the next shopper is on the large one too.
    const day10 = addDays(today, 10 + handling);
    const day30 = addDays(today, 30 + handling);
    expect((await linesOf(orders)).map((line) => line.shipsOn)).toEqual([...Array(5).fill(day10), ...Array(7).fill(day30)]);
    expect(badgeDate(lamp)).toBe(day30);
    const firstDates = await promiseChangesSince(t.db, shop().domain, new Date(0));
    expect(firstDates.filter((event) => orders.includes(event.orderId)).map((event) => [event.cause, event.toDate])).toEqual([...Array(5).fill(["first_date", day10]), ...Array(7).fill(["first_date", day30])]);

    // The small shipment is 7 days late: its 5 lines move, the 7 behind them on the large one do not.
    let since = new Date();
    shop().setShipmentArrival(small.shipmentId, addDays(today, 17));
    await t.settle();
    const day17 = addDays(today, 17 + handling);
    expect((await linesOf(orders)).map((line) => line.shipsOn)).toEqual([...Array(5).fill(day17), ...Array(7).fill(day30)]);
    const late = await promiseChangesSince(t.db, shop().domain, since);
    expect(late.map((event) => [event.orderId, event.fromDate, event.toDate, event.cause])).toEqual(orders.slice(0, 5).map((orderId) => [orderId, day10, day17, "shipment_late"]));
    // Exactly those 5 customers get one new-date email each, in their own language.
    const newDateEmails = () => customers.map((name) => newDateEmailsTo(name).map((message) => message.subject));
    const toldLate = customers.map((_, index) => (index < 5 ? [expect.stringContaining(NEW_DATE_WORDS[localeOf(index)])] : []));
    expect(newDateEmails()).toEqual(toldLate);
    // Each says why (the shipment is late) and offers the cancel link.
    const adaEmail = t.stack.sandbox.mailbox.message(newDateEmailsTo("Ada")[0]!.id)!;
    expect(adaEmail.text).toContain("Our supplier's delivery is late.");
    expect(adaEmail.text).toMatch(/\/backorder\/cancel\/[\w.-]+/);

    // Under duplicated and reordered webhooks: 8 units of the large shipment come early. The 8
    // oldest lines are released; the 4 left now come on the small shipment's 5 units.
    t.stack.sandbox.webhooks.setFaults({ duplicate: 0.9, reorder: true, reorderWindow: 4, seed: 15 });
    try {
      since = new Date();
      shop().receiveShipment(large.shipmentId, 8);
      await t.settle();
      const lines = await linesOf(orders);
      expect(lines.map((line) => line.state)).toEqual([...Array(8).fill("released"), ...Array(4).fill("waiting")]);
      expect(lines.slice(8).map((line) => line.shipsOn)).toEqual(Array(4).fill(day17));
      const receipt = await promiseChangesSince(t.db, shop().domain, since);
      expect(receipt.filter((event) => event.cause !== "released").map((event) => [event.orderId, event.fromDate, event.toDate, event.cause])).toEqual(orders.slice(8).map((orderId) => [orderId, day30, day17, "partly_received"]));
      expect(receipt.filter((event) => event.cause === "released").map((event) => event.orderId).sort()).toEqual(orders.slice(0, 8).sort());
      // One unit of the small shipment is left for the next shopper.
      expect(badgeDate(lamp)).toBe(day17);

      // The small shipment's transfer is canceled: the 4 lines wait for the large one again.
      since = new Date();
      shop().cancelTransfer(small.transferId);
      await t.settle();
      expect((await linesOf(orders.slice(8))).map((line) => line.shipsOn)).toEqual(Array(4).fill(day30));
      const cancelled = await promiseChangesSince(t.db, shop().domain, since);
      expect(cancelled.map((event) => [event.orderId, event.cause])).toEqual(orders.slice(8).map((orderId) => [orderId, "shipment_cancelled"]));
      expect(badgeDate(lamp)).toBe(day30);
    } finally {
      t.stack.sandbox.webhooks.setFaults({});
    }

    // Dates that moved earlier, or back to what the customer was told, send nothing; duplicated and
    // reordered webhooks sent nothing twice.
    expect(newDateEmails()).toEqual(toldLate);

    // The variant page lists what is still on its way, where, and how far along.
    const page = await t.request(`/app/variants/${lamp.split("/").pop()}.data`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Supply warehouse");
    expect(page.text).toContain("partly_received");

    // A resync reads every transfer again and changes nothing.
    since = new Date();
    const resync = await t.request("/app/activity.data", { method: "POST", fields: { intent: "resync" } });
    expect(resync.status, resync.text).toBe(200);
    await t.settle();
    expect(await promiseChangesSince(t.db, shop().domain, since)).toEqual([]);
    expect(await t.db.supplyLine.findMany({ where: { shop: shop().domain, variantId: lamp }, select: { quantity: true, status: true }, orderBy: { quantity: "asc" } })).toEqual([
      { quantity: 0, status: "cancelled" },
      { quantity: 12, status: "partly_received" },
    ]);
  });
});
