/** A one-order shop and the order editing documents, for the order edit tests. */
import type { ShopEvent } from "../state/contract";
import { SandboxShop } from "../state/shop";
import { createAdminApi } from "./execute";

export type Body = { data?: any; errors?: any[]; extensions?: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

export const BEGIN = `mutation Begin($id: ID!) { orderEditBegin(id: $id) {
  calculatedOrder { id originalOrder { id } lineItems(first: 10) { nodes { id quantity editableQuantity variant { id } } } }
  orderEditSession { id } userErrors { field message } } }`;
export const SET = `mutation Set($id: ID!, $lineItemId: ID!, $quantity: Int!, $restock: Boolean) {
  orderEditSetQuantity(id: $id, lineItemId: $lineItemId, quantity: $quantity, restock: $restock) {
    calculatedLineItem { id quantity editableQuantity restocking stagedChanges { __typename ... on OrderStagedChangeDecrementItem { delta restock } } }
    calculatedOrder { subtotalLineItemsQuantity totalOutstandingSet { shopMoney { amount } } }
    userErrors { field message } } }`;
export const COMMIT = `mutation Commit($id: ID!, $notify: Boolean, $note: String) { orderEditCommit(id: $id, notifyCustomer: $notify, staffNote: $note) {
  order { id updatedAt edited lineItems(first: 10) { nodes { id currentQuantity unfulfilledQuantity } } } userErrors { field message } } }`;

export const calculatedLineItem = (lineNumber: number) => `gid://shopify/CalculatedLineItem/${lineNumber}`;

/**
 * One order at one location: 5 of a CONTINUE beanie with 2 in stock (3 waiting) and
 * 1 of a DENY scarf with 3 in stock. `clock` moves the shop clock.
 */
export function orderEditFixture() {
  const clock = { now: Date.parse("2026-11-20T12:00:00Z") };
  const shop = new SandboxShop({ now: () => clock.now });
  const main = shop.addLocation("Main warehouse");
  const { variantIds } = shop.addProduct({
    title: "Wool Beanie", vendor: "Northwind", productType: "Accessories",
    variants: [
      { title: "Black", sku: "BEANIE", price: "29.00", inventoryPolicy: "CONTINUE", stock: { [main]: 2 } },
      { title: "Sand", sku: "SCARF", price: "25.00", inventoryPolicy: "DENY", stock: { [main]: 3 } },
    ],
  });
  const { orderId } = shop.placeOrder({ customer: { email: "ada@example.com" }, lines: [{ variantId: variantIds[0]!, quantity: 5 }, { variantId: variantIds[1]!, quantity: 1 }] });
  shop.routing.routeAll(); // these tests act on the fulfillment orders Shopify routes after the order
  const [beanie, scarf] = shop.orderOrThrow(orderId).lineItems;
  const api = createAdminApi(shop);
  const events: ShopEvent[] = [];
  shop.onEvent((e) => events.push(e));
  const run = async (query: string, variables: Record<string, unknown>) => (await api.execute({ query, variables })).body as Body;
  const orderState = () => shop.snapshot().orders.find((o) => o.id === orderId)!;
  return {
    clock,
    shop,
    events,
    run,
    orderId,
    beanieLine: beanie!.id,
    scarfLine: scarf!.id,
    orderState,
    level: (sku: string) => shop.snapshot().variants.find((v) => v.sku === sku)!.levels.find((l) => l.locationId === main)!,
    foLineOf: (lineNumber: number) => orderState().fulfillmentOrders.flatMap((fo) => fo.lineItems).find((l) => l.lineItemId === `gid://shopify/LineItem/${lineNumber}`)!,
    /** Begins an edit of the order and returns the CalculatedOrder id. */
    begin: async () => (await run(BEGIN, { id: orderId })).data.orderEditBegin.calculatedOrder.id as string,
  };
}
