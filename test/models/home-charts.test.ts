/** What Home's charts draw, read from a real SQLite file. */
import { describe, expect, it } from "vitest";
import { databaseForEachTest } from "../support/database-per-test";
import { createWaitingLine, type WaitingLineRow } from "../support/waiting-line-rows";
import { HISTORY_DAYS, loadHomeCharts, TOP_VARIANTS, WAIT_BUCKET_STARTS } from "../../app/models/home-charts.server";
import { recordDailySnapshot } from "../../app/engine/daily-snapshots.server";
import { loadDashboard } from "../../app/models/dashboard.server";

const SHOP = "charts.myshopify.com";
const OTHER = "other-charts.myshopify.com";
const NOW = new Date("2026-03-10T12:00:00Z");
const DAY_MS = 86_400_000;
const daysBefore = (days: number, hours = 0) => new Date(NOW.getTime() - days * DAY_MS - hours * 3_600_000);

const t = databaseForEachTest();

const waitingLine = (shop: string, data: WaitingLineRow) => createWaitingLine(t.db, shop, data);

function trackedVariant(shop: string, number: number, waitingUnits: number) {
  return t.db.trackedVariant.create({
    data: {
      shop,
      variantId: `gid://shopify/ProductVariant/${number}`,
      productId: "gid://shopify/Product/1",
      inventoryItemId: `gid://shopify/InventoryItem/${number}`,
      title: `Lamp – ${number}`,
      merchantPolicy: "DENY",
      status: waitingUnits > 0 ? "backorder" : "in_stock",
      sellable: -waitingUnits,
      waitingUnits,
    },
  });
}

function snapshot(shop: string, day: string, waitingUnits: number, cents: number) {
  return t.db.dailySnapshot.create({
    data: { shop, day, waitingUnits, waitingValueCents: BigInt(cents), waitingLines: 1, waitingOrders: 1, backorderedVariants: 1, incomingUnits: 0, recordedAt: NOW },
  });
}

