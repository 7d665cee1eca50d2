import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { accuracyPeriodOf, bucketStart, daysLate, promiseAccuracy, promiseRecord, worstBy, type LeftQueueLine } from "../../app/domain/promise-accuracy";
import { addDays } from "../../app/domain/restock-eta";

const line = (promisedOn: string, releasedOn: string, extra: Partial<LeftQueueLine> = {}): LeftQueueLine => ({
  variantId: "v1",
  vendor: "Acme",
  promisedOn,
  releasedOn,
  releasedByMerchant: false,
  ...extra,
});

describe("a line's slip", () => {
  it("is the whole days shipped after the promised date, and 0 for on time or early", () => {
    expect(daysLate(line("2026-03-10", "2026-03-13"))).toBe(3);
    expect(daysLate(line("2026-03-10", "2026-03-10"))).toBe(0);
    expect(daysLate(line("2026-03-10", "2026-03-01"))).toBe(0);
    // Across a month end and a daylight-saving change: calendar days, not hours.
    expect(daysLate(line("2026-03-28", "2026-04-02"))).toBe(5);
  });
});

describe("a promise record", () => {
  it("counts kept and late lines, the share kept and the average slip, by hand", () => {
    // Promised the 10th: shipped the 8th (early), the 10th (on time), the 12th (2 late), the 16th (6 late).
    const record = promiseRecord([line("2026-03-10", "2026-03-08"), line("2026-03-10", "2026-03-10"), line("2026-03-10", "2026-03-12"), line("2026-03-10", "2026-03-16")]);
    expect(record).toEqual({ shipped: 4, kept: 2, late: 2, share: 0.5, averageSlipDays: 2, averageDaysLate: 4, releasedByMerchant: 0 });
  });

  it("leaves lines the merchant released by hand out of the figures and counts them apart", () => {
    const record = promiseRecord([line("2026-03-10", "2026-03-20", { releasedByMerchant: true }), line("2026-03-10", "2026-03-09")]);
    expect(record).toEqual({ shipped: 1, kept: 1, late: 0, share: 1, averageSlipDays: 0, averageDaysLate: null, releasedByMerchant: 1 });
  });

  it("has no share when nothing shipped", () => {
    expect(promiseRecord([])).toEqual({ shipped: 0, kept: 0, late: 0, share: null, averageSlipDays: 0, averageDaysLate: null, releasedByMerchant: 0 });
  });

  const day = fc.integer({ min: 0, max: 800 }).map((offset) => addDays("2025-01-01", offset));
  const lines = fc.array(fc.record({ variantId: fc.constantFrom("a", "b"), vendor: fc.constantFrom("Acme", null), promisedOn: day, releasedOn: day, releasedByMerchant: fc.boolean() }));

  it("keeps the share in [0, 1], slips never negative, and kept + late = shipped", () => {
    fc.assert(
      fc.property(lines, (sample) => {
        const record = promiseRecord(sample);
        expect(record.kept + record.late).toBe(record.shipped);
        expect(record.shipped + record.releasedByMerchant).toBe(sample.length);
        if (record.share !== null) expect(record.share >= 0 && record.share <= 1).toBe(true);
        expect(record.averageSlipDays).toBeGreaterThanOrEqual(0);
        if (record.averageDaysLate !== null) expect(record.averageDaysLate).toBeGreaterThanOrEqual(1);
        // Lateness averaged over all judged lines never exceeds lateness averaged over the late ones.
        expect(record.averageSlipDays).toBeLessThanOrEqual(record.averageDaysLate ?? 0);
      }),
    );
  });
});

