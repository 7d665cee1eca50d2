/** Every merchant-facing string of the admin UI, in one place for translation. */
export const strings = {
  appName: "Backorder Manager",
  nav: {
    home: "Home",
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
