/** Shopify, as far as the plan's actions go: what each hold, release and fulfil does to the fulfillment orders. */
import { expect } from "vitest";
import { HOLD_HANDLE, type FulfillmentOrderState, type HoldAction } from "../../app/domain/hold-plan";
import { ourHold, type Hold } from "./hold-plan-fixtures";

const holdNumber = (hold: Hold) => Number(/(\d+)$/.exec(hold.id)?.[1] ?? 0);
export const isOurs = (hold: Hold) => hold.heldByRequestingApp && hold.handle === HOLD_HANDLE;

/**
 * What Shopify does with each action. A new hold gets a larger id than any before
 * it; a partial hold splits the order: the held units stay, the rest moves to a new one.
 */
export function apply(fos: readonly FulfillmentOrderState[], actions: readonly HoldAction[]): FulfillmentOrderState[] {
  let state = fos.map((f) => ({ ...f, holds: [...f.holds], lines: f.lines.map((l) => ({ ...l })) }));
  let nextHold = Math.max(0, ...fos.flatMap((f) => f.holds.map(holdNumber))) + 1;
  for (const action of actions) {
    const target = state.find((f) => f.id === action.fulfillmentOrderId);
    expect(target, `${action.kind} on a fulfillment order that does not exist`).toBeDefined();
    if (!target) continue;
    switch (action.kind) {
      case "hold": {
        expect(target.holds.some(isOurs)).toBe(false);
        expect(["OPEN", "SCHEDULED", "ON_HOLD"]).toContain(target.status);
        const hold = ourHold(`gid://shopify/FulfillmentHold/${nextHold++}`);
        if (action.lines === null) {
          state = state.map((f) => (f === target ? { ...f, status: "ON_HOLD", holds: [...f.holds, hold] } : f));
          break;
        }
        // Shopify cannot split a fulfillment order someone else holds.
        expect(target.holds).toEqual([]);
        const heldQty = new Map(action.lines.map((l) => [l.id, l.quantity]));
        for (const l of action.lines) {
          const line = target.lines.find((candidate) => candidate.id === l.id);
          expect(line).toBeDefined();
          expect(l.quantity).toBeGreaterThan(0);
          expect(l.quantity).toBeLessThanOrEqual(line!.remainingQuantity);
        }
        const held = { ...target, status: "ON_HOLD", holds: [...target.holds, hold], lines: target.lines.filter((l) => heldQty.has(l.id)).map((l) => ({ ...l, remainingQuantity: heldQty.get(l.id)! })) };
        // A new fulfillment order (and new line ids) for the rest, named from the state so both runs of a test agree.
        let split = 1;
        while (state.some((f) => f.id === `${target.id}-rest${split}`)) split++;
        const rest = {
          ...target,
          id: `${target.id}-rest${split}`,
          holds: [],
          lines: target.lines.map((l) => ({ ...l, id: `${l.id}-rest${split}`, remainingQuantity: l.remainingQuantity - (heldQty.get(l.id) ?? 0) })).filter((l) => l.remainingQuantity > 0),
        };
        state = state.flatMap((f) => (f === target ? (rest.lines.length > 0 ? [held, rest] : [held]) : [f]));
        break;
      }
      case "release": {
        const hold = target.holds.find((h) => h.id === action.holdId);
        expect(hold).toMatchObject({ handle: HOLD_HANDLE, heldByRequestingApp: true });
        const holds = target.holds.filter((h) => h.id !== action.holdId);
        state = state.map((f) => (f === target ? { ...f, holds, status: holds.length > 0 ? "ON_HOLD" : "OPEN" } : f));
        break;
      }
      case "fulfil": {
        expect(target.holds).toEqual([]);
        expect(["OPEN", "IN_PROGRESS"]).toContain(target.status);
        const lines = target.lines.map((l) => {
          const fulfilled = action.lines.find((a) => a.id === l.id)?.quantity ?? 0;
          expect(fulfilled).toBeLessThanOrEqual(l.remainingQuantity);
          return { ...l, remainingQuantity: l.remainingQuantity - fulfilled };
        });
        state = state.map((f) => (f === target ? { ...f, lines, status: lines.every((l) => l.remainingQuantity === 0) ? "CLOSED" : "IN_PROGRESS" } : f));
        break;
      }
    }
  }
  return state;
}
