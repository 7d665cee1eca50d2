/**
 * Locations that do not fulfil online orders, Shopify POS, and negative stock no online order
 * explains, against the built app and the sandbox shop: the app sells, waits and caps only over
 * the online store's locations, and records the rest for the merchant without paging through
 * every open order on every sync.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { FRUITLESS_DEMAND_PAGES } from "../../app/domain/online-stock";
import { enqueueJob } from "../../app/jobs/job-queue.server";
import { stackForThisFile } from "../support/installed-stack";
import { storyIn, backorderMetafield as metafield } from "../support/shop-story";

let warehouse: string;
let marketStreet: string;

const t = stackForThisFile();
const shop = t.shop;
const { addVariant, buy, variantOf } = storyIn(shop);

const tracked = (variantId: string) => t.db.trackedVariant.findFirstOrThrow({ where: { variantId } });
const openOrdersReads = () => t.stack.sandbox.adminApiRequests().filter((request) => request.operationName === "OpenOrders").length;

beforeAll(() => {
  warehouse = shop().addLocation("Warehouse");
  marketStreet = shop().addLocation("Market street shop", { fulfillsOnlineOrders: false });
});

/** A one-variant product stocked at the warehouse and at the shop on Market street. */
function stockedAtBoth(title: string, atWarehouse: number, atShop: number, policy: "CONTINUE" | "DENY" = "DENY", sku?: string) {
  return shop().addProduct({
    title,
    vendor: "V",
    productType: "Gear",
    variants: [{ title: "Default Title", sku: sku ?? title.toUpperCase().replace(/\W+/g, "-"), price: "20.00", inventoryPolicy: policy, stock: { [warehouse]: atWarehouse, [marketStreet]: atShop } }],
  }).variantIds[0]!;
}

describe("locations that do not fulfil online orders", () => {
  it("stock at the shop does not hide an online sell-out: back-orders turn on and the storefront says so", async () => {
    const kettle = stockedAtBoth("Online Kettle", 1, 5);
    await t.settle();
    expect(await tracked(kettle)).toMatchObject({ status: "in_stock", sellable: 1 });
    buy(kettle, "Ada");
    await t.settle();
    expect(await tracked(kettle)).toMatchObject({ status: "backorder", sellable: 0, waitingUnits: 0 });
    expect(variantOf(kettle).inventoryPolicy).toBe("CONTINUE");
    expect(metafield(variantOf(kettle), "status")).toBe("backorder");

    // The next online order waits at the warehouse; the shop's 5 units are not the online store's.
    buy(kettle, "Grace");
    await t.settle();
    expect(await tracked(kettle)).toMatchObject({ status: "backorder", waitingUnits: 1, unexplainedUnits: 0 });
  });

  it("the periodic resync finds an online sell-out that stock at the shop hides from Shopify's total", async () => {
    const clock = stockedAtBoth("Online Clock", 1, 5);
    await t.settle();
    // The webhooks of the last online sale are lost: only the resync can find it.
    t.stack.sandbox.webhooks.setFaults({ drop: 1000 });
    buy(clock, "Ada");
    await t.settle();
    t.stack.sandbox.webhooks.setFaults({});
    expect(await tracked(clock)).toMatchObject({ status: "in_stock" });
    await t.db.job.updateMany({ where: { kind: "reconcile" }, data: { status: "pending", runAfter: new Date() } });
    await t.settle();
    expect(await tracked(clock)).toMatchObject({ status: "backorder", sellable: 0 });
    expect(metafield(variantOf(clock), "status")).toBe("backorder");
  });

  it("a point-of-sale oversell at the shop does not fill the waiting cap, and is recorded for the merchant", async () => {
    const lantern = stockedAtBoth("Online Lantern", 0, 0);
    await t.db.variantRule.create({ data: { shop: shop().domain, variantId: lantern, waitingCap: 1 } });
    shop().setAvailable(lantern, warehouse, 0);
    await t.settle();
    expect(variantOf(lantern).inventoryPolicy).toBe("CONTINUE");

    shop().sellAtPointOfSale({ variantId: lantern, locationId: marketStreet, quantity: 3 });
    await t.settle();
    expect(await tracked(lantern)).toMatchObject({ status: "backorder", waitingUnits: 0, unexplainedUnits: 3 });
    expect(variantOf(lantern).inventoryPolicy).toBe("CONTINUE");
    expect(metafield(variantOf(lantern), "status")).toBe("backorder");

    // One online order waiting reaches the cap of one.
    buy(lantern, "Ada");
    await t.settle();
    expect(await tracked(lantern)).toMatchObject({ status: "sold_out", waitingUnits: 1, unexplainedUnits: 3 });
    expect(metafield(variantOf(lantern), "status")).toBe("sold_out");
  });
});

describe("negative stock no open order explains", () => {
  it("is looked for in a bounded number of pages, not through every open order, and recorded", async () => {
    // A variant without a SKU is searched for among all the shop's open orders: here 60, none of them its own.
    const busy = addVariant("Busy Mug", warehouse, 100);
    const plain = stockedAtBoth("Plain Spoon", 0, 0, "DENY", "");
    for (let index = 0; index < 60; index++) buy(busy, `Shopper${index}`);
    await t.settle();
    const before = openOrdersReads();

    // Two units below zero at the warehouse that no open order holds (a fulfilment service's count, archived orders).
    shop().setAvailable(plain, warehouse, -2);
    await t.settle();
    // The sync, and one more look once order search caught up (the units could be orders it lagged behind on).
    expect(openOrdersReads() - before).toBeLessThanOrEqual(2 * FRUITLESS_DEMAND_PAGES);
    expect(await tracked(plain)).toMatchObject({ waitingUnits: 0, unexplainedUnits: 2 });
    expect(await t.db.job.count({ where: { kind: "recheck-variant", subject: plain } })).toBe(1);

    // Nothing changed since: a later sync decides from the stored queue and what it could not explain, reads no order and schedules no further look.
    const afterRecheck = openOrdersReads();
    await t.db.job.deleteMany({ where: { kind: "recheck-variant", subject: plain } });
    await enqueueJob(t.db, { shop: shop().domain, kind: "sync-variant", subject: plain }, { source: "schedule" });
    await t.settle();
    expect(openOrdersReads() - afterRecheck).toBe(0);
    expect(await tracked(plain)).toMatchObject({ waitingUnits: 0, unexplainedUnits: 2 });
    expect(await t.db.job.count({ where: { kind: "recheck-variant", subject: plain } })).toBe(0);
  });

  it("at a location that fulfils online orders still leaves the newest online orders waiting when they explain it", async () => {
    const bottle = addVariant("Online Bottle", warehouse, 2, "CONTINUE");
    await t.settle();
    buy(bottle, "Ada", 2);
    // The shop sells the warehouse's last units over the counter: the online order now waits for them.
    shop().sellAtPointOfSale({ variantId: bottle, locationId: warehouse, quantity: 2 });
    await t.settle();
    expect(await tracked(bottle)).toMatchObject({ status: "backorder", waitingUnits: 2, unexplainedUnits: 0 });
  });
});
