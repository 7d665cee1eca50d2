import { describe, expect, it } from "vitest";
import type { LocatedDemand } from "../../app/domain/backorder-plan";
import { unaccountedNewWaiting } from "../../app/domain/window-completeness";

const line = (orderId: string, orderedAt: string, openQuantity: number, locationId = "main"): LocatedDemand => ({ lineItemId: `${orderId}-1`, orderId, orderedAt, openQuantity, locationId });
const last = { levels: [{ locationId: "main", available: 0, incoming: 0 }], decidedAt: "2026-11-29T10:00:00.000Z" };

describe("units newly waiting that the orders seen do not account for", () => {
  it("are none when the orders placed since the last decision explain the drop", () => {
    const demand = [line("ada", "2026-11-29T09:00:00.000Z", 2), line("bram", "2026-11-29T10:00:01.000Z", 1), line("chloe", "2026-11-29T10:00:02.000Z", 2)];
    expect(unaccountedNewWaiting([{ locationId: "main", available: -3, incoming: 0 }], demand, last)).toBe(0);
  });

  it("are the units of an order the app was not told about yet, never an older order's", () => {
    // Ada took the stock before the last decision; an unseen order took one more unit since.
    const demand = [line("ada", "2026-11-29T09:00:00.000Z", 2), line("bram", "2026-11-29T10:00:01.000Z", 1)];
    expect(unaccountedNewWaiting([{ locationId: "main", available: -2, incoming: 0 }], demand, last)).toBe(1);
  });

  it("are none when fewer units wait than before (a restock, a cancellation)", () => {
    const before = { ...last, levels: [{ locationId: "main", available: -4, incoming: 0 }] };
    expect(unaccountedNewWaiting([{ locationId: "main", available: -1, incoming: 0 }], [], before)).toBe(0);
  });

  it("are not judged without a decision to compare with, nor at a location that does not fulfil online orders", () => {
    expect(unaccountedNewWaiting([{ locationId: "main", available: -2, incoming: 0 }], [], null)).toBe(0);
    const till = { ...last, levels: [{ locationId: "till", available: 0, incoming: 0, fulfillsOnlineOrders: false }] };
    expect(unaccountedNewWaiting([{ locationId: "till", available: -2, incoming: 0, fulfillsOnlineOrders: false }], [], till)).toBe(0);
  });
});
