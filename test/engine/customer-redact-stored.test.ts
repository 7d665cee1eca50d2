/** customers/redact on a real (migrated) SQLite database: emails match whatever their case, and work still waiting keeps its ids. */
import { describe, expect, it } from "vitest";
import { answerDataRequest, redactCustomer } from "../../app/engine/compliance.server";
import { databaseForEachTest } from "../support/database-per-test";
import { findEverywhere } from "../support/find-everywhere";

const SHOP = "privacy.myshopify.com";
const ORDER = 5001;
const customer = { id: 77, email: "Ada.Lovelace@Example.COM", phone: null };

describe("redactCustomer", () => {
  const t = databaseForEachTest();

  const seed = async () => {
    await t.db.backorderLine.create({
      data: {
        shop: SHOP, lineItemId: "gid://shopify/LineItem/1", orderId: `gid://shopify/Order/${ORDER}`, orderName: "#1001", orderedAt: new Date("2026-11-20T10:00:00Z"),
        variantId: "gid://shopify/ProductVariant/9", locationId: "gid://shopify/Location/1", quantity: 1, waitingUnits: 1,
        customerEmail: "ada.lovelace@example.com", customerName: "Ada Lovelace", customerLocale: "en-GB",
      },
    });
    const order = { id: ORDER, email: "ADA.LOVELACE@example.com", customer: { id: customer.id, first_name: "Ada", last_name: "Lovelace" }, shipping_address: { name: "Ada Lovelace" } };
    await t.db.webhookDelivery.createMany({
      data: [
        { webhookId: "w-processed", shop: SHOP, topic: "orders/create", apiVersion: "2026-10", payload: JSON.stringify(order), status: "processed" },
        { webhookId: "w-waiting", shop: SHOP, topic: "orders/updated", apiVersion: "2026-10", payload: JSON.stringify(order), status: "pending" },
        { webhookId: "w-request", shop: SHOP, topic: "customers/data_request", apiVersion: "2026-10", payload: JSON.stringify({ customer, orders_requested: [ORDER] }), status: "processed" },
        { webhookId: "w-redact", shop: SHOP, topic: "customers/redact", apiVersion: "2026-10", payload: JSON.stringify({ customer, orders_to_redact: [ORDER] }) },
        { webhookId: "w-other", shop: SHOP, topic: "orders/create", apiVersion: "2026-10", payload: JSON.stringify({ id: 6001, email: "grace@example.com" }), status: "processed" },
      ],
    });
    await answerDataRequest(t.db, SHOP, { customer, orders_requested: [ORDER] }, "w-request");
  };

  it("finds the customer by email whatever its case, and leaves their name and email nowhere", async () => {
    await seed();
    expect(await findEverywhere(t.db, "ada lovelace")).not.toEqual([]);
    await redactCustomer(t.db, SHOP, { customer: { ...customer, email: "ada.lovelace@EXAMPLE.com" }, orders_to_redact: [] }, "w-redact");
    expect(await findEverywhere(t.db, "ada.lovelace@example.com")).toEqual([]);
    expect(await findEverywhere(t.db, "Ada Lovelace")).toEqual([]);
    // Her language goes with her name: the line keeps the order, not the person.
    expect(await t.db.backorderLine.findFirstOrThrow({ where: { shop: SHOP } })).toMatchObject({ customerEmail: null, customerName: null, customerLocale: null, orderName: "#1001" });
    // Someone else's delivery is untouched.
    expect(JSON.parse((await t.db.webhookDelivery.findUniqueOrThrow({ where: { webhookId: "w-other" } })).payload)).toEqual({ id: 6001, email: "grace@example.com" });
  });

  it("keeps the ids a waiting delivery's job needs, and the data request answer without the person", async () => {
    await seed();
    await redactCustomer(t.db, SHOP, { customer, orders_to_redact: [ORDER] }, "w-redact");
    const waiting = JSON.parse((await t.db.webhookDelivery.findUniqueOrThrow({ where: { webhookId: "w-waiting" } })).payload);
    expect(waiting).toMatchObject({ id: ORDER, email: null, customer: { id: customer.id }, shipping_address: { name: null } });
    const answer = await t.db.activity.findFirstOrThrow({ where: { kind: "compliance.data_request" } });
    expect(JSON.parse(answer.details!)).toEqual([expect.objectContaining({ order: "#1001", quantity: 1, customerName: null, customerEmail: null, customerLocale: null })]);
  });
});
