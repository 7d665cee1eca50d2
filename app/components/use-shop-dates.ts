/** Dates on any admin page, in the shop's date style and time zone (from the app layout's loader). */
import { useMemo } from "react";
import { useRouteLoaderData } from "@remix-run/react";
import type { loader as appLayoutLoader } from "../routes/app";
import { DEFAULT_DATE_STYLE, formatDate, formatDateTime, type DateFormatOptions } from "../i18n/dates";
import { ADMIN_LOCALE } from "../i18n/format";

export { ADMIN_LOCALE };

export interface ShopDates {
  /** A plain date ("2027-03-12") or a moment's date. */
  formatDate(value: string | Date): string;
  /** A moment's date and time of day, where the shop is. */
  formatDateTime(value: string | Date): string;
}

export function useShopDates(): ShopDates {
  const dates = useRouteLoaderData<typeof appLayoutLoader>("routes/app")?.dates;
  const style = dates?.style ?? DEFAULT_DATE_STYLE;
  const timeZone = dates?.timeZone ?? "UTC";
  return useMemo(() => {
    const options: DateFormatOptions = { style, timeZone, locale: ADMIN_LOCALE };
    return { formatDate: (value) => formatDate(value, options), formatDateTime: (value) => formatDateTime(value, options) };
  }, [style, timeZone]);
}
