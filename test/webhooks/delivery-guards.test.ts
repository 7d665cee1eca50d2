import { describe, expect, it } from "vitest";
import { checkDelivery, predatesInstall } from "../../app/webhooks/delivery-guards";

const shop = "backorder-demo.myshopify.com";
const check = (routeTopic: string, payload: unknown, topic = routeTopic) => checkDelivery({ routeTopic, topic, shop, payload }).refused;

describe("checkDelivery", () => {
  it("accepts each destructive or privacy topic in its documented shape, about its own shop", () => {
    expect(check("app/uninstalled", { id: 1, name: "Demo", myshopify_domain: shop, domain: "demo.example" })).toBe(false);
    expect(check("shop/redact", { shop_id: 1, shop_domain: shop })).toBe(false);
    expect(check("customers/redact", { shop_id: "1", shop_domain: shop, customer: { id: 2, email: "a@b.c" }, orders_to_redact: [3] })).toBe(false);
    expect(check("customers/data_request", { shop_id: 1, shop_domain: shop, customer: { id: 2 }, orders_requested: [], data_request: { id: 9 } })).toBe(false);
    expect(check("orders/create", { id: 5, line_items: [] })).toBe(false);
  });

  it("refuses a topic sent to another topic's route", () => {
    expect(check("app/uninstalled", { id: 1, myshopify_domain: shop }, "orders/create")).toBe(true);
    expect(check("orders/create", { id: 5 }, "app/uninstalled")).toBe(true);
  });

  it("refuses a payload naming another shop", () => {
    expect(check("shop/redact", { shop_id: 1, shop_domain: "other.myshopify.com" })).toBe(true);
    expect(check("app/uninstalled", { id: 1, myshopify_domain: "other.myshopify.com" })).toBe(true);
    expect(check("customers/redact", { shop_id: 1, shop_domain: "other.myshopify.com", customer: {}, orders_to_redact: [] })).toBe(true);
  });

  it("refuses a destructive or privacy body without its topic's shape, and any body that is not an object", () => {
    expect(check("app/uninstalled", { id: 7, line_items: [], email: "a@b.c" })).toBe(true);
    expect(check("shop/redact", { id: 7, line_items: [] })).toBe(true);
    expect(check("shop/redact", { id: 1, myshopify_domain: shop })).toBe(true);
    expect(check("customers/redact", { shop_id: 1, shop_domain: shop })).toBe(true);
    expect(check("orders/create", [1, 2])).toBe(true);
    expect(check("orders/create", null)).toBe(true);
  });
});

describe("predatesInstall", () => {
  const installedAt = new Date("2026-11-20T10:00:00Z");
  it("is true only for a delivery triggered before the current installation (or with an unreadable time)", () => {
    expect(predatesInstall("2026-11-20T09:59:59Z", installedAt)).toBe(true);
    expect(predatesInstall("not a date", installedAt)).toBe(true);
    expect(predatesInstall("2026-11-20T10:00:01Z", installedAt)).toBe(false);
    expect(predatesInstall(undefined, installedAt)).toBe(false);
    expect(predatesInstall("2026-11-20T09:59:59Z", null)).toBe(false);
  });
});
