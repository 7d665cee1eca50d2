/**
 * What every variant sync records for the admin pages, against the built app and
 * the sandbox shop: vendor, product type, waiting value, oldest wait, and stock
 * per location (incoming included) exactly as Shopify lists it; gone with the
 * location, the variant or the product.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { stackForThisFile } from "../support/installed-stack";
import { storyIn } from "../support/shop-story";

let warehouse: string;
let shopFloor: string;

const t = stackForThisFile();
const shop = t.shop;
const { orderOf, buy } = storyIn(shop);
const numeric = (gid: string) => Number(gid.split("/").pop());

function addProduct(title: string, vendor: string, productType: string, variants: { title: string; price: string; stock: Record<string, number> }[]) {
  return shop().addProduct({
    title,
    vendor,
    productType,
    variants: variants.map((variant) => ({ ...variant, sku: `${title}-${variant.title}`.toUpperCase().replace(/\W+/g, "-"), inventoryPolicy: "DENY" })),
  });
}

/** Stock per location as the app stored it, by location name. */
async function storedLevels(variantId: string) {
  const levels = await t.db.variantLevel.findMany({ where: { variantId }, orderBy: { locationName: "asc" } });
  return levels.map(({ locationId, locationName, available, incoming }) => ({ locationId, locationName, available, incoming }));
}

/** Stock per location as the sandbox shop has it, in the same shape. */
function shopLevels(variantId: string) {
  const snapshot = shop().snapshot();
  const nameOf = new Map(snapshot.locations.map((location) => [location.id, location.name]));
  return snapshot.variants
    .find((variant) => variant.id === variantId)!
    .levels.map(({ locationId, available, incoming }) => ({ locationId, locationName: nameOf.get(locationId)!, available, incoming }))
    .sort((a, b) => a.locationName.localeCompare(b.locationName));
}

/** The merchant stops stocking the variant at a location (Shopify's inventoryDeactivate; the sandbox has no control for it). */
function stopStocking(variantId: string, locationId: string) {
  const itemId = shop().variantOrThrow(variantId).inventoryItemId;
  shop().levels.delete(`${itemId}:${numeric(locationId)}`);
}

/** The merchant deletes variants in Shopify admin (no sandbox control for it): gone with their inventory. */
function deleteVariants(variantIds: readonly string[]) {
  for (const variantId of variantIds) {
    const variant = shop().variantOrThrow(variantId);
    const product = shop().products.get(variant.productId)!;
    product.variantIds.splice(product.variantIds.indexOf(variant.id), 1);
    for (const key of [...shop().levels.keys()]) if (key.startsWith(`${variant.inventoryItemId}:`)) shop().levels.delete(key);
    shop().items.delete(variant.inventoryItemId);
    shop().variants.delete(variant.id);
  }
}

beforeAll(() => {
  warehouse = shop().addLocation("Warehouse");
  shopFloor = shop().addLocation("Shop floor");
});

