import { describe, expect, it } from "vitest";
import { outOfOrderWindow } from "../../app/domain/order-window";

const DAY = 86_400_000;
const now = new Date("2026-11-29T08:00:00Z");
const orderedDaysAgo = (days: number) => new Date(now.getTime() - days * DAY);

describe("outOfOrderWindow", () => {
  it("takes an order past 60 days, without read_all_orders, as out of sight", () => {
    expect(outOfOrderWindow({ orderedAt: orderedDaysAgo(61), now, grantedScopes: ["read_orders"] })).toBe(true);
  });

  it("counts an order a day from the edge as possibly past it (clocks differ)", () => {
    expect(outOfOrderWindow({ orderedAt: orderedDaysAgo(59.5), now, grantedScopes: ["read_orders"] })).toBe(true);
    expect(outOfOrderWindow({ orderedAt: orderedDaysAgo(30), now, grantedScopes: ["read_orders"] })).toBe(false);
  });

  it("never with read_all_orders: a missing order is then gone", () => {
    expect(outOfOrderWindow({ orderedAt: orderedDaysAgo(400), now, grantedScopes: ["read_orders", "read_all_orders"] })).toBe(false);
  });
});
