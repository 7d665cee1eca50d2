/** Every merchant-facing string of the admin UI, in one place for translation. */
export const strings = {
  appName: "Backorder Manager",
  nav: {
    home: "Home",
    activity: "Activity",
  },
  activity: {
    title: "Activity",
    syncHeading: "Sync with Shopify",
    lastSync: (when: string) => `Last full sync ${when}`,
    neverSynced: "No full sync yet",
    backlog: (count: number) => (count === 0 ? "nothing waiting to process" : `${count} update(s) waiting to process`),
    resync: "Resync now",
    resyncQueued: "A full resync has started.",
    retry: "Retry",
    retryQueued: "Queued again.",
    retryMissing: "That job is no longer failed.",
    deadTitle: (count: number) => `${count} task(s) failed and need attention`,
    emptyHeading: "Nothing has happened yet",
    emptyBody: "Every automatic action the app takes (variants marked, orders held and released) is listed here.",
    entry: "entry",
    entries: "entries",
    columns: { when: "When", what: "What", message: "Details" },
  },
  home: {
    title: "Back orders",
    shopHeading: "Shop",
    locationsHeading: "Locations",
    outOfStockHeading: "Out of stock",
    outOfStockEmpty: "Every tracked variant is in stock.",
    columns: {
      product: "Product",
      variant: "Variant",
      sku: "SKU",
      available: "Available",
      policy: "When out of stock",
    },
    policy: {
      CONTINUE: "Keeps selling",
      DENY: "Stops selling",
    },
  },
} as const;