describe("what a variant sync records", () => {
  it("the vendor, product type, value waiting and the oldest order still waiting, from the shop's orders", async () => {
    const [lamp] = addProduct("Facts Lamp", "Lumen", "Lighting", [{ title: "Default Title", price: "30.00", stock: { [warehouse]: 0 } }]).variantIds;
    const [mug] = addProduct("Facts Mug", "Brewster", "Kitchen", [{ title: "Default Title", price: "8.00", stock: { [warehouse]: 5 } }]).variantIds;
    const [bare] = addProduct("Facts Bare", "", "", [{ title: "Default Title", price: "1.00", stock: { [warehouse]: 1 } }]).variantIds;
    await t.settle();
    const first = buy(lamp!, "Ada", 2);
    buy(lamp!, "Grace");
    await t.settle();

    const placedAt = new Date(orderOf(first).createdAt);
    expect(await t.db.trackedVariant.findFirstOrThrow({ where: { variantId: lamp } })).toMatchObject({
      vendor: "Lumen",
      productType: "Lighting",
      waitingUnits: 3,
      waitingValue: 90,
      oldestWaitingAt: placedAt,
    });
    expect(await t.db.trackedVariant.findFirstOrThrow({ where: { variantId: mug } })).toMatchObject({ vendor: "Brewster", productType: "Kitchen", waitingValue: 0, oldestWaitingAt: null });
    // Shopify's "" for no vendor or type is stored as none.
    expect(await t.db.trackedVariant.findFirstOrThrow({ where: { variantId: bare } })).toMatchObject({ vendor: null, productType: null });

    // Stock arrives for the first order's units: the oldest wait moves on to the next order, the value drops.
    shop().setAvailable(lamp!, warehouse, -1);
    await t.settle();
    const waiting = await t.db.backorderLine.findMany({ where: { variantId: lamp, state: "waiting", waitingUnits: { gt: 0 } } });
    expect(waiting.map((line) => line.customerEmail)).toEqual(["grace@example.com"]);
    expect(await t.db.trackedVariant.findFirstOrThrow({ where: { variantId: lamp } })).toMatchObject({ waitingUnits: 1, waitingValue: 30, oldestWaitingAt: waiting[0]!.orderedAt });
  });

  it("stock per location as the shop lists it, incoming included, and drops a location that stops stocking the variant", async () => {
    const [vase] = addProduct("Facts Vase", "Lumen", "Decor", [{ title: "Default Title", price: "12.00", stock: { [warehouse]: 0, [shopFloor]: 3 } }]).variantIds;
    shop().receiveIncoming({ variantId: vase!, locationId: warehouse, quantity: 6, arrivesAt: "2099-01-01T00:00:00Z" });
    await t.settle();
    expect(await storedLevels(vase!)).toEqual([
      { locationId: shopFloor, locationName: "Shop floor", available: 3, incoming: 0 },
      { locationId: warehouse, locationName: "Warehouse", available: 0, incoming: 6 },
    ]);
    expect(await storedLevels(vase!)).toEqual(shopLevels(vase!));

    stopStocking(vase!, shopFloor);
    shop().setAvailable(vase!, warehouse, 2);
    await t.settle();
    expect(await storedLevels(vase!)).toEqual([{ locationId: warehouse, locationName: "Warehouse", available: 2, incoming: 6 }]);
    expect(await storedLevels(vase!)).toEqual(shopLevels(vase!));
  });

  it("forgets a variant deleted in Shopify with its stock, at the next sync", async () => {
    const { variantIds } = addProduct("Facts Rug", "Weave", "Home", [
      { title: "Small", price: "40.00", stock: { [warehouse]: 0 } },
      { title: "Large", price: "90.00", stock: { [warehouse]: 0 } },
    ]);
    const [small, large] = variantIds;
    await t.settle();
    expect(await t.db.variantLevel.count({ where: { variantId: { in: variantIds } } })).toBe(2);

    deleteVariants([large!]);
    // Nothing tells the app which variant went: a resync looks at every back-ordered one again.
    expect((await t.request("/app/activity.data", { method: "POST", fields: { intent: "resync" } })).status).toBe(200);
    await t.settle();
    expect(await t.db.trackedVariant.count({ where: { variantId: large } })).toBe(0);
    expect(await t.db.variantLevel.count({ where: { variantId: large } })).toBe(0);
    expect(await storedLevels(small!)).toEqual(shopLevels(small!));
  });

  it("forgets every variant of a deleted product with its stock", async () => {
    const { productId, variantIds } = addProduct("Facts Chair", "Seatwell", "Furniture", [
      { title: "Oak", price: "120.00", stock: { [warehouse]: 2, [shopFloor]: 1 } },
      { title: "Ash", price: "110.00", stock: { [shopFloor]: 0 } },
    ]);
    await t.settle();
    expect(await t.db.variantLevel.count({ where: { variantId: { in: variantIds } } })).toBe(3);

    deleteVariants(variantIds);
    shop().products.delete(numeric(productId));
    shop().emit("products/delete", { id: numeric(productId) });
    await t.settle();
    expect(await t.db.trackedVariant.count({ where: { variantId: { in: variantIds } } })).toBe(0);
    expect(await t.db.variantLevel.count({ where: { variantId: { in: variantIds } } })).toBe(0);
  });
});
