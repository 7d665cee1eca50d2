/**
 * The whole path a shopper sees: the shop sells out, the real app (webhooks,
 * worker, Admin API) marks the variant, and the sandbox storefront's product
 * page shows the badge from the theme app extension; a restock takes it away.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { PrismaClient } from "@prisma/client";
import { settle, startInstalledStack } from "../support/engine";
import { type Stack } from "../support/stack";

let stack: Stack;
let db: PrismaClient;

beforeAll(async () => {
  ({ stack, db } = await startInstalledStack());
}, 120_000);

afterAll(async () => {
  await db?.$disconnect();
  await stack?.stop();
});

const productPage = async (handle: string) => (await fetch(`${stack.sandbox.url}/products/${handle}`)).text();
/** The server-rendered badge region of the block, without the per-variant JSON. */
const badgeOf = (html: string) => /<[^>]*aria-live="polite"[^>]*>([\s\S]*?)<\/(?:div|p|span)>/.exec(html)?.[1]?.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim() ?? "";

it("shows the badge the engine decided on, and removes it on restock", async () => {
  const shop = stack.sandbox.shop;
  const warehouse = shop.addLocation("Warehouse");
  const variant = shop.addProduct({ title: "Badge Kettle", handle: "badge-kettle", vendor: "V", productType: "Kitchen", variants: [{ title: "Default Title", sku: "BADGE", price: "30.00", stock: { [warehouse]: 1 } }] }).variantIds[0]!;
  await settle(stack, db);
  expect(badgeOf(await productPage("badge-kettle"))).toBe("");

  shop.placeOrder({ customer: { email: "first@example.com" }, lines: [{ variantId: variant, quantity: 1 }] });
  await settle(stack, db);
  const shipsOn = (await db.trackedVariant.findFirstOrThrow({ where: { variantId: variant } })).nextShipsOn!;
  const expected = new Date(`${shipsOn}T00:00:00Z`).toLocaleDateString("en-US", { month: "long", day: "numeric", year: "numeric", timeZone: "UTC" });
  const badge = badgeOf(await productPage("badge-kettle"));
  expect(badge).toContain("Back-order");
  expect(badge).toContain(`Ships by ${expected}`);

  shop.receiveStock(variant, warehouse, 5);
  await settle(stack, db);
  expect(badgeOf(await productPage("badge-kettle"))).toBe("");
}, 60_000);
