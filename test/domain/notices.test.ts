/** When a customer is owed a notice about a waiting line, and in which language. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { lastToldDate, NO_DATE, noticeDue, noticeLocaleOf } from "../../app/domain/notices";

const day = (n: number) => new Date(Date.UTC(2027, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

describe("noticeDue", () => {
  it("confirms a line that starts waiting, with its date or without one", () => {
    expect(noticeDue({ starting: true, shipsOn: day(10), lastTold: null })).toEqual({ kind: "confirmation", shipsOn: day(10), previousShipsOn: null });
    expect(noticeDue({ starting: true, shipsOn: null, lastTold: null })).toEqual({ kind: "confirmation", shipsOn: NO_DATE, previousShipsOn: null });
  });

  it("does not confirm a line of an order placed before the app was installed", () => {
    expect(noticeDue({ starting: true, orderedBeforeInstall: true, shipsOn: day(10), lastTold: null })).toBeNull();
    // Its date moving later is news all the same: the customer was promised a date at checkout.
    expect(noticeDue({ starting: false, orderedBeforeInstall: true, shipsOn: day(20), lastTold: day(10) })).toMatchObject({ kind: "new_date" });
  });

  it("tells a new date only when it is later than the last date the customer was told", () => {
    expect(noticeDue({ starting: false, shipsOn: day(20), lastTold: day(10) })).toEqual({ kind: "new_date", shipsOn: day(20), previousShipsOn: day(10) });
    expect(noticeDue({ starting: false, shipsOn: day(10), lastTold: day(10) })).toBeNull();
    expect(noticeDue({ starting: false, shipsOn: day(5), lastTold: day(10) })).toBeNull();
  });

  it("says nothing when the date becomes unknown or the customer was never told one", () => {
    expect(noticeDue({ starting: false, shipsOn: null, lastTold: day(10) })).toBeNull();
    expect(noticeDue({ starting: false, shipsOn: day(10), lastTold: null })).toBeNull();
  });

  it("never tells a waiting line a date that is not later than the last one (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), (shipsIn, toldIn) => {
        const due = noticeDue({ starting: false, shipsOn: day(shipsIn), lastTold: day(toldIn) });
        expect(due !== null).toBe(shipsIn > toldIn);
        if (due) expect(due.previousShipsOn! < due.shipsOn).toBe(true);
      }),
    );
  });
});

describe("lastToldDate", () => {
  const at = (minute: number) => new Date(Date.UTC(2027, 0, 1, 0, minute));

  it("is the latest notice that named a date, else the promise", () => {
    expect(lastToldDate([], day(3))).toBe(day(3));
    expect(lastToldDate([{ shipsOn: NO_DATE, createdAt: at(1) }], day(3))).toBe(day(3));
    expect(lastToldDate([{ shipsOn: day(10), createdAt: at(1) }, { shipsOn: day(20), createdAt: at(2) }], day(3))).toBe(day(20));
    // An earlier date told later (a confirmation after a release and a new wait) is what they know now.
    expect(lastToldDate([{ shipsOn: day(20), createdAt: at(1) }, { shipsOn: day(8), createdAt: at(2) }], null)).toBe(day(8));
  });

  it("so a date that moves back and forth is told once per new latest date", () => {
    const written: { shipsOn: string; createdAt: Date }[] = [];
    const told: string[] = [];
    for (const [minute, shipsOn] of [day(20), day(10), day(20), day(25), day(15), day(25)].entries()) {
      const due = noticeDue({ starting: false, shipsOn, lastTold: lastToldDate(written, day(10)) });
      if (due) {
        written.push({ shipsOn: due.shipsOn, createdAt: at(minute) });
        told.push(due.shipsOn);
      }
    }
    expect(told).toEqual([day(20), day(25)]);
  });
});

describe("noticeLocaleOf", () => {
  it("takes the language of Shopify's customerLocale among en, fr, de, es; else English", () => {
    expect(noticeLocaleOf("fr")).toBe("fr");
    expect(noticeLocaleOf("de-CH")).toBe("de");
    expect(noticeLocaleOf("es_MX")).toBe("es");
    expect(noticeLocaleOf("pt-BR")).toBe("en");
    expect(noticeLocaleOf(null)).toBe("en");
  });
});
