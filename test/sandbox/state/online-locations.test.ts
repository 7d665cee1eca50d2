import { describe, expect, it } from "vitest";
import { SandboxError, type ShopEvent } from "./contract";
import { SandboxShop } from "./shop";

const T0 = Date.parse("2026-11-20T12:00:00Z");

/** A warehouse that ships online orders and a shop with a till that does not. */
function shopWithRetail() {
  const shop = new SandboxShop({ now: () => T0 });
  const warehouse = shop.addLocation("Main warehouse");
  const retail = shop.addLocation("Market street shop", { fulfillsOnlineOrders: false });
  const { variantIds } = shop.addProduct({
    title: "Wool Beanie", vendor: "Northwind", productType: "Accessories",
    variants: [
      { title: "Black", sku: "BEANIE-BLK", price: "29.00", inventoryPolicy: "DENY", stock: { [warehouse]: 1, [retail]: 5 } },
      { title: "Sand", sku: "BEANIE-SND", price: "29.00", inventoryPolicy: "CONTINUE", stock: { [warehouse]: 0, [retail]: 5 } },
    ],
  });
  const events: ShopEvent[] = [];
  shop.onEvent((e) => events.push(e));
  return { shop, warehouse, retail, deny: variantIds[0]!, cont: variantIds[1]!, events };
}
const customer = { email: "ada@example.com" };
const levelOf = (shop: SandboxShop, variantId: string, locationId: string) =>
  shop.snapshot().variants.find((v) => v.id === variantId)!.levels.find((l) => l.locationId === locationId)!;

describe("locations that do not fulfil online orders", () => {
  it("are listed as such", () => {
    const { shop, retail } = shopWithRetail();
    expect(shop.snapshot().locations.find((l) => l.id === retail)).toMatchObject({ fulfillsOnlineOrders: false });
  });

  it("do not make a DENY variant sellable online", () => {
    const { shop, deny, warehouse } = shopWithRetail();
    expect(() => shop.placeOrder({ customer, lines: [{ variantId: deny, quantity: 2 }] })).toThrow(SandboxError);
    shop.placeOrder({ customer, lines: [{ variantId: deny, quantity: 1 }] });
    expect(levelOf(shop, deny, warehouse)).toMatchObject({ available: 0, committed: 1 });
  });

  it("never get an online order, even when only they have the units", () => {
    const { shop, cont, warehouse, retail } = shopWithRetail();
    const { orderId } = shop.placeOrder({ customer, lines: [{ variantId: cont, quantity: 2 }] });
    shop.routing.routeAll(); // Shopify routes the order after it is placed
    const order = shop.snapshot().orders.find((o) => o.id === orderId)!;
    expect(order.fulfillmentOrders.map((fo) => fo.locationId)).toEqual([warehouse]);
    expect(levelOf(shop, cont, warehouse).available).toBe(-2);
    expect(levelOf(shop, cont, retail).available).toBe(5);
  });

  it("do not count in the storefront's stock", () => {
    const { shop, deny } = shopWithRetail();
    const [product] = shop.storefrontProducts();
    expect(product!.variants.find((v) => v.id === deny)).toMatchObject({ inventoryQuantity: 1 });
  });

  it("refuse every online order when no location fulfils them", () => {
    const shop = new SandboxShop({ now: () => T0 });
    const only = shop.addLocation("Market street shop", { fulfillsOnlineOrders: false });
    const { variantIds } = shop.addProduct({ title: "Mug", vendor: "K", productType: "Drinkware", variants: [{ title: "Default Title", sku: "MUG", price: "9.00", inventoryPolicy: "CONTINUE", stock: { [only]: 3 } }] });
    expect(() => shop.placeOrder({ customer, lines: [{ variantId: variantIds[0]!, quantity: 1 }] })).toThrow(SandboxError);
  });
});

describe("sellAtPointOfSale", () => {
  it("sells below zero whatever the policy, fulfilled at once at the register's location", () => {
    const { shop, deny, retail, events } = shopWithRetail();
    const { orderId } = shop.sellAtPointOfSale({ variantId: deny, locationId: retail, quantity: 8 });
    expect(levelOf(shop, deny, retail)).toMatchObject({ available: -3, onHand: -3, committed: 0 });
    const order = shop.snapshot().orders.find((o) => o.id === orderId)!;
    expect(order.cancelledAt).toBeNull();
    expect(order.fulfillmentOrders).toEqual([expect.objectContaining({ status: "CLOSED", locationId: retail })]);
    expect(order.fulfillments).toEqual([expect.objectContaining({ status: "SUCCESS", lineItems: [expect.objectContaining({ quantity: 8 })] })]);
    expect(events.map((e) => e.topic)).toEqual(expect.arrayContaining(["inventory_levels/update", "orders/create"]));
  });

  it("refuses a quantity that is not a positive whole number and unknown locations", () => {
    const { shop, deny, retail } = shopWithRetail();
    expect(() => shop.sellAtPointOfSale({ variantId: deny, locationId: retail, quantity: 0 })).toThrow(SandboxError);
    expect(() => shop.sellAtPointOfSale({ variantId: deny, locationId: "gid://shopify/Location/999999", quantity: 1 })).toThrow(SandboxError);
  });
});
