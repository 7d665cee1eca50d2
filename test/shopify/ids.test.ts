/** Shopify's global ids, made and read at the edge (app/shopify/ids.ts). */
import { describe, expect, it } from "vitest";
import { gidFrom, numericIdOf, shopifyGid } from "../../app/shopify/ids";

describe("Shopify ids", () => {
  it("makes a gid from a number and reads the number back", () => {
    expect(shopifyGid("Order", 450789469)).toBe("gid://shopify/Order/450789469");
    expect(numericIdOf("gid://shopify/ProductVariant/39072856")).toBe("39072856");
  });

  it("takes a gid of the type asked, or a bare number, from a payload or a form", () => {
    expect(gidFrom(450789469, "Order")).toBe("gid://shopify/Order/450789469");
    expect(gidFrom("450789469", "Order")).toBe("gid://shopify/Order/450789469");
    expect(gidFrom("gid://shopify/Order/450789469", "Order")).toBe("gid://shopify/Order/450789469");
  });

  it("refuses another type's gid, text, and numbers that cannot be ids", () => {
    for (const raw of ["gid://shopify/LineItem/1", "order 12", " 12", "", null, undefined, -3, 1.5, "1".repeat(21), { id: 1 }]) expect(gidFrom(raw, "Order"), String(raw)).toBeNull();
  });
});
