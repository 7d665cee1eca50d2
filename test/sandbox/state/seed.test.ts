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
    seedDemoShop(shop);
    const orders = [...shop.orders.values()];
    expect(orders.every((o) => o.historical && o.fulfillments.length > 0)).toBe(true);
    const oldest = Math.min(...orders.map((o) => Date.parse(o.createdAt)));
    expect((NOW - oldest) / 86_400_000).toBeGreaterThan(170);
    const byWeekday = [0, 0, 0, 0, 0, 0, 0];
    for (const o of orders) byWeekday[new Date(o.createdAt).getUTCDay()]! += 1;
    expect(byWeekday[6]!).toBeGreaterThan(byWeekday[1]!);
  });
});