describe("promise accuracy over a period", () => {
  const today = "2026-03-18"; // a Wednesday

  it("judges only lines released within the period, by release day", () => {
    const report = promiseAccuracy(
      [
        line("2026-02-10", "2026-02-16"), // the day before a 30-day period: out
        line("2026-02-10", "2026-02-17"), // the period's first day
        line("2026-03-20", "2026-03-18"), // today
        line("2026-03-20", "2026-03-19"), // a clock ahead of ours: not yet in the period
      ],
      { today, days: 30 },
    );
    expect(report.firstDay).toBe("2026-02-17");
    expect(report.overall).toMatchObject({ shipped: 2, kept: 1, late: 1, share: 0.5, averageDaysLate: 7 });
  });

  it("reads a short period by week (from Monday), every week listed, empty ones without a share", () => {
    const report = promiseAccuracy([line("2026-03-01", "2026-03-02"), line("2026-03-10", "2026-03-09"), line("2026-03-10", "2026-03-15")], { today, days: 30 });
    expect(report.bucketing).toBe("week");
    expect(report.overTime.map((week) => week.start)).toEqual(["2026-02-16", "2026-02-23", "2026-03-02", "2026-03-09", "2026-03-16"]);
    expect(report.overTime.map((week) => week.record.share)).toEqual([null, null, 0, 0.5, null]);
    expect(report.overTime[3]!.record).toMatchObject({ shipped: 2, kept: 1, averageDaysLate: 5 });
  });

  it("reads a year by month, from the month the period starts in to this one", () => {
    const report = promiseAccuracy([line("2025-12-20", "2026-01-05"), line("2026-03-01", "2026-03-01")], { today, days: 365 });
    expect(report.bucketing).toBe("month");
    expect(report.overTime).toHaveLength(13);
    expect(report.overTime[0]!.start).toBe("2025-03-01");
    expect(report.overTime.at(-1)!.start).toBe("2026-03-01");
    expect(report.overTime.find((month) => month.start === "2026-01-01")!.record).toMatchObject({ shipped: 1, late: 1, averageDaysLate: 16 });
  });

  it("lists the suppliers with late lines, worst first, at most five", () => {
    const lines = [
      line("2026-03-10", "2026-03-11", { vendor: "Brightlite" }),
      line("2026-03-10", "2026-03-10", { vendor: "Brightlite" }),
      line("2026-03-10", "2026-03-12", { vendor: "Coldco" }),
      line("2026-03-10", "2026-03-13", { vendor: null }),
      line("2026-03-10", "2026-03-10", { vendor: "Always On Time" }),
    ];
    const report = promiseAccuracy(lines, { today, days: 30 });
    // Two suppliers at 0 % kept: the one later on average first; then 50 %; the punctual one is not listed.
    expect(report.worstVendors.map((entry) => [entry.vendor, entry.record.share])).toEqual([[null, 0], ["Coldco", 0], ["Brightlite", 0.5]]);
    // Per variant the same way: v2 (one line, 1 day late) is all late; v1 kept 2 of 4.
    const variants = promiseAccuracy([...lines.slice(0, 2), { ...lines[2]!, variantId: "v2" }, ...lines.slice(3)], { today, days: 30 }).worstVariants;
    expect(variants.map((entry) => [entry.variantId, entry.record.kept, entry.record.shipped])).toEqual([["v2", 0, 1], ["v1", 2, 4]]);
    const many = Array.from({ length: 8 }, (_, index) => line("2026-03-10", "2026-03-12", { vendor: `Vendor ${index}` }));
    expect(worstBy(many, (entry) => entry.vendor, 5)).toHaveLength(5);
  });
});

describe("weeks, months and periods", () => {
  it("starts a week on Monday and a month on its first day", () => {
    expect(bucketStart("2026-03-18", "week")).toBe("2026-03-16");
    expect(bucketStart("2026-03-16", "week")).toBe("2026-03-16");
    expect(bucketStart("2026-03-15", "week")).toBe("2026-03-09");
    expect(bucketStart("2026-03-18", "month")).toBe("2026-03-01");
  });

  it("takes a period from the URL, else 90 days", () => {
    expect(accuracyPeriodOf("30")).toBe(30);
    expect(accuracyPeriodOf("365")).toBe(365);
    expect(accuracyPeriodOf("31")).toBe(90);
    expect(accuracyPeriodOf(null)).toBe(90);
  });
});
