/** Short steps for tests that tell a shop story in the sandbox: products that sell out, orders, the app's holds. */
import type { PrismaClient } from "@prisma/client";
import type { Browser, FrameLocator, Page } from "playwright-core";
import { todayIn } from "../../app/engine/settings.server";
import { HOLD_HANDLE } from "../../app/domain/hold-plan";
import type { SandboxShop } from "../sandbox/state/shop";
import { openPage } from "./browser";
import type { Stack } from "./stack";

/** The value of one of the app's own metafields (`$app:backorder`) on a sandbox variant or order, or null. */
export const backorderMetafield = (owner: { metafields: { namespace: string; key: string; value: string }[] }, key: string): string | null =>
  owner.metafields.find((m) => m.namespace.includes("backorder") && m.key === key)?.value ?? null;

export function storyIn(shop: () => SandboxShop) {
  const orderOf = (orderId: string) => shop().snapshot().orders.find((order) => order.id === orderId)!;
  const variantOf = (variantId: string) => shop().snapshot().variants.find((variant) => variant.id === variantId)!;
  /** A one-variant product with `stock` units at `location`; it does not sell beyond stock by itself (DENY) unless `policy` says so. */
  const addVariant = (title: string, location: string, stock = 0, policy: "CONTINUE" | "DENY" = "DENY") =>
    shop().addProduct({
      title,
      vendor: "V",
      productType: "Gear",
      variants: [{ title: "Default Title", sku: title.toUpperCase().replace(/\W+/g, "-"), price: "20.00", inventoryPolicy: policy, stock: { [location]: stock } }],
    }).variantIds[0]!;
  return {
    orderOf,
    /** The app's back-order holds on the order's fulfillment orders. */
    ourHolds: (orderId: string) => orderOf(orderId).fulfillmentOrders.flatMap((fo) => fo.holds.filter((hold) => hold.handle === HOLD_HANDLE)),
    variantOf,
    addVariant,
    /** A variant sold out at `location` that the app has made back-orderable (once `settle` returns). */
    backOrderedVariant: async (title: string, location: string, settle: () => Promise<void>): Promise<string> => {
      const variant = addVariant(title, location, 0);
      shop().setAvailable(variant, location, 0);
      await settle();
      if (variantOf(variant).inventoryPolicy !== "CONTINUE") throw new Error(`${title} was not made back-orderable`);
      return variant;
    },
    /** Places an order for `quantity` of the variant; returns the order's id. */
    buy: (variantId: string, firstName: string, quantity = 1) =>
      shop().placeOrder({ customer: { email: `${firstName.toLowerCase()}@example.com`, firstName, lastName: "Tester" }, lines: [{ variantId, quantity }] }).orderId,
  };
}

/** An app page in the sandbox admin shell, with the app's frame and any uncaught page errors. */
export async function openAppPage(browser: Browser, stack: Stack, path: string): Promise<{ page: Page; app: FrameLocator; pageErrors: string[] }> {
  const page = await openPage(browser);
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(stack.sandbox.adminShellUrl(path));
  return { page, app: page.frameLocator("iframe"), pageErrors };
}

/**
 * The installed shop's calendar as the engine reads it: today in the shop's time zone, its lead
 * time (made explicit when it was left to the default) and handling days.
 */
export async function shopCalendar(db: PrismaClient, shop: string): Promise<{ today: string; lead: number; handling: number }> {
  const settings = await db.shopSettings.findUniqueOrThrow({ where: { shop } });
  const lead = settings.defaultLeadTimeDays ?? 14;
  await db.shopSettings.update({ where: { shop }, data: { defaultLeadTimeDays: lead } });
  return { today: todayIn(settings.timezone), lead, handling: settings.handlingDays };
}
