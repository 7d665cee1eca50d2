/**
 * Issue 12, item 3: Shopify may create a new order's fulfillment orders already on hold by itself (a
 * post-purchase upsell, up to an hour; a fraud check) and lift that hold later. The hold is neither
 * the app's nor the merchant's release: the app holds the order beside it, never releases it, and
 * once Shopify's hold is gone the order is held by the app as any other.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { stackForThisFile } from "../support/installed-stack";
import { storyIn } from "../support/shop-story";

// A refused write (releasing Shopify's hold) fails its job at once, as a dead letter the test sees.
const t = stackForThisFile({ env: { BACKORDER_WORKER_MAX_ATTEMPTS: "1" } });
const shop = t.shop;
const story = storyIn(shop);
const { ourHolds, addVariant, orderOf } = story;
let warehouse: string;

beforeAll(() => {
  warehouse = shop().addLocation("Warehouse");
});

/** Longer than the test: Shopify's hold stays until the test lifts it (`releaseShopifyHolds`). */
const UPSELL_HOLD = { releaseAfterMs: 600_000 };
const upsellHold = (orderId: string) => orderOf(orderId).fulfillmentOrders.flatMap((fo) => fo.holds.filter((hold) => hold.reason === "ONLINE_STORE_POST_PURCHASE_CROSS_SELL"));

function buyWithUpsell(lines: { variantId: string; quantity: number }[], firstName: string): string {
  const { orderId } = shop().placeOrder({ customer: { email: `${firstName.toLowerCase()}@example.com`, firstName }, lines, shopifyHold: UPSELL_HOLD });
  shop().routing.routeAll();
  return orderId;
}

async function liftShopifyHold(orderId: string): Promise<void> {
  shop().releaseShopifyHolds(orderId);
  await t.settle();
}

const waitingLine = (orderId: string) => t.db.backorderLine.findFirstOrThrow({ where: { orderId } });
const releasedInShopify = (orderId: string) => t.db.activity.count({ where: { subject: orderId, kind: "order.released_in_shopify" } });
const deadLetters = () => t.db.job.count({ where: { status: "dead" } });

describe("an order Shopify holds for a post-purchase upsell", () => {
  it("is held by the app beside Shopify's hold, which the app never releases; once Shopify lifts it, the line still waits, held", async () => {
    const lamp = await story.backOrderedVariant("Upsell Lamp", warehouse, t.settle);
    const ada = buyWithUpsell([{ variantId: lamp, quantity: 1 }], "Ada");
    await t.settle();
    expect(upsellHold(ada)).toHaveLength(1);
    expect(ourHolds(ada)).toHaveLength(1);
    expect(await waitingLine(ada)).toMatchObject({ state: "waiting", waitingUnits: 1, merchantAction: null });

    await liftShopifyHold(ada);
    expect(upsellHold(ada)).toHaveLength(0);
    expect(orderOf(ada).fulfillmentOrders[0]).toMatchObject({ status: "ON_HOLD" });
    expect(ourHolds(ada)).toHaveLength(1);
    expect(await waitingLine(ada)).toMatchObject({ state: "waiting", waitingUnits: 1, merchantAction: null });
    expect(await releasedInShopify(ada)).toBe(0);
    expect(await deadLetters()).toBe(0);
  });

  it("releases only its own hold when stock arrives while Shopify still holds the order", async () => {
    const kettle = await story.backOrderedVariant("Upsell Kettle", warehouse, t.settle);
    const bram = buyWithUpsell([{ variantId: kettle, quantity: 1 }], "Bram");
    await t.settle();
    expect(ourHolds(bram)).toHaveLength(1);

    shop().receiveStock(kettle, warehouse, 1);
    await t.settle();
    expect(ourHolds(bram)).toHaveLength(0);
    expect(upsellHold(bram)).toHaveLength(1);
    expect(await deadLetters()).toBe(0);
    await liftShopifyHold(bram);
    expect(orderOf(bram).fulfillmentOrders[0]).toMatchObject({ status: "OPEN", holds: [] });
    expect(await releasedInShopify(bram)).toBe(0);
  });

  it("in ship-in-stock-first mode, ships the in-stock line as soon as Shopify lifts its hold, with nothing else happening", async () => {
    await t.db.shopSettings.update({ where: { shop: shop().domain }, data: { fulfilmentMode: "ship_available_first" } });
    const stool = await story.backOrderedVariant("Upsell Stool", warehouse, t.settle);
    const mug = addVariant("Upsell Mug", warehouse, 5);
    await t.settle();
    const cara = buyWithUpsell([{ variantId: mug, quantity: 1 }, { variantId: stool, quantity: 1 }], "Cara");
    await t.settle();
    // Shopify cannot split a held fulfillment order: the app holds it whole for now.
    expect(orderOf(cara).fulfillmentOrders).toHaveLength(1);
    expect(ourHolds(cara)).toHaveLength(1);

    await liftShopifyHold(cara);
    const lineOf = (variantId: string) => orderOf(cara).lineItems.find((line) => line.variantId === variantId)!.id;
    const foWith = (variantId: string) => orderOf(cara).fulfillmentOrders.find((fo) => fo.lineItems.some((line) => line.lineItemId === lineOf(variantId) && line.remainingQuantity > 0))!;
    expect(foWith(mug)).toMatchObject({ status: "OPEN", holds: [] });
    expect(foWith(stool)).toMatchObject({ status: "ON_HOLD", holds: [expect.objectContaining({ handle: "backorder-manager" })] });
    expect(await waitingLine(cara)).toMatchObject({ state: "waiting", waitingUnits: 1, merchantAction: null });
    expect(await releasedInShopify(cara)).toBe(0);
    await t.db.shopSettings.update({ where: { shop: shop().domain }, data: { fulfilmentMode: "hold_release" } });
  });
});
