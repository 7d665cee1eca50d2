/** Money on any admin page, in the shop's currency (from the app layout's loader). */
import { useCallback } from "react";
import { useRouteLoaderData } from "@remix-run/react";
import type { loader as appLayoutLoader } from "../routes/app";
import { formatMoney } from "../i18n/format";

export function useShopMoney(): (amount: string | number) => string {
  const currencyCode = useRouteLoaderData<typeof appLayoutLoader>("routes/app")?.currencyCode ?? null;
  return useCallback((amount) => formatMoney(amount, currencyCode), [currencyCode]);
}
