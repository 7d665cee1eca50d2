/** Order, LineItem, Customer and Fulfillment views, and the orders query. */
import { GraphQLError } from "graphql";
import { CUSTOMER_DATA_REFUSED, orderVisible } from "../state/app-access";
import { gid } from "../state/ids";
import type { FulfillmentRecord, LineItemRecord, OrderRecord } from "../state/model";
import type { SandboxShop } from "../state/shop";
import type { SearchFacts } from "../state/order-search-index";
import { connection, matches, parseSearch, type ConnectionArgs, type Fields } from "./connection";
import { isDisplayable } from "../state/fulfillment-arrangements";
import { fulfillmentOrderView } from "./fulfillment-orders";
import { metafieldFields } from "./metafields";
import { sortBy, variantView } from "./products";
import { locationView } from "./shop-locations";

/** A MoneyBag in the shop currency (the sandbox presents in the shop currency only). */
export const money = (shop: SandboxShop, amount: number | string) => {
  const value = { amount: typeof amount === "number" ? amount.toFixed(2) : amount, currencyCode: shop.currencyCode };
  return { shopMoney: value, presentmentMoney: value };
};

function fulfilledOf(order: OrderRecord, lineItemId: number): number {
  return order.fulfillments.reduce((sum, f) => sum + f.lineItems.filter((l) => l.lineItemId === lineItemId).reduce((s, l) => s + l.quantity, 0), 0);
}

export function displayFulfillmentStatus(shop: SandboxShop, order: OrderRecord): string {
  const fos = shop.fulfillmentOrdersOf(order);
  const ordered = order.lineItems.reduce((s, l) => s + l.currentQuantity, 0);
  const fulfilled = order.lineItems.reduce((s, l) => s + fulfilledOf(order, l.id), 0);
  if (ordered > 0 && fulfilled >= ordered) return "FULFILLED";
  if (fulfilled > 0) return "PARTIALLY_FULFILLED";
  if (fos.some((fo) => fo.status === "ON_HOLD")) return "ON_HOLD";
  return "UNFULFILLED";
}

export function lineItemView(shop: SandboxShop, order: OrderRecord, line: LineItemRecord) {
  const unfulfilled = () => {
    const fulfillable = shop.fulfillableQuantities(order).get(line.id) ?? 0;
    return order.cancelledAt ? 0 : fulfillable;
  };
  return {
    __typename: "LineItem",
    id: gid("LineItem", line.id),
    title: line.title,
    variantTitle: line.variantTitle,
    name: line.variantTitle && line.variantTitle !== "Default Title" ? `${line.title} - ${line.variantTitle}` : line.title,
    sku: line.sku,
    vendor: () => (line.productId === null ? null : (shop.products.get(line.productId)?.vendor ?? null)),
    quantity: line.quantity,
    currentQuantity: line.currentQuantity,
    unfulfilledQuantity: unfulfilled,
    nonFulfillableQuantity: () => line.currentQuantity - unfulfilled() - fulfilledOf(order, line.id),
    refundableQuantity: line.currentQuantity,
    requiresShipping: true,
    taxable: true,
    isGiftCard: false,
    merchantEditable: !order.cancelledAt,
    restockable: true,
    customAttributes: Object.entries(line.properties).map(([key, value]) => ({ key, value })),
    originalUnitPriceSet: money(shop, line.price),
    discountedUnitPriceSet: money(shop, line.price),
    originalTotalSet: money(shop, Number(line.price) * line.quantity),
    discountedTotalSet: () => money(shop, Number(line.price) * line.currentQuantity),
    variant: () => {
      const v = line.variantId === null ? undefined : shop.variants.get(line.variantId);
      return v ? variantView(shop, v) : null;
    },
    product: () => null,
  };
}

export function fulfillmentView(shop: SandboxShop, order: OrderRecord, f: FulfillmentRecord) {
  return {
    __typename: "Fulfillment",
    id: gid("Fulfillment", f.id),
    legacyResourceId: String(f.id),
    name: `${order.name}-F${order.fulfillments.indexOf(f) + 1}`,
    status: f.status,
    displayStatus: "FULFILLED",
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
    requiresShipping: true,
    totalQuantity: f.lineItems.reduce((s, l) => s + l.quantity, 0),
    trackingInfo: [],
    order: () => orderView(shop, order),
    location: () => locationView(shop, shop.locations.get(f.locationId)!),
    fulfillmentLineItems: (args: ConnectionArgs) => connection(f.lineItems.map((l) => ({
      __typename: "FulfillmentLineItem",
      id: gid("FulfillmentLineItem", l.id),
      quantity: l.quantity,
      lineItem: () => lineItemView(shop, order, order.lineItems.find((x) => x.id === l.lineItemId)!),
    })), args, (l) => l.id),
    fulfillmentOrders: (args: ConnectionArgs) => connection(f.fulfillmentOrderIds.map((id) => fulfillmentOrderView(shop, shop.fulfillmentOrders.get(id)!)), args, (fo) => fo.id),
  };
}

