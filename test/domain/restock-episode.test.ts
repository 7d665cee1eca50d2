import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  inBackorderEpisode,
  promisableRestockDate,
  restockDateHasPassed,
  restockDateToClear,
  restockEpisodeEnded,
  type EpisodeState,
} from "../../app/domain/restock-episode";
import type { BackorderStatus } from "../../app/domain/variant-policy";

const backordered: EpisodeState = { status: "backorder", waitingUnits: 3 };
const atCap: EpisodeState = { status: "sold_out", waitingUnits: 5 };
const restocked: EpisodeState = { status: "in_stock", waitingUnits: 0 };
const partlyRestocked: EpisodeState = { status: "in_stock", waitingUnits: 2 };
const notManaged: EpisodeState = { status: "not_managed", waitingUnits: 0 };

describe("restock episodes", () => {
  it("counts a variant as in an episode while back-ordered, sold out at its cap, or still owing units", () => {
    expect([backordered, atCap, { status: "backorder", waitingUnits: 0 } as EpisodeState, partlyRestocked].map(inBackorderEpisode)).toEqual([true, true, true, true]);
    expect([restocked, notManaged].map(inBackorderEpisode)).toEqual([false, false]);
  });

  it("ends the episode when stock is back and nothing waits, not before", () => {
    expect(restockEpisodeEnded(backordered, restocked)).toBe(true);
    expect(restockEpisodeEnded(atCap, restocked)).toBe(true);
    // Stock at one location while another still owes units: the units the date was for have not all come.
    expect(restockEpisodeEnded(backordered, partlyRestocked)).toBe(false);
    expect(restockEpisodeEnded(partlyRestocked, restocked)).toBe(true);
    expect(restockEpisodeEnded(backordered, { status: "backorder", waitingUnits: 1 })).toBe(false);
  });

  it("does not end an episode twice, nor one that never began", () => {
    expect(restockEpisodeEnded(restocked, restocked)).toBe(false);
    expect(restockEpisodeEnded(null, restocked)).toBe(false);
    expect(restockEpisodeEnded(notManaged, restocked)).toBe(false);
  });

  it("keeps the date when the app stops managing the variant: no stock came", () => {
    expect(restockEpisodeEnded(backordered, notManaged)).toBe(false);
    expect(restockDateToClear("2026-12-01", backordered, notManaged)).toBeNull();
  });

  it("clears the stored date only in the sync that sees the episode end", () => {
    expect(restockDateToClear("2026-12-01", backordered, restocked)).toBe("2026-12-01");
    expect(restockDateToClear(null, backordered, restocked)).toBeNull();
    // A date set while in stock is for the next sell-out.
    expect(restockDateToClear("2026-12-01", restocked, restocked)).toBeNull();
    expect(restockDateToClear("2026-12-01", restocked, backordered)).toBeNull();
  });

  it("never promises a date before today, and promises today's", () => {
    expect(promisableRestockDate("2026-11-23", "2026-11-24")).toBeNull();
    expect(promisableRestockDate("2026-11-24", "2026-11-24")).toBe("2026-11-24");
    expect(promisableRestockDate("2026-11-24T18:00:00Z", "2026-11-24")).toBe("2026-11-24T18:00:00Z");
    expect(promisableRestockDate(null, "2026-11-24")).toBeNull();
    expect(restockDateHasPassed("2026-11-23", "2026-11-24")).toBe(true);
    expect(restockDateHasPassed("2026-11-25", "2026-11-24")).toBe(false);
  });
});

/** Syncs of one variant, as the engine runs them: each sees the fresh state and remembers it for the next. */
function runSyncs(date: string, start: EpisodeState | null, seen: readonly EpisodeState[]): { date: string | null; clears: number } {
  let stored: string | null = date;
  let before = start;
  let clears = 0;
  for (const after of seen) {
    const cleared = restockDateToClear(stored, before, after);
    if (cleared !== null) {
      stored = null;
      clears++;
    }
    before = after;
  }
  return { date: stored, clears };
}

const stateArb: fc.Arbitrary<EpisodeState> = fc.record({
  status: fc.constantFrom<BackorderStatus>("not_managed", "in_stock", "backorder", "sold_out"),
  waitingUnits: fc.integer({ min: 0, max: 3 }),
});

describe("restock episode properties", () => {
  it("clears a date exactly once, at the first end of an episode after it was set, whatever syncs repeat", () => {
    fc.assert(
      fc.property(fc.option(stateArb, { nil: null }), fc.array(stateArb, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 6 }), (start, seen, repeats) => {
        const once = runSyncs("2026-12-01", start, seen);
        const ends = seen.map((after, i) => restockEpisodeEnded(i === 0 ? start : seen[i - 1]!, after));
        expect(once.clears).toBe(ends.some(Boolean) ? 1 : 0);
        expect(once.date === null).toBe(ends.some(Boolean));
        // A duplicated webhook is one more sync that sees the same state: it changes nothing.
        const withRepeats = [...seen];
        for (const at of repeats) if (withRepeats.length > 0) withRepeats.splice(at % withRepeats.length, 0, withRepeats[at % withRepeats.length]!);
        expect(runSyncs("2026-12-01", start, withRepeats)).toEqual(once);
      }),
    );
  });
});
