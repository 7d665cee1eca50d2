/** The daily snapshot Home's history chart is drawn from, recorded on a real SQLite file. */
import { describe, expect, it } from "vitest";
import { databaseForEachTest } from "../support/database-per-test";
import { createWaitingLine, type WaitingLineRow } from "../support/waiting-line-rows";
import { recordDailySnapshot, recordDueSnapshots, SNAPSHOT_FRESH_FOR_MS } from "../../app/engine/daily-snapshots.server";
import { loadDashboard } from "../../app/models/dashboard.server";

const SHOP = "snap.myshopify.com";
const OTHER = "other-snap.myshopify.com";
const NOON = new Date("2026-03-10T12:00:00Z");
const MINUTE = 60_000;

const t = databaseForEachTest();

const waitingLine = (shop: string, data: WaitingLineRow) => createWaitingLine(t.db, shop, { variantId: "v1", ...data });

const rowsOf = (shop: string) =>
  t.db.dailySnapshot.findMany({ where: { shop }, orderBy: { day: "asc" }, select: { day: true, waitingUnits: true, waitingValueCents: true, waitingLines: true, waitingOrders: true } });

describe("recordDailySnapshot", () => {
  it("writes the shop's waiting figures for today, the same the Home figures show", async () => {
    await t.db.trackedVariant.create({ data: { shop: SHOP, variantId: "v1", productId: "p1", inventoryItemId: "i1", title: "Lamp", merchantPolicy: "DENY", status: "backorder", sellable: -5 } });
    await t.db.variantLevel.create({ data: { shop: SHOP, variantId: "v1", locationId: "loc", locationName: "Warehouse", available: -5, incoming: 4 } });
    await waitingLine(SHOP, { orderId: "o1", units: 2, unitPrice: "19.99" });
    await waitingLine(SHOP, { orderId: "o1", units: 1, unitPrice: "5.50" });
    await waitingLine(SHOP, { orderId: "o2", units: 3, unitPrice: "0.10" });
    // Released lines no longer wait.
    await waitingLine(SHOP, { orderId: "o3", units: 9, unitPrice: "100", state: "released" });

    await recordDailySnapshot(t.db, SHOP, NOON);

    const [row] = await t.db.dailySnapshot.findMany({ where: { shop: SHOP } });
    expect(row).toMatchObject({
      day: "2026-03-10",
      waitingUnits: 6,
      waitingValueCents: 4578n,
      waitingLines: 3,
      waitingOrders: 2,
      backorderedVariants: 1,
      incomingUnits: 4,
      recordedAt: NOON,
    });
    const dashboard = await loadDashboard(t.db, SHOP, { now: NOON });
    expect([dashboard.waitingUnits, dashboard.valueWaiting, dashboard.waitingOrders, dashboard.incomingUnits]).toEqual([6, "45.78", 2, 4]);
  });

  it("keeps one row per day: a second run that day rewrites it, the next day adds one", async () => {
    await waitingLine(SHOP, { orderId: "o1", units: 2, unitPrice: "10" });
    await recordDailySnapshot(t.db, SHOP, NOON);
    await recordDailySnapshot(t.db, SHOP, NOON);
    expect(await rowsOf(SHOP)).toEqual([{ day: "2026-03-10", waitingUnits: 2, waitingValueCents: 2000n, waitingLines: 1, waitingOrders: 1 }]);

    // Later that day another order waits: today's row follows.
    await waitingLine(SHOP, { orderId: "o2", units: 1, unitPrice: "10" });
    await recordDailySnapshot(t.db, SHOP, new Date("2026-03-10T23:50:00Z"));
    // The next day the stock came in.
    await t.db.backorderLine.updateMany({ where: { shop: SHOP }, data: { state: "released" } });
    await recordDailySnapshot(t.db, SHOP, new Date("2026-03-11T00:10:00Z"));

    expect(await rowsOf(SHOP)).toEqual([
      { day: "2026-03-10", waitingUnits: 3, waitingValueCents: 3000n, waitingLines: 2, waitingOrders: 2 },
      { day: "2026-03-11", waitingUnits: 0, waitingValueCents: 0n, waitingLines: 0, waitingOrders: 0 },
    ]);
  });

  it("dates the row by the shop's calendar", async () => {
    await t.db.shopSettings.create({ data: { shop: SHOP, timezone: "Pacific/Auckland" } });
    // Noon in London is already the 11th in Auckland.
    await recordDailySnapshot(t.db, SHOP, NOON);
    expect((await rowsOf(SHOP)).map((row) => row.day)).toEqual(["2026-03-11"]);
  });

  it("counts each shop's own lines only", async () => {
    await waitingLine(SHOP, { orderId: "o1", units: 2, unitPrice: "1" });
    await waitingLine(OTHER, { orderId: "o1", units: 5, unitPrice: "1" });
    await recordDailySnapshot(t.db, SHOP, NOON);
    await recordDailySnapshot(t.db, OTHER, NOON);
    expect((await rowsOf(SHOP)).map((row) => row.waitingUnits)).toEqual([2]);
    expect((await rowsOf(OTHER)).map((row) => row.waitingUnits)).toEqual([5]);
  });
});

describe("recordDueSnapshots (the worker's schedule)", () => {
  it("records installed shops whose row for today is missing or stale, and leaves fresh rows and uninstalled shops alone", async () => {
    await t.db.shopSettings.create({ data: { shop: SHOP } });
    await t.db.shopSettings.create({ data: { shop: OTHER } });
    await t.db.shopSettings.create({ data: { shop: "gone.myshopify.com", uninstalledAt: new Date("2026-03-01T00:00:00Z") } });
    await waitingLine(SHOP, { orderId: "o1", units: 1, unitPrice: "1" });

    expect(await recordDueSnapshots(t.db, { now: NOON })).toBe(2);
    expect(await t.db.dailySnapshot.count({ where: { shop: "gone.myshopify.com" } })).toBe(0);

    // A minute later both rows are fresh: nothing is read or written again.
    await waitingLine(SHOP, { orderId: "o2", units: 1, unitPrice: "1" });
    expect(await recordDueSnapshots(t.db, { now: new Date(NOON.getTime() + MINUTE) })).toBe(0);
    expect((await rowsOf(SHOP)).map((row) => row.waitingUnits)).toEqual([1]);

    // Once they are stale, today's rows are rewritten with the figures of the moment.
    const later = new Date(NOON.getTime() + SNAPSHOT_FRESH_FOR_MS + MINUTE);
    expect(await recordDueSnapshots(t.db, { now: later })).toBe(2);
    expect(await rowsOf(SHOP)).toEqual([{ day: "2026-03-10", waitingUnits: 2, waitingValueCents: 200n, waitingLines: 2, waitingOrders: 2 }]);

    // A new day in the shop's calendar needs its own row at once, however fresh yesterday's is.
    expect(await recordDueSnapshots(t.db, { now: new Date("2026-03-10T23:58:00Z") })).toBe(2);
    expect(await recordDueSnapshots(t.db, { now: new Date("2026-03-11T00:01:00Z") })).toBe(2);
    expect((await rowsOf(SHOP)).map((row) => row.day)).toEqual(["2026-03-10", "2026-03-11"]);
  });
});
