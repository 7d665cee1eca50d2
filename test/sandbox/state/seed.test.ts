import { describe, expect, it } from "vitest";
import { seedDemoShop } from "./seed";
import { SandboxShop } from "./shop";

const NOW = Date.parse("2026-11-20T12:00:00Z");

describe("seedDemoShop", () => {
  it("builds a realistic, deterministic shop", () => {
    const shop = new SandboxShop({ now: () => NOW });
    const seed = seedDemoShop(shop);
    const snap = shop.snapshot();
    expect(snap.locations.map((l) => l.name)).toEqual(["Main warehouse", "Downtown store", "East fulfilment centre"]);
    expect(snap.locations.filter((l) => !l.fulfillsOnlineOrders).map((l) => l.name)).toEqual(["Downtown store"]);
    expect(shop.products.size).toBe(30);
    expect(snap.variants.length).toBeGreaterThanOrEqual(75);
    const out = snap.variants.filter((v) => v.levels.reduce((s, l) => s + l.available, 0) <= 0);
    expect(out.length).toBeGreaterThanOrEqual(8);
    expect(out.filter((v) => v.inventoryPolicy === "CONTINUE").length).toBeGreaterThan(0);
    expect(out.filter((v) => v.inventoryPolicy === "DENY").length).toBeGreaterThan(out.filter((v) => v.inventoryPolicy === "CONTINUE").length);
    expect(seed.outOfStockVariantIds.sort()).toEqual(out.map((v) => v.id).sort());
    const again = new SandboxShop({ now: () => NOW });
    seedDemoShop(again);
    expect(again.snapshot()).toEqual(snap);
  });

  it("has ~6 months of fulfilled history with more orders at weekends", () => {
    const shop = new SandboxShop({ now: () => NOW });
    const seed = seedDemoShop(shop);
    const orders = [...shop.orders.values()].filter((o) => o.historical);
    expect(orders).toHaveLength(seed.historicalOrderCount);
    expect(orders.every((o) => o.fulfillments.length > 0 && o.closedAt !== null)).toBe(true);
    const oldest = Math.min(...orders.map((o) => Date.parse(o.createdAt)));
    expect((NOW - oldest) / 86_400_000).toBeGreaterThan(170);
    const byWeekday = [0, 0, 0, 0, 0, 0, 0];
    for (const o of orders) byWeekday[new Date(o.createdAt).getUTCDay()]! += 1;
    expect(byWeekday[6]!).toBeGreaterThan(byWeekday[1]!);
  });

  it("tells a story: open orders of different ages for variants sold without stock, some with stock on its way", () => {
    const shop = new SandboxShop({ now: () => NOW });
    const seed = seedDemoShop(shop);
    const snap = shop.snapshot();
    const open = snap.orders.filter((o) => o.cancelledAt === null && o.fulfillmentOrders.some((fo) => fo.status !== "CLOSED"));
    expect(open.map((o) => o.id)).toEqual(seed.waitingOrderIds);
    const ageInDays = (o: (typeof open)[number]) => Math.floor((NOW - Date.parse(o.createdAt)) / 86_400_000);
    expect(new Set(open.map(ageInDays)).size).toBe(open.length);
    expect(Math.max(...open.map(ageInDays))).toBeGreaterThan(30);
    expect(Math.min(...open.map(ageInDays))).toBeGreaterThanOrEqual(1);
    // Oldest first, and numbered in time with the history of the days after them.
    expect(open.map((o) => o.createdAt)).toEqual(open.map((o) => o.createdAt).sort());
    const newerHistory = snap.orders.filter((o) => o.createdAt.slice(0, 10) > open[0]!.createdAt.slice(0, 10) && !seed.waitingOrderIds.includes(o.id));
    expect(newerHistory.length).toBeGreaterThan(0);
    expect(newerHistory.every((o) => Number(o.name.slice(1)) > Number(open[0]!.name.slice(1)))).toBe(true);

    // As Shopify counts it: each unit sold without stock puts `available` one below zero.
    const waitedFor = new Map<string, number>();
    for (const order of open) for (const line of order.lineItems) waitedFor.set(line.variantId!, (waitedFor.get(line.variantId!) ?? 0) + line.quantity);
    expect(waitedFor.size).toBeGreaterThanOrEqual(4);
    for (const [variantId, units] of waitedFor) {
      const variant = snap.variants.find((v) => v.id === variantId)!;
      expect(variant.inventoryPolicy).toBe("CONTINUE");
      expect(variant.levels.reduce((sum, level) => sum + level.available, 0)).toBe(-units);
      for (const order of open.filter((o) => o.lineItems.some((l) => l.variantId === variantId))) {
        expect(order.fulfillmentOrders.every((fo) => fo.status === "OPEN" && fo.holds.length === 0)).toBe(true);
      }
    }
    const withIncoming = [...waitedFor.keys()].filter((id) => snap.variants.find((v) => v.id === id)!.levels.some((l) => l.incoming > 0));
    expect(withIncoming.length).toBeGreaterThanOrEqual(2);
  });

  it("places the story's orders as the storefront badge would: its wording, and the date it promised that day hidden", () => {
    const shop = new SandboxShop({ now: () => NOW });
    const seed = seedDemoShop(shop);
    const open = shop.snapshot().orders.filter((o) => seed.waitingOrderIds.includes(o.id));
    expect(open.length).toBeGreaterThan(0);
    for (const order of open) {
      // Ordered on day D: the default lead time (14) plus handling (1) from D.
      const promised = new Date(Date.parse(order.createdAt.slice(0, 10)) + 15 * 86_400_000);
      const wording = `Ships by ${promised.toLocaleDateString("en-US", { month: "long", day: "numeric", year: "numeric", timeZone: "UTC" })}`;
      for (const line of order.lineItems) expect(line.properties).toEqual({ "Back-order": wording, _backorder_ships_on: promised.toISOString().slice(0, 10) });
    }
    const promisedDays = open.map((o) => o.lineItems[0]!.properties["_backorder_ships_on"]!);
    const today = new Date(NOW).toISOString().slice(0, 10);
    expect(promisedDays.some((day) => day < today)).toBe(true);
    expect(promisedDays.some((day) => day >= today)).toBe(true);
  });

  it("leaves the story out on request: only fulfilled history", () => {
    const shop = new SandboxShop({ now: () => NOW });
    const seed = seedDemoShop(shop, { story: false });
    expect(seed.waitingOrderIds).toEqual([]);
    expect([...shop.orders.values()].every((o) => o.historical)).toBe(true);
    expect(shop.snapshot().variants.every((v) => v.levels.every((l) => l.available >= 0))).toBe(true);
  });
});
