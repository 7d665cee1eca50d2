/**
 * How often the date a customer was promised held: of the back-ordered lines that shipped because
 * stock came, the share released on or before the date first promised (`promisedOn`), and how
 * late the others were. Days are calendar days in the shop's time zone, compared as ISO dates.
 *
 * Slip is lateness only: a line released early counts 0 days, never minus, so early releases of
 * some orders do not hide the lateness of others. `averageSlipDays` averages that over every line
 * judged (early and on-time ones count 0); `averageDaysLate` over the late ones alone.
 */
import { addDays } from "./restock-eta";

/** The periods the merchant may choose, in days ending today. */
export const ACCURACY_PERIODS = [30, 90, 365] as const;
export type AccuracyPeriod = (typeof ACCURACY_PERIODS)[number];
export const DEFAULT_ACCURACY_PERIOD: AccuracyPeriod = 90;
/** How many suppliers, and how many variants, the worst-record lists show at most. */
export const WORST_VENDORS = 5;
export const WORST_VARIANTS = 5;

/** A period from the URL; anything else is the default. */
export function accuracyPeriodOf(value: unknown): AccuracyPeriod {
  const days = Number(value);
  return ACCURACY_PERIODS.find((period) => period === days) ?? DEFAULT_ACCURACY_PERIOD;
}

/** A line that left the queue, as the read model hands it over. */
export interface LeftQueueLine {
  variantId: string;
  vendor: string | null;
  /** ISO date first promised to the customer. */
  promisedOn: string;
  /** ISO date (shop's time zone) the line was released. */
  releasedOn: string;
  /** Released by the merchant (Release now, or the hold released in Shopify admin), not by stock arriving. */
  releasedByMerchant: boolean;
}

export interface PromiseRecord {
  /** Lines that shipped because stock came: the ones judged. */
  shipped: number;
  /** Of those, released on or before the date promised. */
  kept: number;
  late: number;
  /** kept / shipped, in [0, 1]; null when nothing shipped. */
  share: number | null;
  /** Mean of max(0, released − promised) in days over every line judged; 0 when nothing shipped. */
  averageSlipDays: number;
  /** Mean days late over the late lines alone; null when none was late. */
  averageDaysLate: number | null;
  /** Lines the merchant released by hand in the period: shown apart, never judged. */
  releasedByMerchant: number;
}

const DAY_MS = 86_400_000;
const dayNumber = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS;

/** Whole days the line shipped after its promised date; 0 when on time or early. */
export function daysLate(line: Pick<LeftQueueLine, "promisedOn" | "releasedOn">): number {
  return Math.max(0, dayNumber(line.releasedOn) - dayNumber(line.promisedOn));
}

export function promiseRecord(lines: readonly LeftQueueLine[]): PromiseRecord {
  const judged = lines.filter((line) => !line.releasedByMerchant);
  const slips = judged.map(daysLate);
  const lateSlips = slips.filter((days) => days > 0);
  const totalSlip = lateSlips.reduce((sum, days) => sum + days, 0);
  return {
    shipped: judged.length,
    kept: judged.length - lateSlips.length,
    late: lateSlips.length,
    share: judged.length === 0 ? null : (judged.length - lateSlips.length) / judged.length,
    averageSlipDays: judged.length === 0 ? 0 : totalSlip / judged.length,
    averageDaysLate: lateSlips.length === 0 ? null : totalSlip / lateSlips.length,
    releasedByMerchant: lines.length - judged.length,
  };
}

/** The first day of a period of `days` days ending today (today included). */
export function periodStart(today: string, days: number): string {
  return addDays(today, 1 - days);
}

/** A short period reads by week, a year by month. */
export type Bucketing = "week" | "month";
export const bucketingFor = (days: number): Bucketing => (days <= 90 ? "week" : "month");

/** The first day of the week (Monday) or month holding the day. */
export function bucketStart(isoDate: string, bucketing: Bucketing): string {
  if (bucketing === "month") return `${isoDate.slice(0, 7)}-01`;
  const weekday = (new Date(`${isoDate}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(isoDate, -weekday);
}

function nextBucket(start: string, bucketing: Bucketing): string {
  if (bucketing === "week") return addDays(start, 7);
  const [year, month] = start.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
}

export interface PromiseAccuracyReport {
  firstDay: string;
  today: string;
  bucketing: Bucketing;
  overall: PromiseRecord;
  /** Every week or month of the period, oldest first, empty ones included (share null). */
  overTime: { start: string; record: PromiseRecord }[];
  /** Suppliers with at least one late line, worst first (lowest share kept, then most late, then latest on average). */
  worstVendors: { vendor: string | null; record: PromiseRecord }[];
  /** Variants with at least one late line, worst first, the same way. */
  worstVariants: { variantId: string; record: PromiseRecord }[];
}

/** The lines released within the period (by release day), judged as a whole, over time and per supplier. */
export function promiseAccuracy(lines: readonly LeftQueueLine[], input: { today: string; days: number }): PromiseAccuracyReport {
  const firstDay = periodStart(input.today, input.days);
  const inPeriod = lines.filter((line) => line.releasedOn >= firstDay && line.releasedOn <= input.today);
  const bucketing = bucketingFor(input.days);
  const overTime: PromiseAccuracyReport["overTime"] = [];
  for (let start = bucketStart(firstDay, bucketing); start <= input.today; start = nextBucket(start, bucketing)) {
    const end = nextBucket(start, bucketing);
    overTime.push({ start, record: promiseRecord(inPeriod.filter((line) => line.releasedOn >= start && line.releasedOn < end)) });
  }
  return {
    firstDay,
    today: input.today,
    bucketing,
    overall: promiseRecord(inPeriod),
    overTime,
    worstVendors: worstBy(inPeriod, (line) => line.vendor, WORST_VENDORS).map(({ key, record }) => ({ vendor: key, record })),
    worstVariants: worstBy(inPeriod, (line) => line.variantId, WORST_VARIANTS).map(({ key, record }) => ({ variantId: key, record })),
  };
}

/** Groups with at least one late line, worst first; ties broken by the key so the order is stable. */
export function worstBy<K extends string | null>(lines: readonly LeftQueueLine[], keyOf: (line: LeftQueueLine) => K, limit: number): { key: K; record: PromiseRecord }[] {
  const groups = new Map<K, LeftQueueLine[]>();
  for (const line of lines) {
    const key = keyOf(line);
    const members = groups.get(key);
    if (members) members.push(line);
    else groups.set(key, [line]);
  }
  return [...groups]
    .map(([key, members]) => ({ key, record: promiseRecord(members) }))
    .filter(({ record }) => record.late > 0)
    .sort((a, b) => a.record.share! - b.record.share! || b.record.late - a.record.late || b.record.averageDaysLate! - a.record.averageDaysLate! || String(a.key ?? "").localeCompare(String(b.key ?? "")))
    .slice(0, limit);
}
