import type { SandboxShop } from "../sandbox/state/shop";

/** The storefront tests' product: a beanie in three colours, in stock (Sand), sold on back-order (Black) and out (Red). */
export function addBeanie(shop: SandboxShop, location: string): { sand: string; black: string; red: string } {
  const { variantIds } = shop.addProduct({
    title: "Wool Beanie",
    handle: "wool-beanie",
    vendor: "Northwind Wool",
    productType: "Accessories",
    description: "A warm merino beanie, knitted in one piece.",
    variants: [
      { title: "Sand", sku: "BEANIE-SND", price: "29.00", stock: { [location]: 5 } },
      { title: "Black", sku: "BEANIE-BLK", price: "29.00", inventoryPolicy: "CONTINUE", stock: { [location]: 0 } },
      { title: "Red", sku: "BEANIE-RED", price: "29.00", stock: { [location]: 0 } },
    ],
  });
  const [sand = "", black = "", red = ""] = variantIds;
  return { sand, black, red };
}
