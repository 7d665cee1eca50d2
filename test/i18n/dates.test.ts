import { afterEach, describe, expect, it } from "vitest";
import { DATE_STYLES, dateStyleOf, formatDate, formatDateTime, isDateStyle } from "../../app/i18n/dates";

const PLAIN = "2027-03-12";
/** 23:30 UTC on 12 March: already the 13th in Amsterdam, still the 12th in New York. */
const LATE_EVENING_UTC = "2027-03-12T23:30:00Z";

describe("formatDate for a plain date", () => {
  it.each([
    ["medium", "en", "Mar 12, 2027"],
    ["medium", "en-GB", "12 Mar 2027"],
    ["medium", "fr", "12 mars 2027"],
    ["long", "en", "March 12, 2027"],
    ["long", "en-GB", "12 March 2027"],
    ["long", "de", "12. März 2027"],
    ["short", "en", "03/12/2027"],
    ["short", "en-GB", "12/03/2027"],
    ["short", "de", "12.03.2027"],
    ["iso", "en", "2027-03-12"],
    ["iso", "fr", "2027-03-12"],
  ] as const)("%s in %s reads %j", (style, locale, expected) => {
    expect(formatDate(PLAIN, { style, locale })).toBe(expected);
  });

  it("speaks English by default", () => {
    expect(formatDate(PLAIN, { style: "long" })).toBe("March 12, 2027");
  });

  it("adds the weekday when asked, except in ISO style", () => {
    expect(formatDate(PLAIN, { style: "long", weekday: true })).toBe("Friday, March 12, 2027");
    expect(formatDate(PLAIN, { style: "medium", locale: "fr", weekday: true })).toBe("vendredi 12 mars 2027");
    expect(formatDate(PLAIN, { style: "iso", weekday: true })).toBe("2027-03-12");
  });

  it("keeps the calendar day whatever the time zone asked for", () => {
    for (const timeZone of ["Pacific/Kiritimati", "Pacific/Pago_Pago", "America/New_York", "Asia/Tokyo"]) {
      expect(formatDate(PLAIN, { style: "iso", timeZone })).toBe(PLAIN);
      expect(formatDate(PLAIN, { style: "long", timeZone })).toBe("March 12, 2027");
    }
  });

  it("shows input it cannot read, or a day that does not exist, as it came", () => {
    expect(formatDate("2027-02-30", { style: "medium" })).toBe("2027-02-30");
    expect(formatDate("soon", { style: "long" })).toBe("soon");
    expect(formatDate(new Date(Number.NaN), { style: "iso" })).toBe("Invalid Date");
  });
});

describe("a plain date under every process time zone", () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  // The furthest zones ahead of and behind UTC, and a few in between, with their offset on that day (minutes, as getTimezoneOffset has it).
  it.each([
    ["Pacific/Kiritimati", -840],
    ["Pacific/Pago_Pago", 660],
    ["Etc/GMT+12", 720],
    ["America/Los_Angeles", 480],
    ["Europe/Amsterdam", -60],
    ["Asia/Kolkata", -330],
    ["UTC", 0],
  ])("never shifts a day under TZ=%s", (zone, offset) => {
    process.env.TZ = zone;
    // Node reads TZ again once it changes: local midnight really is somewhere else now.
    expect(new Date(2027, 2, 12).getTimezoneOffset()).toBe(offset);
    for (const style of DATE_STYLES) expect(formatDate(PLAIN, { style, locale: "en-GB" })).toBe({ medium: "12 Mar 2027", long: "12 March 2027", short: "12/03/2027", iso: PLAIN }[style]);
    expect(formatDate("2027-01-01", { style: "iso" })).toBe("2027-01-01");
    expect(formatDate("2026-12-31", { style: "medium" })).toBe("Dec 31, 2026");
  });
});

describe("timestamps", () => {
  it("are read in the time zone given, UTC by default", () => {
    expect(formatDate(LATE_EVENING_UTC, { style: "iso" })).toBe("2027-03-12");
    expect(formatDate(LATE_EVENING_UTC, { style: "iso", timeZone: "Europe/Amsterdam" })).toBe("2027-03-13");
    expect(formatDate(new Date(LATE_EVENING_UTC), { style: "medium", timeZone: "America/New_York" })).toBe("Mar 12, 2027");
  });

  it("show the time of day with formatDateTime, in each style", () => {
    const zone = { timeZone: "Europe/Amsterdam" };
    expect(formatDateTime(LATE_EVENING_UTC, { style: "iso", ...zone })).toBe("2027-03-13 00:30");
    expect(formatDateTime(LATE_EVENING_UTC, { style: "short", locale: "en-GB", ...zone })).toBe("13/03/2027, 00:30");
    expect(formatDateTime(LATE_EVENING_UTC, { style: "medium", locale: "fr", ...zone })).toBe("13 mars 2027, 00:30");
    expect(formatDateTime(LATE_EVENING_UTC, { style: "long", locale: "en-GB", ...zone })).toBe("13 March 2027 at 00:30");
  });

  it("leave a plain date without a time of day", () => {
    expect(formatDateTime(PLAIN, { style: "iso", timeZone: "Asia/Tokyo" })).toBe(PLAIN);
  });

  it("fall back to English and UTC for an unknown locale or zone rather than failing the page", () => {
    expect(formatDateTime(LATE_EVENING_UTC, { style: "iso", timeZone: "Mars/Olympus_Mons" })).toBe("2027-03-12 23:30");
    expect(formatDate(LATE_EVENING_UTC, { style: "long", locale: "not a locale!", timeZone: "Europe/Amsterdam" })).toBe("March 13, 2027");
  });
});

describe("date styles", () => {
  it("knows the four styles and reads anything else as the default", () => {
    expect(DATE_STYLES).toEqual(["medium", "long", "short", "iso"]);
    expect(isDateStyle("iso")).toBe(true);
    expect(isDateStyle("ISO")).toBe(false);
    expect(isDateStyle(undefined)).toBe(false);
    expect(dateStyleOf("short")).toBe("short");
    expect(dateStyleOf("fancy")).toBe("medium");
    expect(dateStyleOf(null)).toBe("medium");
  });
});
