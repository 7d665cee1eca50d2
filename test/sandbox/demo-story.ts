/**
 * The demo shop's first minutes with the app, so that every admin page has something real on a
 * newcomer's first visit. The seed (state/seed.ts) gives the shop open orders of the past weeks
 * for variants it kept selling without stock; here the app is opened (which installs it and holds
 * those orders), the merchant caps one variant, shoppers buy it up to the cap, and part of a
 * delivery arrives, which releases the oldest orders waiting for it. Last, a Shopify POS till in the
 * downtown store (a location that does not fulfil online orders) sells more than it has: the
 * variant page shows those units sold below zero, and the online store keeps selling as before.
 *
 * Everything goes the way a merchant and Shopify would do it: the admin shell's first open (token
 * exchange), the app's own routes with a session token, the control API for checkout and stock.
 */
import type { Sandbox } from "./server";
import type { ShopSnapshot } from "./state/contract";
import { openAppDatabase } from "../support/app-database";
import { appRequest, installApp, settle } from "../support/engine";

/** The waiting units the merchant allows for the capped variant; shoppers then buy exactly that many. */
export const DEMO_CAP = 3;
/** How many of the oldest orders waiting for the delivery it releases. */
export const DEMO_RELEASED_ORDERS = 2;
/** Units the point-of-sale till sells beyond what its location has. */
export const DEMO_POS_OVERSOLD = 2;

export interface DemoTarget {
  sandbox: Sandbox;
  appUrl: string;
  /** The app's DATABASE_URL: the story waits for the app's work to be done before its next step. */
  databaseUrl: string;
}

type Variant = ShopSnapshot["variants"][number];
type Order = ShopSnapshot["orders"][number];

export interface DemoRoles {
  /** A variant with orders waiting and stock on its way: part of it arrives. */
  delivery: { variantId: string; locationId: string; units: number };
  /** A sold-out variant the shop never sold without stock: the merchant caps it, shoppers fill the cap. */
  cappedVariantId: string;
  /** A variant the till of a location that does not fulfil online orders sells below zero. */
  pointOfSale: { variantId: string; locationId: string; units: number };
}

const totalAvailable = (variant: Variant) => variant.levels.reduce((sum, level) => sum + level.available, 0);
const isOpen = (order: Order) => order.cancelledAt === null && order.fulfillmentOrders.some((fo) => fo.status !== "CLOSED" && fo.status !== "CANCELLED");

/** Which seeded variants play which part, read from the shop as the control API shows it. */
export function demoRoles(state: ShopSnapshot): DemoRoles {
  const openOrders = state.orders.filter(isOpen).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const ordersFor = (variantId: string) => openOrders.filter((order) => order.lineItems.some((line) => line.variantId === variantId));
  const awaited = state.variants
    .filter((variant) => totalAvailable(variant) < 0 && variant.levels.some((level) => level.incoming > 0))
    .sort((a, b) => ordersFor(b.id).length - ordersFor(a.id).length)[0];
  const capped = state.variants.find(
    (variant) => variant.tracked && variant.inventoryPolicy === "DENY" && variant.levels.length > 0 && variant.levels.every((level) => level.available === 0 && level.incoming === 0) && ordersFor(variant.id).length === 0,
  );
  const till = state.locations.find((location) => !location.fulfillsOnlineOrders);
  const tillLevel = (variant: Variant) => variant.levels.find((l) => l.locationId === till?.id && l.available >= 0);
  const soldAtTill = state.variants
    .filter((variant) => variant.tracked && variant.id !== capped?.id && variant.id !== awaited?.id && tillLevel(variant) !== undefined)
    .sort((a, b) => tillLevel(a)!.available - tillLevel(b)!.available || a.id.localeCompare(b.id))[0];
  if (!awaited || !capped || !till || !soldAtTill) throw new Error("The demo story needs the demo seed: a variant waited for with stock on its way, a sold-out one, and a till that does not sell online");
  const level = awaited.levels.find((l) => l.available < 0 && l.incoming > 0)!;
  const units = ordersFor(awaited.id)
    .slice(0, DEMO_RELEASED_ORDERS)
    .flatMap((order) => order.lineItems.filter((line) => line.variantId === awaited.id))
    .reduce((sum, line) => sum + line.currentQuantity, 0);
  return {
    delivery: { variantId: awaited.id, locationId: level.locationId, units },
    cappedVariantId: capped.id,
    pointOfSale: { variantId: soldAtTill.id, locationId: till.id, units: tillLevel(soldAtTill)!.available + DEMO_POS_OVERSOLD },
  };
}

async function control<T>(sandbox: Sandbox, method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Plays the story against a running sandbox and app; resolves once the app has done all it caused. */
export async function playDemoStory(target: DemoTarget, log: (message: string) => void = () => {}): Promise<DemoRoles> {
  const { sandbox } = target;
  const db = openAppDatabase(target.databaseUrl);
  // dev mode compiles each route on its first request, and the worker polls once a second.
  const settled = () => settle(target, db, 180_000);
  try {
    const roles = demoRoles(await control<ShopSnapshot>(sandbox, "GET", "/sandbox/state"));
    log("opening the app in the admin shell (this installs it; it then holds the orders waiting for stock)");
    await installApp(target);
    await settled();

    log("the merchant caps one variant; shoppers buy it up to the cap");
    const numericId = roles.cappedVariantId.split("/").pop()!;
    const saved = await appRequest(target, `/app/variants/${numericId}.data`, { method: "POST", fields: { waitingCap: String(DEMO_CAP) } });
    if (saved.status !== 200) throw new Error(`Setting the cap: HTTP ${saved.status} ${saved.text}`);
    await settled();
    const shoppers = [
      { customer: { email: "sam.visser@example.com", firstName: "Sam", lastName: "Visser" }, units: 1 },
      { customer: { email: "lina.bos@example.com", firstName: "Lina", lastName: "Bos" }, units: DEMO_CAP - 1 },
    ];
    for (const { customer, units } of shoppers) {
      await control(sandbox, "POST", "/sandbox/orders", { customer, lines: [{ variantId: roles.cappedVariantId, quantity: units }] });
    }
    await settled();

    log("part of a delivery arrives; the oldest orders waiting for it are released");
    await control(sandbox, "POST", "/sandbox/receive", { variantId: roles.delivery.variantId, locationId: roles.delivery.locationId, quantity: roles.delivery.units });
    await settled();

    log("the downtown store's till sells more than it has (Shopify POS sells below zero whatever the policy)");
    await control(sandbox, "POST", "/sandbox/pos-sales", { variantId: roles.pointOfSale.variantId, locationId: roles.pointOfSale.locationId, quantity: roles.pointOfSale.units });
    await settled();
    return roles;
  } finally {
    await db.$disconnect();
  }
}