/** A level-2 customer field: an error (data null) for an app without approval (see app-access.ts). */
const protectedField = <T>(shop: SandboxShop, value: T) => () => {
  if (shop.appAccess.customerData !== "approved") throw new GraphQLError(CUSTOMER_DATA_REFUSED, { extensions: { code: "ACCESS_DENIED" } });
  return value;
};

/** The order when the app may read it (the 60-day window, see app-access.ts), else null. */
export function visibleOrderView(shop: SandboxShop, order: OrderRecord | undefined) {
  return order && orderVisible(shop.appAccess, order, shop.now()) ? orderView(shop, order) : null;
}

export function orderView(shop: SandboxShop, order: OrderRecord) {
  const orderGid = gid("Order", order.id);
  const total = () => order.lineItems.reduce((s, l) => s + Number(l.price) * l.currentQuantity, 0);
  const customer = order.customer;
  return {
    __typename: "Order",
    id: orderGid,
    legacyResourceId: String(order.id),
    name: order.name,
    number: order.number,
    createdAt: order.createdAt,
    processedAt: order.createdAt,
    updatedAt: order.updatedAt,
    cancelledAt: order.cancelledAt,
    closedAt: order.closedAt,
    closed: order.closedAt !== null,
    confirmed: true,
    edited: order.edited,
    test: false,
    tags: [...order.tags],
    note: null,
    email: protectedField(shop, customer.email),
    // "A two-letter or three-letter language code, optionally followed by a region modifier": the
    // customer's language at checkout (https://shopify.dev/docs/api/admin-graphql/latest/objects/Order#field-customerLocale).
    customerLocale: order.customerLocale ?? "en",
    phone: null,
    currencyCode: shop.currencyCode,
    presentmentCurrencyCode: shop.currencyCode,
    displayFulfillmentStatus: () => displayFulfillmentStatus(shop, order),
    displayFinancialStatus: order.cancelledAt ? "REFUNDED" : "PAID",
    fullyPaid: true,
    fulfillable: () => !order.cancelledAt && [...shop.fulfillableQuantities(order).values()].some((q) => q > 0),
    customAttributes: [],
    currentSubtotalLineItemsQuantity: () => order.lineItems.reduce((s, l) => s + l.currentQuantity, 0),
    currentTotalPriceSet: () => money(shop, total()),
    totalPriceSet: () => money(shop, total()),
    subtotalPriceSet: () => money(shop, total()),
    customer: protectedField(shop, {
      __typename: "Customer",
      id: gid("Customer", customer.id),
      email: customer.email,
      firstName: customer.firstName,
      lastName: customer.lastName,
      displayName: [customer.firstName, customer.lastName].filter(Boolean).join(" ") || customer.email,
      tags: [],
    }),
    lineItems: (args: ConnectionArgs) => connection(order.lineItems.map((l) => lineItemView(shop, order, l)), args, (l) => l.id),
    // `displayable: false` (the default) returns every fulfillment order, hidden ones too (isDisplayable).
    fulfillmentOrders: (args: ConnectionArgs & { displayable?: boolean | null }) =>
      connection(shop.fulfillmentOrdersOf(order).filter((fo) => !args.displayable || isDisplayable(fo)).map((fo) => fulfillmentOrderView(shop, fo)), args, (fo) => fo.id),
    fulfillments: (args: { first?: number | null }) => order.fulfillments.slice(0, args.first ?? undefined).map((f) => fulfillmentView(shop, order, f)),
    fulfillmentsCount: () => ({ count: order.fulfillments.length, precision: "EXACT" }),
    ...metafieldFields(shop, orderGid),
  };
}

/** Which orders match, and in what order, is what the search index saw `lagMs` ago; the nodes are current. */
export function ordersConnection(shop: SandboxShop, args: ConnectionArgs & { query?: string | null; sortKey?: string | null }) {
  const terms = parseSearch(args.query);
  const now = Date.now();
  const fields: Fields<SearchFacts> = Object.fromEntries(
    ["status", "created_at", "updated_at", "tag", "name", "id", "email", "fulfillment_status", "sku"].map((field) => [field, (facts: SearchFacts) => facts[field] ?? null]),
  );
  const shopNow = shop.now();
  const found = [...shop.orders.values()].flatMap((order) => {
    if (!orderVisible(shop.appAccess, order, shopNow)) return [];
    const facts = shop.orderSearch.visible(order, now);
    return facts && matches(facts, terms, fields, (f) => String(f.text)) ? [{ order, facts }] : [];
  });
  const keyed: Record<string, (hit: { facts: SearchFacts }) => string | number> = {
    CREATED_AT: (hit) => String(hit.facts.created_at),
    UPDATED_AT: (hit) => String(hit.facts.updated_at),
    ORDER_NUMBER: (hit) => Number(hit.facts.number),
    PROCESSED_AT: (hit) => String(hit.facts.created_at),
  };
  sortBy(found, keyed[args.sortKey ?? "ID"], (hit) => hit.order.id);
  return connection(found.map((hit) => orderView(shop, hit.order)), args, (o) => o.legacyResourceId);
}
