/**
 * A restock date lives as long as its back-order episode, end to end: the
 * merchant saves it on the variant page, the sandbox shop sells out and
 * restocks, real webhooks reach the built app, and the date is no longer
 * promised anywhere (storefront metafield, Home, variant page).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../app/domain/restock-eta";
import { loadDashboard } from "../../app/models/dashboard.server";
import { stackForThisFile } from "../support/installed-stack";
import { shopCalendar, storyIn } from "../support/shop-story";

const t = stackForThisFile();
const shop = t.shop;
const { variantOf, addVariant, buy } = storyIn(shop);
const metafield = (variantId: string, key: string) => variantOf(variantId).metafields.find((m) => m.namespace.includes("backorder") && m.key === key)?.value ?? null;
const numericId = (gid: string) => gid.split("/").pop()!;
const variantPage = (variantId: string) => t.request(`/app/variants/${numericId(variantId)}.data`);
const restockDateOf = async (variantId: string) => (await t.db.variantRule.findUnique({ where: { shop_variantId: { shop: shop().domain, variantId } } }))?.restockDate ?? null;
const clearedEntries = (variantId: string) => t.db.activity.findMany({ where: { subject: variantId, kind: "variant.restock_date_cleared" } });

let warehouse: string;
let today: string;
let lead: number;
let handling: number;

beforeAll(async () => {
  warehouse = shop().addLocation("Warehouse");
  ({ today, lead, handling } = await shopCalendar(t.db, shop().domain));
});

describe("a restock date and its back-order episode", () => {
  it("is promised while the variant waits, cleared once the stock came and nothing waits, and a new sell-out starts without it", async () => {
    const lamp = addVariant("Episode Lamp", warehouse, 0);
    await t.settle();
    buy(lamp, "Ada", 2);
    await t.settle();
    const restockDate = addDays(today, 20);
    const saved = await t.request(`/app/variants/${numericId(lamp)}.data`, { method: "POST", fields: { restockDate } });
    expect(saved.status, saved.text).toBe(200);
    await t.settle();

    // During the episode: the storefront, Home and the variant page all say the merchant's date.
    expect(metafield(lamp, "ships_on")).toBe(addDays(restockDate, handling));
    expect((await loadDashboard(t.db, shop().domain)).nextRestock).toBe(restockDate);
    expect((await variantPage(lamp)).text).toContain(restockDate);

    // Part of the stock arrives: one unit still waits, so the date still stands.
    shop().setAvailable(lamp, warehouse, -1);
    await t.settle();
    expect(await restockDateOf(lamp)).toBe(restockDate);

    // The rest arrives: nothing waits, the date has done its job.
    shop().setAvailable(lamp, warehouse, 3);
    await t.settle();
    expect(await restockDateOf(lamp)).toBeNull();
    expect(metafield(lamp, "status")).toBeNull();
    expect(metafield(lamp, "ships_on")).toBeNull();
    expect((await loadDashboard(t.db, shop().domain)).nextRestock).toBeNull();
    const page = await variantPage(lamp);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain(restockDate);
    const cleared = await clearedEntries(lamp);
    expect(cleared).toHaveLength(1);
    expect(JSON.parse(cleared[0]!.details!)).toEqual({ restockDate });

    // Sells out again: the new episode is promised the default lead time, not the old date.
    shop().setAvailable(lamp, warehouse, 0);
    await t.settle();
    buy(lamp, "Grace");
    await t.settle();
    expect(metafield(lamp, "status")).toBe("backorder");
    expect(metafield(lamp, "ships_on")).toBe(addDays(today, lead + handling));
    expect((await loadDashboard(t.db, shop().domain)).nextRestock).toBe(addDays(today, lead + handling));
    expect(await clearedEntries(lamp)).toHaveLength(1);
  });

  it("clears the date once under duplicated and reordered webhooks, and a resync after it changes nothing", async () => {
    // Nearly every delivery sent twice, in shuffled windows.
    t.stack.sandbox.webhooks.setFaults({ duplicate: 0.9, reorder: true, reorderWindow: 4, seed: 7 });
    try {
      const kettle = addVariant("Episode Kettle", warehouse, 0);
      await t.settle();
      buy(kettle, "Alan");
      await t.settle();
      const restockDate = addDays(today, 9);
      expect((await t.request(`/app/variants/${numericId(kettle)}.data`, { method: "POST", fields: { restockDate } })).status).toBe(200);
      await t.settle();
      expect(metafield(kettle, "ships_on")).toBe(addDays(restockDate, handling));

      shop().setAvailable(kettle, warehouse, 4);
      await t.settle();
      const resync = await t.request("/app/activity.data", { method: "POST", fields: { intent: "resync" } });
      expect(resync.status, resync.text).toBe(200);
      await t.settle();
      expect(await restockDateOf(kettle)).toBeNull();
      expect(metafield(kettle, "ships_on")).toBeNull();
      expect(await clearedEntries(kettle)).toHaveLength(1);
    } finally {
      t.stack.sandbox.webhooks.setFaults({});
    }
  });

  it("keeps a date set while the variant is in stock for its next sell-out", async () => {
    const mug = addVariant("Episode Mug", warehouse, 5);
    await t.settle();
    const restockDate = addDays(today, 12);
    expect((await t.request(`/app/variants/${numericId(mug)}.data`, { method: "POST", fields: { restockDate } })).status).toBe(200);
    await t.settle();
    expect(await restockDateOf(mug)).toBe(restockDate);
    // Not a restock anyone waits for yet, so Home does not announce it (it is earlier than the lamp's date).
    expect((await loadDashboard(t.db, shop().domain)).nextRestock).not.toBe(restockDate);

    shop().setAvailable(mug, warehouse, 0);
    await t.settle();
    buy(mug, "Edsger");
    await t.settle();
    expect(metafield(mug, "ships_on")).toBe(addDays(restockDate, handling));
    expect(await restockDateOf(mug)).toBe(restockDate);
  });
});
