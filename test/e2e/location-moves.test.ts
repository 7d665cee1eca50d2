/**
 * "Suggest" mode in the browser: the variant page tells the merchant that waiting orders could
 * ship now from another location, and its button moves them (Chromium in the sandbox admin shell).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { stackForThisFile } from "../support/installed-stack";
import { openAppPage, storyIn } from "../support/shop-story";
import { assertAccessible } from "../support/axe";
import { strings } from "../../app/i18n/strings";
import { loadMoveSuggestions } from "../../app/models/location-moves.server";

const t = stackForThisFile({ browser: true });
const shop = t.shop;
const { orderOf, ourHolds, buy } = storyIn(shop);
let main: string;
let store: string;
let variant: string;
let orders: string[];

beforeAll(async () => {
  main = shop().addLocation("Main warehouse");
  store = shop().addLocation("Downtown store");
  variant = shop().addProduct({
    title: "Suggested Stool",
    vendor: "V",
    productType: "Furniture",
    variants: [{ title: "Default Title", sku: "SUGGESTED-STOOL", price: "40.00", inventoryPolicy: "DENY", stock: { [main]: 0, [store]: 0 } }],
  }).variantIds[0]!;
  await t.db.shopSettings.update({ where: { shop: shop().domain }, data: { locationMoves: "suggest" } });
  await t.settle();
  orders = [buy(variant, "Ada", 2), buy(variant, "Bea", 1)];
  await t.settle();
  shop().setAvailable(variant, store, 5);
  await t.settle();
}, 120_000);

describe("the variant page in suggest mode", () => {
  it("says 2 orders could ship now from the store, and moves them on a click", async () => {
    for (const orderId of orders) expect(ourHolds(orderId)).toHaveLength(1);
    expect(await loadMoveSuggestions(t.db, shop().domain, variant)).toEqual([{ locationId: store, locationName: "Downtown store", orders: 2 }]);
    const { page, app, pageErrors } = await openAppPage(t.browser, t.stack, `/app/variants/${variant.split("/").pop()}`);
    try {
      const suggestion = app.getByText(strings.locationMoves.couldShip(2, "Downtown store"));
      await suggestion.waitFor({ timeout: 30_000 });
      const frame = page.frame({ name: "app-iframe" });
      expect(frame).not.toBeNull();
      await assertAccessible(frame!, "variant page with a move suggestion");
      await app.getByRole("button", { name: strings.locationMoves.move(2) }).click();
      await suggestion.waitFor({ state: "detached", timeout: 30_000 });
      await t.settle();
      for (const orderId of orders) {
        expect(orderOf(orderId).fulfillmentOrders.filter((fo) => fo.status !== "CLOSED").map((fo) => fo.locationId)).toEqual([store]);
        expect(ourHolds(orderId)).toHaveLength(0);
      }
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
