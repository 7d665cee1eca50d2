import { describe, expect, it } from "vitest";
import { describeActivity } from "../../app/i18n/activity-words";

const words = (kind: string, details: unknown, message = "stored message") => {
  const { label, sentence } = describeActivity({ kind, message, details: JSON.stringify(details) });
  return [label, sentence];
};

describe("describeActivity", () => {
  it("says what happened to a variant, from its facts", () => {
    const lamp = { title: "Desk Lamp", sellable: -3, waitingUnits: 3 };
    expect(words("variant.policy", { ...lamp, status: "backorder", from: "DENY", to: "CONTINUE" })).toEqual(["Back-orders turned on", "Desk Lamp is out of stock and now takes back-orders."]);
    expect(words("variant.policy", { ...lamp, status: "sold_out", from: "CONTINUE", to: "DENY", waitingUnits: 1 })).toEqual([
      "Back-orders full",
      "Desk Lamp has 1 unit waiting, the most allowed: it stopped selling until stock arrives.",
    ]);
    expect(words("variant.policy", { ...lamp, status: "in_stock", from: "CONTINUE", to: "DENY" })).toEqual([
      "Back to your own setting",
      "Desk Lamp is back in stock. When it runs out again it will be sold out, as before.",
    ]);
    expect(words("variant.policy", { ...lamp, status: "not_managed", from: "DENY", to: "CONTINUE" })[1]).toBe(
      "Desk Lamp is back in stock. It keeps selling when out of stock, as you set it in Shopify.",
    );
    expect(words("variant.status", { title: "Desk Lamp", from: "backorder", to: "in_stock" })).toEqual(["Back in stock", "Desk Lamp is back in stock."]);
  });

  it("says what happened to an order, by its name", () => {
    const fo = { fulfillmentOrderId: "gid://shopify/FulfillmentOrder/1", orderName: "#1042" };
    expect(words("order.hold", { ...fo, kind: "hold", lines: null, notes: "x" })).toEqual(["Order held", "Held order #1042 until stock arrives."]);
    expect(words("order.release", { ...fo, kind: "release", holdId: "h" })[1]).toBe("Stock arrived for order #1042: its hold was lifted, ready to ship.");
    expect(words("order.fulfil", { ...fo, kind: "fulfil", lines: [] })[1]).toBe("Stock arrived for order #1042: marked as fulfilled.");
    expect(words("order.unreadable", { orderName: "#1042" })).toEqual([
      "Order out of sight",
      "Order #1042 is more than 60 days old, and Shopify shows the app only the last 60 days of orders. It still waits and stays on hold: ship it from the order in Shopify admin, or ask Shopify for access to all orders.",
    ]);
    expect(words("order.released_by_merchant", { orderName: "#1042", lines: [{ waitingUnits: 2 }, { waitingUnits: 1 }] })[1]).toBe(
      "You released order #1042 with 3 units still waiting. It left the queue and the next orders moved up.",
    );
    expect(words("line.cancelled_by_merchant", { orderName: "#1042", units: 1, notifyCustomer: true })[1]).toBe("1 back-ordered unit removed from order #1042; the customer was told.");
    expect(words("order.moved_location", { ...fo, locationName: "Downtown store", from: "gid://shopify/Location/1", to: "gid://shopify/Location/2" })).toEqual([
      "Order moved",
      "Moved order #1042 to Downtown store, which has the units: it can ship now.",
    ]);
    expect(words("order.move_requested", { lineItemIds: ["a"] }, "Asked to ship 2 orders from Downtown store")).toEqual(["Order moved", "Asked to ship 2 orders from Downtown store"]);
  });

  it("says what the shop-wide work did", () => {
    expect(words("reconcile", { checked: 80, toUpdate: 1 })).toEqual(["Full sync", "Checked every product with Shopify: 80 variants read, 1 to bring up to date."]);
    expect(words("compliance.customer_redact", { lines: 1, payloads: 2 })[1]).toBe(
      "A customer asked to be forgotten: their name and email were removed from 1 back-order line and 2 stored updates from Shopify.",
    );
    expect(words("compliance.data_request", [{ order: "#1" }, { order: "#2" }])[1]).toBe("A customer asked for their data: 2 back-order lines are stored about them.");
    const failed = describeActivity({ kind: "job.dead", message: "m", details: JSON.stringify({ task: "delivery", attempts: 8, error: "HTTP 503" }) });
    expect(failed).toEqual({
      label: "Task failed",
      critical: true,
      sentence: "Stopped processing an update from Shopify: it failed 8 times. Use Retry above once the cause is fixed.",
      technical: [{ label: "Last error", value: "HTTP 503" }],
    });
  });

  it("reads rows written before the facts by their message, without policy codes", () => {
    expect(describeActivity({ kind: "variant.policy", message: "Desk Lamp: back in stock, restored the merchant's policy (DENY)", details: null })).toMatchObject({
      label: "Back to your own setting",
      sentence: "Desk Lamp: back in stock, restored the merchant's policy",
    });
    expect(describeActivity({ kind: "order.hold", message: "#1042: held, 2 waiting", details: JSON.stringify({ kind: "hold", fulfillmentOrderId: "fo" }) })).toMatchObject({
      label: "Order held",
      sentence: "#1042: held, 2 waiting",
    });
    expect(describeActivity({ kind: "job.dead", message: "Gave up on sync-variant after 8 attempts: boom", details: "not json" })).toEqual({
      label: "Task failed",
      critical: true,
      sentence: "A background task failed too many times and was stopped.",
      technical: [{ label: "Recorded text", value: "Gave up on sync-variant after 8 attempts: boom" }],
    });
    expect(describeActivity({ kind: "something.new", message: "Something new happened", details: null })).toMatchObject({ label: "Update", sentence: "Something new happened" });
  });

  it("keeps a message already written in words, with its label", () => {
    const message = "Desk Lamp: the stock arrived, so its restock date (Mar 12, 2027) was cleared";
    expect(describeActivity({ kind: "variant.restock_date_cleared", message, details: JSON.stringify({ restockDate: "2027-03-12" }) })).toMatchObject({
      label: "Restock date cleared",
      sentence: message,
    });
  });
});
