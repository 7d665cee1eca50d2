/**
 * When a customer is owed a notice about a waiting line. Pure: the engine writes what this says
 * into the outbox with the line's record (app/notices/outbox.server.ts).
 */

export const NOTICE_KINDS = ["confirmation", "new_date"] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const isNoticeKind = (value: string): value is NoticeKind => (NOTICE_KINDS as readonly string[]).includes(value);

/** The outbox key's date when no date is known yet: the key stays one value per line and kind. */
export const NO_DATE = "";

export interface DueNotice {
  kind: NoticeKind;
  /** The date the notice tells (ISO), or NO_DATE. */
  shipsOn: string;
  /** new_date: the date the customer was told before. */
  previousShipsOn: string | null;
}

export interface LineDates {
  /** The line starts waiting in this decision (first wait, or waiting anew after a release). */
  starting: boolean;
  /**
   * The order was placed before the app was installed: the install's first look finds it waiting
   * already, and its customer, who ordered weeks ago, is not sent a confirmation out of the blue.
   */
  orderedBeforeInstall?: boolean;
  /** The line's date as the decision leaves it (ISO), null when none is known. */
  shipsOn: string | null;
  /** The last date the customer was told (see lastToldDate); null when never told one. */
  lastTold: string | null;
}

/**
 * A line that starts waiting is confirmed, with its date when one is known. A waiting line whose
 * date moves later than the last date its customer was told gets the new date. Nothing else is
 * told: an earlier date, or a date becoming unknown, is good news or no news, and the next
 * confirmation or release says it.
 */
export function noticeDue(line: LineDates): DueNotice | null {
  if (line.starting) return line.orderedBeforeInstall ? null : { kind: "confirmation", shipsOn: line.shipsOn ?? NO_DATE, previousShipsOn: null };
  if (line.shipsOn === null || line.lastTold === null || line.shipsOn <= line.lastTold) return null;
  return { kind: "new_date", shipsOn: line.shipsOn, previousShipsOn: line.lastTold };
}

/**
 * The last date a customer was told for a line: the latest notice written that named a date,
 * else the date they were promised (what checkout showed, or the first date the app gave).
 */
export function lastToldDate(written: readonly { shipsOn: string; createdAt: Date }[], promisedOn: string | null): string | null {
  let latest: { shipsOn: string; createdAt: Date } | null = null;
  for (const notice of written) {
    if (notice.shipsOn === NO_DATE) continue;
    if (!latest || notice.createdAt > latest.createdAt || (notice.createdAt.getTime() === latest.createdAt.getTime() && notice.shipsOn > latest.shipsOn)) latest = notice;
  }
  return latest?.shipsOn ?? promisedOn;
}

/** The languages the notices are written in. */
export const NOTICE_LOCALES = ["en", "fr", "de", "es"] as const;
export type NoticeLocale = (typeof NOTICE_LOCALES)[number];

/**
 * The customer's language among those the notices are written in: Shopify's `customerLocale`
 * ("fr", "fr-CA", "pt-BR"…), its language part, else English.
 */
export function noticeLocaleOf(customerLocale: string | null | undefined): NoticeLocale {
  const language = (customerLocale ?? "").trim().toLowerCase().split(/[-_]/)[0] ?? "";
  return (NOTICE_LOCALES as readonly string[]).includes(language) ? (language as NoticeLocale) : "en";
}
