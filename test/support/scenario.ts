/**
 * One shop story, run the same way against any stack: sales into back-order,
 * restocks, a cancellation and an edit. Its final state, read from the sandbox
 * shop and the app's database, is what fault-tolerance tests compare.
 */
import type { PrismaClient } from "@prisma/client";
import { settle } from "./engine";
import type { Stack } from "./stack";

export interface ScenarioResult {
  variants: Record<string, { policy: string; status: string | null; shipsOn: boolean }>;
  orders: Record<string, { ourHolds: number; tagged: boolean; shipsOn: boolean; status: string[] }>;
  lines: { order: string; state: string; waitingUnits: number; queuePosition: number | null }[];
}

/** Records holds placed and released per fulfillment order, to check nothing happened twice. */
export function watchHolds(stack: Stack): Map<string, string[]> {
  const byFulfillmentOrder = new Map<string, string[]>();
  stack.sandbox.shop.onEvent((event) => {
    if (!event.topic.endsWith("placed_on_hold") && !event.topic.endsWith("hold_released")) return;
    const id = (event.payload.fulfillment_order as { id: string }).id;
    byFulfillmentOrder.set(id, [...(byFulfillmentOrder.get(id) ?? []), event.topic.split("/")[1]!]);
  });
  return byFulfillmentOrder;
}

export async function runScenario(stack: Stack, db: PrismaClient): Promise<ScenarioResult> {
  const shop = stack.sandbox.shop;
  const warehouse = shop.addLocation("Warehouse");
  const product = (title: string, stock: number) =>
    shop.addProduct({ title, vendor: "V", productType: "Gear", variants: [{ title: "Default Title", sku: title.toUpperCase(), price: "10.00", stock: { [warehouse]: stock } }] }).variantIds[0]!;
  const buy = (variantId: string, quantity: number, who: string) =>
    shop.placeOrder({ customer: { email: `${who}@example.com`, firstName: who }, lines: [{ variantId, quantity }] });

  const lantern = product("Lantern", 2);
  const stove = product("Stove", 0);
  await settle(stack, db);
  buy(lantern, 2, "ada"); // takes the stock
  await settle(stack, db);
  buy(lantern, 1, "bram");
  const chloe = buy(lantern, 2, "chloe");
  buy(lantern, 1, "daan");
  const eva = buy(stove, 3, "eva");
  buy(stove, 1, "finn");
  await settle(stack, db);

  shop.receiveStock(lantern, warehouse, 2); // bram ships, chloe still short by one
  shop.cancelOrder(chloe.orderId);
  const evaLine = shop.snapshot().orders.find((o) => o.id === eva.orderId)!.lineItems[0]!.id;
  shop.editOrderLine(eva.orderId, evaLine, 2);
  await settle(stack, db);
  shop.receiveStock(lantern, warehouse, 1); // daan ships
  shop.receiveStock(stove, warehouse, 2); // eva ships, finn waits
  await settle(stack, db);
  return readResult(stack, db);
}

export async function readResult(stack: Stack, db: PrismaClient): Promise<ScenarioResult> {
  const snapshot = stack.sandbox.shop.snapshot();
  const ours = (m: { namespace: string; key: string }, key: string) => m.namespace.includes("backorder") && m.key === key;
  const variants: ScenarioResult["variants"] = {};
  for (const v of snapshot.variants) {
    variants[v.sku] = { policy: v.inventoryPolicy, status: v.metafields.find((m) => ours(m, "status"))?.value ?? null, shipsOn: v.metafields.some((m) => ours(m, "ships_on")) };
  }
  const orders: ScenarioResult["orders"] = {};
  for (const o of snapshot.orders) {
    orders[o.name] = {
      ourHolds: o.fulfillmentOrders.reduce((n, fo) => n + fo.holds.filter((h) => h.handle === "backorder-manager").length, 0),
      tagged: o.tags.includes("backorder"),
      shipsOn: o.metafields.some((m) => ours(m, "ships_on")),
      status: o.fulfillmentOrders.map((fo) => fo.status).sort(),
    };
  }
  const lines = (await db.backorderLine.findMany({ orderBy: [{ orderName: "asc" }] })).map((l) => ({ order: l.orderName, state: l.state, waitingUnits: l.waitingUnits, queuePosition: l.queuePosition }));
  return { variants, orders, lines };
}
