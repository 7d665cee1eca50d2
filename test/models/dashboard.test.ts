import { describe, expect, it } from "vitest";
import { databaseForEachTest } from "../support/database-per-test";
import { loadDashboard } from "../../app/models/dashboard.server";
import { todayIn } from "../../app/engine/settings.server";

const SHOP = "dash.myshopify.com";
const OTHER = "other.myshopify.com";
const NOW = new Date("2026-03-10T12:00:00Z");

const t = databaseForEachTest();

function variant(shop: string, variantId: string, status: string, nextShipsOn: string | null = null) {
  return t.db.trackedVariant.create({
    data: { shop, variantId, productId: `p-${variantId}`, inventoryItemId: `i-${variantId}`, title: variantId, merchantPolicy: "DENY", status, sellable: 0, nextShipsOn },
  });
}

function line(shop: string, lineItemId: string, data: { orderId: string; waitingUnits: number; unitPrice: string; orderedAt: string; shipsOn?: string | null; promisedOn?: string | null; state?: string }) {
  return t.db.backorderLine.create({
    data: {
      shop,
      lineItemId,
      orderId: data.orderId,
      orderName: `#${data.orderId}`,
      orderedAt: new Date(data.orderedAt),
      variantId: "v1",
      locationId: "loc",
      quantity: data.waitingUnits || 1,
      waitingUnits: data.waitingUnits,
      unitPrice: data.unitPrice,
      shipsOn: data.shipsOn ?? null,
      promisedOn: data.promisedOn ?? null,
      state: data.state ?? "waiting",
    },
  });
}

