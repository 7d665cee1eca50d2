/**
 * Dates as the merchant chose to read them (ShopSettings.dateStyle). Pure: the
 * server renders and the browser hydrates the same text.
 *
 * A plain date ("2027-03-12") is a calendar day, not a moment: it is formatted
 * in UTC so no time zone can move it to the day before or after. A timestamp is
 * a moment, shown as it falls in the given time zone (the shop's).
 */

export const DATE_STYLES = ["medium", "long", "short", "iso"] as const;
export type DateStyle = (typeof DATE_STYLES)[number];
export const DEFAULT_DATE_STYLE: DateStyle = "medium";

export function isDateStyle(value: unknown): value is DateStyle {
  return typeof value === "string" && (DATE_STYLES as readonly string[]).includes(value);
}

/** A stored style, or the default when it is not one we know. */
export function dateStyleOf(value: unknown): DateStyle {
  return isDateStyle(value) ? value : DEFAULT_DATE_STYLE;
}

export interface DateFormatOptions {
  style: DateStyle;
  /** BCP 47 locale for the words and the order of day and month ["en"]. */
  locale?: string;
  /** IANA zone timestamps are shown in ["UTC"]; plain dates ignore it. */
  timeZone?: string;
  /** Adds the weekday ("Friday, March 12, 2027"); not for "iso". */
  weekday?: boolean;
}

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const STYLE_FIELDS: Record<Exclude<DateStyle, "iso">, Intl.DateTimeFormatOptions> = {
  medium: { day: "numeric", month: "short", year: "numeric" },
  long: { day: "numeric", month: "long", year: "numeric" },
  short: { day: "2-digit", month: "2-digit", year: "numeric" },
};

const TIME_FIELDS: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit" };

/** What to format, and the zone to read it in: UTC for a plain date, the caller's for a moment. */
function momentOf(value: string | Date, timeZone: string): { at: Date; timeZone: string; plain: boolean } | null {
  if (typeof value === "string") {
    const plain = PLAIN_DATE.exec(value);
    if (plain) {
      const at = new Date(Date.UTC(Number(plain[1]), Number(plain[2]) - 1, Number(plain[3])));
      // Rejects days that do not exist ("2027-02-30" would roll over to March).
      return at.toISOString().startsWith(value) ? { at, timeZone: "UTC", plain: true } : null;
    }
  }
  const at = typeof value === "string" ? new Date(value) : value;
  return Number.isNaN(at.getTime()) ? null : { at, timeZone, plain: false };
}

/** A formatter; an unknown locale falls back to "en" and an unknown zone to UTC, so a bad setting never breaks a page. */
function formatter(locale: string, timeZone: string, fields: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  for (const [tryLocale, tryZone] of [[locale, timeZone], ["en", timeZone], [locale, "UTC"]]) {
    try {
      return new Intl.DateTimeFormat(tryLocale, { ...fields, timeZone: tryZone });
    } catch {
      // RangeError: try the next pair.
    }
  }
  return new Intl.DateTimeFormat("en", { ...fields, timeZone: "UTC" });
}

function isoParts(at: Date, timeZone: string, withTime: boolean): string {
  const parts = Object.fromEntries(
    formatter("en-CA", timeZone, { year: "numeric", month: "2-digit", day: "2-digit", ...(withTime ? { ...TIME_FIELDS, hourCycle: "h23" } : {}) })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  return withTime ? `${date} ${parts.hour}:${parts.minute}` : date;
}

function format(value: string | Date, options: DateFormatOptions, timeOfDay: boolean): string {
  const moment = momentOf(value, options.timeZone ?? "UTC");
  // Unreadable input is shown as it came rather than as "Invalid Date".
  if (!moment) return String(value);
  // A plain date has no time of day to show.
  const withTime = timeOfDay && !moment.plain;
  if (options.style === "iso") return isoParts(moment.at, moment.timeZone, withTime);
  const fields = { ...STYLE_FIELDS[options.style], ...(options.weekday ? { weekday: "long" as const } : {}), ...(withTime ? TIME_FIELDS : {}) };
  return formatter(options.locale ?? "en", moment.timeZone, fields).format(moment.at);
}

/** A date in the chosen style: "Mar 12, 2027" (medium, en), "12 March 2027" (long, en-GB), "12/03/2027" (short, fr), "2027-03-12" (iso). */
export function formatDate(value: string | Date, options: DateFormatOptions): string {
  return format(value, options, false);
}

/** A moment's date in the chosen style and its time of day: "Mar 12, 2027, 09:30 AM", "2027-03-12 09:30"; a plain date without one. */
export function formatDateTime(value: string | Date, options: DateFormatOptions): string {
  return format(value, options, true);
}

const DAY_MS = 86_400_000;

/** Whole days from `since` to `now` (never negative): how long an order has waited. */
export function wholeDaysSince(since: string | Date, now: string | Date): number {
  return Math.max(0, Math.floor((new Date(now).getTime() - new Date(since).getTime()) / DAY_MS));
}
