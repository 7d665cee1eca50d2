import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { checkoutPromiseOf, isOverdue, promiseFor, promiseSlipped, SHIPS_ON_PROPERTY, type PromiseState } from "../../app/domain/customer-promise";
import { addDays } from "../../app/domain/restock-eta";

const today = "2026-11-29";
const property = (value: string | null) => [{ key: "Back-order", value: "Ships by December 14, 2026" }, { key: SHIPS_ON_PROPERTY, value }];

describe("the date the shopper saw at checkout", () => {
  it("is read from the hidden property, beside the visible wording", () => {
    expect(checkoutPromiseOf(property("2026-12-14"), today)).toBe("2026-12-14");
    expect(checkoutPromiseOf(property(" 2026-10-03 "), today)).toBe("2026-10-03");
  });

  it("is absent when the order has no such property (a shop without the badge, or an undated wording)", () => {
    expect(checkoutPromiseOf([], today)).toBeNull();
    expect(checkoutPromiseOf([{ key: "Back-order", value: "Ships as soon as it is back in stock" }], today)).toBeNull();
    expect(checkoutPromiseOf(property(null), today)).toBeNull();
    expect(checkoutPromiseOf(property(""), today)).toBeNull();
  });

  it("ignores a malformed value", () => {
    for (const value of ["December 14, 2026", "2026-13-01", "2026-02-30", "2026-1-5", "20261214", "2026-12-14T00:00:00Z", "<script>"]) {
      expect(checkoutPromiseOf(property(value), today), value).toBeNull();
    }
  });

  it("ignores a date more than two years away either way, and keeps any nearer one", () => {
    expect(checkoutPromiseOf(property("2020-01-01"), today)).toBeNull();
    expect(checkoutPromiseOf(property("2031-01-01"), today)).toBeNull();
    fc.assert(
      fc.property(fc.integer({ min: -730, max: 730 }), (days) => {
        expect(checkoutPromiseOf(property(addDays(today, days)), today)).toBe(addDays(today, days));
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 740, max: 5000 }), fc.boolean(), (days, past) => {
        expect(checkoutPromiseOf(property(addDays(today, past ? -days : days)), today)).toBeNull();
      }),
    );
  });
});

describe("the promise recorded for a line", () => {
  it("is checkout's date, else the first date the app gives", () => {
    expect(promiseFor({ kept: null, checkout: "2026-12-14", shipsOn: "2026-12-20" })).toBe("2026-12-14");
    expect(promiseFor({ kept: null, checkout: null, shipsOn: "2026-12-20" })).toBe("2026-12-20");
    expect(promiseFor({ kept: null, checkout: null, shipsOn: null })).toBeNull();
  });

  it("never changes once made, whatever later syncs compute", () => {
    fc.assert(
      fc.property(fc.integer({ min: -60, max: 60 }), fc.option(fc.integer({ min: -60, max: 400 })), (kept, later) => {
        const promised = addDays(today, kept);
        expect(promiseFor({ kept: promised, checkout: null, shipsOn: later === null ? null : addDays(today, later) })).toBe(promised);
      }),
    );
  });
});

describe("an overdue line", () => {
  const line = (over: Partial<PromiseState>): PromiseState => ({ state: "waiting", waitingUnits: 1, promisedOn: null, shipsOn: null, ...over });

  it("still waits past the date its customer was promised, even when the expected date is later", () => {
    expect(isOverdue(line({ promisedOn: "2026-11-28", shipsOn: "2026-12-20" }), today)).toBe(true);
    expect(isOverdue(line({ promisedOn: today, shipsOn: "2026-12-20" }), today)).toBe(false);
    expect(isOverdue(line({ promisedOn: "2026-11-30", shipsOn: "2026-11-01" }), today)).toBe(false);
  });

  it("uses the expected date when no promise was recorded, and is never overdue without any date", () => {
    expect(isOverdue(line({ shipsOn: "2026-11-28" }), today)).toBe(true);
    expect(isOverdue(line({ shipsOn: today }), today)).toBe(false);
    expect(isOverdue(line({}), today)).toBe(false);
  });

  it("is only a line that still waits", () => {
    const late = { promisedOn: "2026-10-01", shipsOn: "2026-10-01" };
    expect(isOverdue(line({ ...late, state: "released" }), today)).toBe(false);
    expect(isOverdue(line({ ...late, waitingUnits: 0 }), today)).toBe(false);
  });
});

describe("a promise that slipped", () => {
  it("is an expected date later than the one promised", () => {
    expect(promiseSlipped({ promisedOn: "2026-10-03", shipsOn: "2026-12-01" })).toBe(true);
    expect(promiseSlipped({ promisedOn: "2026-12-01", shipsOn: "2026-12-01" })).toBe(false);
    expect(promiseSlipped({ promisedOn: "2026-12-01", shipsOn: "2026-11-20" })).toBe(false);
    expect(promiseSlipped({ promisedOn: null, shipsOn: "2026-12-01" })).toBe(false);
    expect(promiseSlipped({ promisedOn: "2026-12-01", shipsOn: null })).toBe(false);
  });
});
