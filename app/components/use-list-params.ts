/** What the admin's list pages share: their state in the URL, search as you type, a toast for each answer. */
import { useCallback, useEffect, useState } from "react";
import { useSearchParams, type FetcherWithComponents } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";

/** Per URL parameter: a value, several values, or null to remove it. */
export type ListParamChanges = Record<string, string | string[] | null>;

/** Changes the list's URL parameters in place; any change but a page change goes back to page 1. */
export function useListParams(): (changes: ListParamChanges) => void {
  const [, setSearchParams] = useSearchParams();
  return useCallback(
    (changes: ListParamChanges) => {
      setSearchParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(changes)) {
            next.delete(key);
            if (Array.isArray(value)) value.forEach((item) => next.append(key, item));
            else if (value) next.set(key, value);
          }
          if (!("page" in changes)) next.delete("page");
          return next;
        },
        { replace: true, preventScrollReset: true },
      );
    },
    [setSearchParams],
  );
}

/** The search box's text, sent to the URL (`q`) once the merchant pauses typing. */
export function useSearchAsYouType(applied: string, update: (changes: ListParamChanges) => void): [string, (value: string) => void] {
  const [search, setSearch] = useState(applied);
  useEffect(() => {
    if (search.trim() === applied) return;
    const timer = setTimeout(() => update({ q: search.trim() || null }), 300);
    return () => clearTimeout(timer);
  }, [search, applied, update]);
  return [search, setSearch];
}

/** Shows the message of each successful answer of the fetcher as a toast, once; `then` runs after it. */
export function useToastOnSuccess(fetcher: FetcherWithComponents<{ ok: boolean; message: string } | undefined>, then?: () => void): void {
  const shopify = useAppBridge();
  const result = fetcher.data;
  useEffect(() => {
    if (fetcher.state !== "idle" || !result?.ok) return;
    shopify.toast.show(result.message);
    then?.();
    // Only when a new answer arrives.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [result, fetcher.state]);
}