describe("loadDashboard", () => {
  it("shows an empty picture for a new install", async () => {
    const dashboard = await loadDashboard(t.db, SHOP, { now: NOW });
    expect(dashboard).toEqual({
      backorderedVariants: 0,
      waitingOrders: 0,
      waitingUnits: 0,
      valueWaiting: "0.00",
      oldestWaitDays: null,
      nextRestock: null,
      incomingUnits: 0,
      alerts: { atCap: 0, etaPassed: 0, deadJobs: 0, unreadableOrders: 0 },
      activity: [],
      empty: true,
    });
  });

  it("computes the shop's figures and ignores other shops' rows", async () => {
    await variant(SHOP, "v1", "backorder", "2026-03-20");
    await variant(SHOP, "v2", "sold_out", "2026-03-18");
    await variant(SHOP, "v3", "in_stock");
    await variant(OTHER, "v1", "sold_out", "2026-03-11");

    // Two lines of one order, one of another; the value is 2 × 19.99 + 1 × 5.50 + 3 × 0.10.
    await line(SHOP, "l1", { orderId: "o1", waitingUnits: 2, unitPrice: "19.99", orderedAt: "2026-03-05T09:00:00Z", shipsOn: "2026-03-09" });
    await line(SHOP, "l2", { orderId: "o1", waitingUnits: 1, unitPrice: "5.50", orderedAt: "2026-03-05T09:00:00Z", shipsOn: "2026-03-10" });
    await line(SHOP, "l3", { orderId: "o2", waitingUnits: 3, unitPrice: "0.10", orderedAt: "2026-03-08T09:00:00Z", shipsOn: null });
    // Not waiting: released, or waiting with no units left.
    await line(SHOP, "l4", { orderId: "o3", waitingUnits: 4, unitPrice: "100", orderedAt: "2026-01-01T00:00:00Z", shipsOn: "2026-01-02", state: "released" });
    await line(SHOP, "l5", { orderId: "o4", waitingUnits: 0, unitPrice: "100", orderedAt: "2026-01-01T00:00:00Z", shipsOn: "2026-01-02" });
    // Another shop's waiting line, older and late.
    await line(OTHER, "l1", { orderId: "o9", waitingUnits: 7, unitPrice: "50", orderedAt: "2025-12-01T00:00:00Z", shipsOn: "2025-12-05" });

    // Incoming units count for back-ordered variants only (v3 is in stock), and only this shop's.
    const level = (shop: string, variantId: string, locationId: string, incoming: number) =>
      t.db.variantLevel.create({ data: { shop, variantId, locationId, locationName: locationId, available: -1, incoming } });
    await level(SHOP, "v1", "loc-a", 4);
    await level(SHOP, "v1", "loc-b", 1);
    await level(SHOP, "v2", "loc-a", 2);
    await level(SHOP, "v3", "loc-a", 50);
    await level(OTHER, "v1", "loc-a", 30);

    await t.db.variantRule.create({ data: { shop: SHOP, variantId: "v1", restockDate: "2026-03-01" } }); // past: ignored
    await t.db.variantRule.create({ data: { shop: SHOP, variantId: "v2", restockDate: "2026-03-15" } });
    await t.db.variantRule.create({ data: { shop: OTHER, variantId: "v1", restockDate: "2026-03-11" } });

    await t.db.job.create({ data: { id: "j1", shop: SHOP, kind: "variant-sync", subject: "v1", status: "dead" } });
    await t.db.job.create({ data: { id: "j2", shop: SHOP, kind: "variant-sync", subject: "v2", status: "pending" } });
    await t.db.job.create({ data: { id: "j3", shop: OTHER, kind: "variant-sync", subject: "v1", status: "dead" } });

    for (let i = 1; i <= 12; i++) await t.db.activity.create({ data: { shop: SHOP, kind: "variant.policy", subject: "v1", message: `entry ${i}` } });
    await t.db.activity.create({ data: { shop: OTHER, kind: "variant.policy", subject: "v1", message: "elsewhere" } });

    const dashboard = await loadDashboard(t.db, SHOP, { now: NOW });
    expect(dashboard).toMatchObject({
      backorderedVariants: 2,
      waitingOrders: 2,
      waitingUnits: 6,
      valueWaiting: "45.78",
      oldestWaitDays: 5,
      nextRestock: "2026-03-15",
      incomingUnits: 7,
      alerts: { atCap: 1, etaPassed: 1, deadJobs: 1, unreadableOrders: 0 },
      empty: false,
    });
    // Rows without recorded facts read as their stored message.
    expect(dashboard.activity.map((entry) => entry.sentence)).toEqual(["entry 12", "entry 11", "entry 10", "entry 9", "entry 8", "entry 7", "entry 6", "entry 5", "entry 4", "entry 3"]);
  });

  it("falls back to the earliest ships-on date when no restock date is set", async () => {
    await variant(SHOP, "v1", "backorder", "2026-03-20");
    await variant(SHOP, "v2", "backorder", "2026-03-17");
    expect((await loadDashboard(t.db, SHOP, { now: NOW })).nextRestock).toBe("2026-03-17");
  });

  it("shows no restock date of a variant back in stock, nor a ships-on date gone by", async () => {
    await variant(SHOP, "restocked", "in_stock");
    await variant(SHOP, "late", "backorder", "2026-03-09");
    await t.db.variantRule.create({ data: { shop: SHOP, variantId: "restocked", restockDate: "2026-03-12" } });
    expect((await loadDashboard(t.db, SHOP, { now: NOW })).nextRestock).toBeNull();

    // In stock here, but orders still wait at another location: their restock is still to come.
    await t.db.trackedVariant.update({ where: { shop_variantId: { shop: SHOP, variantId: "restocked" } }, data: { waitingUnits: 2 } });
    expect((await loadDashboard(t.db, SHOP, { now: NOW })).nextRestock).toBe("2026-03-12");
  });

  it("judges ETA passed against today in the shop's time zone", async () => {
    await t.db.shopSettings.create({ data: { shop: SHOP, timezone: "Pacific/Auckland" } });
    // 2026-03-10T12:00Z is already the 11th in Auckland.
    await line(SHOP, "l1", { orderId: "o1", waitingUnits: 1, unitPrice: "1", orderedAt: "2026-03-01T00:00:00Z", shipsOn: "2026-03-10" });
    const dashboard = await loadDashboard(t.db, SHOP, { now: NOW });
    expect(dashboard.alerts.etaPassed).toBe(1);
    expect(dashboard.oldestWaitDays).toBe(9);
    expect(dashboard.empty).toBe(false);
  });

  it("counts as past their date the waiting lines whose promise has passed, even when now expected later", async () => {
    // Promised the 5th, expected the 20th: the customer's date has passed.
    await line(SHOP, "l1", { orderId: "o1", waitingUnits: 1, unitPrice: "1", orderedAt: "2026-02-20T00:00:00Z", promisedOn: "2026-03-05", shipsOn: "2026-03-20" });
    // Promised the 12th, expected earlier (a stale date before today): not yet broken.
    await line(SHOP, "l2", { orderId: "o2", waitingUnits: 1, unitPrice: "1", orderedAt: "2026-03-01T00:00:00Z", promisedOn: "2026-03-12", shipsOn: "2026-03-09" });
    // No promise recorded: the expected date decides.
    await line(SHOP, "l3", { orderId: "o3", waitingUnits: 1, unitPrice: "1", orderedAt: "2026-03-01T00:00:00Z", shipsOn: "2026-03-09" });
    await line(SHOP, "l4", { orderId: "o4", waitingUnits: 1, unitPrice: "1", orderedAt: "2026-03-01T00:00:00Z", shipsOn: "2026-03-11" });
    // Released: not waiting, not counted.
    await line(SHOP, "l5", { orderId: "o5", waitingUnits: 1, unitPrice: "1", orderedAt: "2026-01-01T00:00:00Z", promisedOn: "2026-01-10", state: "released" });
    expect((await loadDashboard(t.db, SHOP, { now: NOW })).alerts.etaPassed).toBe(2);
    // A week later every waiting line's promise has passed.
    expect((await loadDashboard(t.db, SHOP, { now: new Date(NOW.getTime() + 7 * 86_400_000) })).alerts.etaPassed).toBe(4);
  });
});

describe("helpers", () => {
  it("dates today in a time zone, UTC when the zone is unknown", () => {
    expect(todayIn("UTC", NOW)).toBe("2026-03-10");
    expect(todayIn("Pacific/Auckland", NOW)).toBe("2026-03-11");
    expect(todayIn("Not/AZone", NOW)).toBe("2026-03-10");
  });
});
