/**
 * Numbers as a merchant reads them: counts with real plurals, money in the
 * shop's currency, ages, oversold stock. Pure, so the server renders and the
 * browser hydrates the same text. Dates are in dates.ts.
 */

/** The admin's words are English (strings.ts), so its numbers are too. */
export const ADMIN_LOCALE = "en";

/** The forms of a counted word; `#` stands for the number ("# unit" / "# units"). */
export type PluralForms = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;

export function formatNumber(value: number, locale = ADMIN_LOCALE): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** "1 unit", "3 units", "1,200 units": the form the language's plural rules pick for the count. */
export function plural(count: number, forms: PluralForms, locale = ADMIN_LOCALE): string {
  const form = forms[new Intl.PluralRules(locale).select(count)] ?? forms.other;
  return form.replace("#", formatNumber(count, locale));
}

/**
 * An amount (a decimal string as Shopify sends it, or a number) in the shop's
 * currency: "$147.00", "€1,200.50". Without a known currency (a shop not synced
 * yet, or a code Intl does not know) it still reads as money with two places.
 */
export function formatMoney(amount: string | number, currencyCode: string | null | undefined, options: { compact?: boolean; locale?: string } = {}): string {
  const value = Number(amount);
  if (!Number.isFinite(value)) return String(amount);
  const locale = options.locale ?? ADMIN_LOCALE;
  // "Compact" is for a chart's axis: "$1.2K".
  const notation = options.compact ? { notation: "compact" as const } : {};
  if (currencyCode) {
    try {
      return new Intl.NumberFormat(locale, { style: "currency", currency: currencyCode, ...notation }).format(value);
    } catch {
      // RangeError: not a currency code; fall through to a plain amount.
    }
  }
  return new Intl.NumberFormat(locale, options.compact ? notation : { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

const UNITS: PluralForms = { one: "# unit", other: "# units" };

/** "1 unit", "5 units". */
export function formatUnits(count: number, locale = ADMIN_LOCALE): string {
  return plural(count, UNITS, locale);
}

/** Stock that can still be sold, or how far it is oversold: "5 units", "3 units oversold", never "-3". */
export function formatStock(available: number, locale = ADMIN_LOCALE): string {
  return available < 0 ? `${formatUnits(-available, locale)} oversold` : formatUnits(available, locale);
}

/** How long something has waited, in whole days: "Under a day", "1 day", "12 days". The one way every page writes an age. */
export function formatAge(days: number, locale = ADMIN_LOCALE): string {
  return days < 1 ? "Under a day" : plural(Math.floor(days), { one: "# day", other: "# days" }, locale);
}