describe("loadHomeCharts", () => {
  it("has nothing to draw for a new install: today alone, at zero", async () => {
    const charts = await loadHomeCharts(t.db, SHOP, { now: NOW });
    expect(charts).toEqual({
      history: [{ day: "2026-03-10", units: 0, cents: 0 }],
      variants: [],
      waitTimes: WAIT_BUCKET_STARTS.map((fromDays, index) => ({ fromDays, toDays: WAIT_BUCKET_STARTS[index + 1] ?? null, orders: 0 })),
    });
  });

  describe("history", () => {
    it("runs from the first recorded day to today, with gaps where nothing was recorded and today's figures live", async () => {
      await snapshot(SHOP, "2026-03-06", 4, 4000);
      await snapshot(SHOP, "2026-03-08", 6, 5500);
      // Today's row is a few minutes old; the chart shows what waits now.
      await snapshot(SHOP, "2026-03-10", 1, 100);
      await snapshot(OTHER, "2026-03-01", 99, 99);
      await waitingLine(SHOP, { orderId: "o1", orderedAt: daysBefore(3), units: 3, unitPrice: "2.50" });

      const { history } = await loadHomeCharts(t.db, SHOP, { now: NOW });
      expect(history).toEqual([
        { day: "2026-03-06", units: 4, cents: 4000 },
        { day: "2026-03-07", units: null, cents: null },
        { day: "2026-03-08", units: 6, cents: 5500 },
        { day: "2026-03-09", units: null, cents: null },
        { day: "2026-03-10", units: 3, cents: 750 },
      ]);
    });

    it("covers the last 90 days at most, ending today in the shop's time zone", async () => {
      await t.db.shopSettings.create({ data: { shop: SHOP, timezone: "Pacific/Auckland" } });
      // 2026-03-10T12:00Z is the 11th in Auckland: the window is Dec 12 to Mar 11.
      await snapshot(SHOP, "2025-12-11", 50, 1);
      await snapshot(SHOP, "2025-12-12", 7, 700);
      const { history } = await loadHomeCharts(t.db, SHOP, { now: NOW });
      expect(history).toHaveLength(HISTORY_DAYS);
      expect(history[0]).toEqual({ day: "2025-12-12", units: 7, cents: 700 });
      expect(history.at(-1)).toEqual({ day: "2026-03-11", units: 0, cents: 0 });
    });

    it("reads back what the engine recorded on earlier days", async () => {
      await waitingLine(SHOP, { orderId: "o1", orderedAt: daysBefore(2), units: 2, unitPrice: "10" });
      await recordDailySnapshot(t.db, SHOP, daysBefore(1));
      const { history } = await loadHomeCharts(t.db, SHOP, { now: NOW });
      expect(history).toEqual([
        { day: "2026-03-09", units: 2, cents: 2000 },
        { day: "2026-03-10", units: 2, cents: 2000 },
      ]);
    });
  });

  describe("waiting and incoming per variant", () => {
    it("lists the variants with the most units waiting, most first, with the units on their way at every location", async () => {
      for (let number = 1; number <= TOP_VARIANTS + 3; number++) await trackedVariant(SHOP, number, number);
      await trackedVariant(SHOP, 99, 0);
      await trackedVariant(OTHER, 50, 500);
      const level = (shop: string, number: number, locationId: string, incoming: number) =>
        t.db.variantLevel.create({ data: { shop, variantId: `gid://shopify/ProductVariant/${number}`, locationId, locationName: locationId, available: -number, incoming } });
      await level(SHOP, 13, "east", 5);
      await level(SHOP, 13, "west", 2);
      await level(SHOP, 12, "east", 0);
      await level(OTHER, 13, "east", 40);

      const { variants } = await loadHomeCharts(t.db, SHOP, { now: NOW });
      expect(variants).toHaveLength(TOP_VARIANTS);
      expect(variants.slice(0, 3)).toEqual([
        { id: "13", title: "Lamp – 13", waiting: 13, incoming: 7 },
        { id: "12", title: "Lamp – 12", waiting: 12, incoming: 0 },
        { id: "11", title: "Lamp – 11", waiting: 11, incoming: 0 },
      ]);
      expect(variants.at(-1)?.waiting).toBe(4);
    });
  });

  describe("how long orders wait", () => {
    it("counts waiting orders by whole days waited, each order once", async () => {
      // Under a week: two lines of one order, and an order placed a moment ago.
      await waitingLine(SHOP, { orderId: "fresh", orderedAt: daysBefore(6, 23) });
      await waitingLine(SHOP, { orderId: "fresh", orderedAt: daysBefore(6, 23), variantId: "gid://shopify/ProductVariant/2" });
      await waitingLine(SHOP, { orderId: "now", orderedAt: NOW });
      // A week exactly, and just under two.
      await waitingLine(SHOP, { orderId: "week", orderedAt: daysBefore(7) });
      await waitingLine(SHOP, { orderId: "almost-two", orderedAt: daysBefore(13, 23) });
      // Two to four weeks, four to eight, eight or more.
      await waitingLine(SHOP, { orderId: "three", orderedAt: daysBefore(21) });
      await waitingLine(SHOP, { orderId: "five", orderedAt: daysBefore(35) });
      await waitingLine(SHOP, { orderId: "eight", orderedAt: daysBefore(56) });
      await waitingLine(SHOP, { orderId: "old", orderedAt: daysBefore(200) });
      // Not waiting, or someone else's.
      await waitingLine(SHOP, { orderId: "done", orderedAt: daysBefore(30), state: "released" });
      await waitingLine(SHOP, { orderId: "none-left", orderedAt: daysBefore(30), units: 0 });
      await waitingLine(OTHER, { orderId: "elsewhere", orderedAt: daysBefore(1) });

      const { waitTimes } = await loadHomeCharts(t.db, SHOP, { now: NOW });
      expect(waitTimes).toEqual([
        { fromDays: 0, toDays: 7, orders: 2 },
        { fromDays: 7, toDays: 14, orders: 2 },
        { fromDays: 14, toDays: 28, orders: 1 },
        { fromDays: 28, toDays: 56, orders: 1 },
        { fromDays: 56, toDays: null, orders: 2 },
      ]);
      // Every waiting order is in exactly one bar.
      const { waitingOrders } = await loadDashboard(t.db, SHOP, { now: NOW });
      expect(waitTimes.reduce((sum, bucket) => sum + bucket.orders, 0)).toBe(waitingOrders);
    });
  });
});
