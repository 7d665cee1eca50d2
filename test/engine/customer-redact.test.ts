/**
 * customers/redact end to end: after the customer asked for their data and then to be forgotten,
 * their name and email are nowhere in the app's database, not even in the privacy webhooks' own
 * payloads or in the stored answer to the data request.
 */
import { describe, expect, it } from "vitest";
import { stackForThisFile } from "../support/installed-stack";
import { storyIn } from "../support/shop-story";
import { findEverywhere, tableNames } from "../support/find-everywhere";

const t = stackForThisFile();
const shop = t.shop;
const { addVariant } = storyIn(shop);

describe("customers/redact", () => {
  it("leaves the customer's name and email in no table of the app's database", async () => {
    const warehouse = shop().addLocation("Redact Warehouse");
    const chair = addVariant("Redacted Chair", warehouse, 0);
    await t.settle();
    const email = "ines.moreau@example.com";
    const { orderId } = shop().placeOrder({ customer: { email, firstName: "Ines", lastName: "Moreau" }, lines: [{ variantId: chair, quantity: 2 }] });
    await t.settle();
    t.stack.sandbox.lifecycle.customerRequest("data_request", email);
    await t.settle();
    // Stored before the redaction: the search below would find it.
    expect((await findEverywhere(t.db, "Ines Moreau")).length).toBeGreaterThan(0);

    t.stack.sandbox.lifecycle.customerRequest("redact", email);
    await t.settle();

    expect(await tableNames(t.db)).toEqual(expect.arrayContaining(["Activity", "WebhookDelivery", "BackorderLine", "Job"]));
    expect(await findEverywhere(t.db, email)).toEqual([]);
    expect(await findEverywhere(t.db, "Ines Moreau")).toEqual([]);
    // The back-order itself stays: redaction removes the person, not the order.
    expect(await t.db.backorderLine.count({ where: { orderId, state: "waiting" } })).toBe(1);
  });
});
