/**
 * A deterministic demo shop: ~30 products / ~80 variants over 3 locations (the downtown store
 * does not fulfil online orders), ~10 variants out of stock and ~6 months of fulfilled order
 * history with weekly seasonality. Its story
 * (on unless `story: false`): open orders of the past few weeks that the shop sold without
 * stock, as a shop that kept selling before it installed the app would have them.
 */
import type { Gid, PlaceOrderInput } from "./contract";
import type { SandboxShop } from "./shop";
import { seededRandom } from "../support/seeded-random";


type Axis = "size" | "colour" | "none" | "capacity" | "cm" | "length";
const AXES: Record<Axis, string[]> = {
  size: ["S", "M", "L", "XL"],
  colour: ["Black", "Forest", "Sand"],
  capacity: ["0.5 L", "1 L"],
  cm: ["20 cm", "26 cm", "30 cm"],
  length: ["Regular", "Long"],
  none: ["Default Title"],
};

// [title, productType, vendor, price, axis]
const CATALOGUE: [string, string, string, number, Axis][] = [
  ["Merino Base Layer Tee", "Apparel", "Northwind Wool", 59, "size"],
  ["Alpine Down Jacket", "Apparel", "Summit Supply", 249, "size"],
  ["Trail Running Shorts", "Apparel", "Fjell Athletics", 45, "size"],
  ["Waxed Canvas Overshirt", "Apparel", "Harbour & Co", 129, "size"],
  ["Rain Shell Anorak", "Apparel", "Summit Supply", 179, "colour"],
  ["Wool Beanie", "Accessories", "Northwind Wool", 29, "colour"],
  ["Leather Field Belt", "Accessories", "Harbour & Co", 69, "none"],
  ["Canvas Tote Bag", "Bags", "Harbour & Co", 39, "colour"],
  ["Roll-top Daypack 22L", "Bags", "Fjell Athletics", 119, "colour"],
  ["Weekender Duffel", "Bags", "Harbour & Co", 189, "none"],
  ["Insulated Water Bottle", "Drinkware", "Kettle & Stone", 34, "capacity"],
  ["Enamel Camp Mug", "Drinkware", "Kettle & Stone", 18, "colour"],
  ["Pour-over Coffee Set", "Kitchen", "Kettle & Stone", 64, "none"],
  ["Cast Iron Skillet", "Kitchen", "Ironside Foundry", 79, "cm"],
  ["Carbon Steel Wok", "Kitchen", "Ironside Foundry", 89, "cm"],
  ["Ceramic Dinner Plate Set", "Kitchen", "Clay Atelier", 72, "colour"],
  ["Linen Napkins (4)", "Home", "Clay Atelier", 32, "colour"],
  ["Hand-thrown Vase", "Home", "Clay Atelier", 95, "none"],
  ["Beeswax Candle Trio", "Home", "Hive & Wick", 27, "none"],
  ["Wool Throw Blanket", "Home", "Northwind Wool", 139, "colour"],
  ["Headlamp 400", "Gear", "Lumen Outdoor", 49, "colour"],
  ["Camp Lantern", "Gear", "Lumen Outdoor", 59, "none"],
  ["Ultralight Tent 2P", "Gear", "Summit Supply", 399, "colour"],
  ["Sleeping Bag -5°C", "Gear", "Summit Supply", 229, "length"],
  ["Trekking Poles", "Gear", "Fjell Athletics", 99, "none"],
  ["Hiking Socks", "Apparel", "Northwind Wool", 22, "size"],
  ["Fleece Pullover", "Apparel", "Fjell Athletics", 85, "size"],
  ["Cotton Crew Sweatshirt", "Apparel", "Harbour & Co", 75, "size"],
  ["Compact Stove", "Gear", "Lumen Outdoor", 69, "none"],
  ["Titanium Spork", "Gear", "Kettle & Stone", 12, "none"],
];

const FIRST = ["Ada", "Bram", "Chloé", "Daan", "Eva", "Finn", "Greta", "Hugo", "Iris", "Jonas", "Kim", "Lotte", "Milan", "Noor", "Oscar", "Pia"];
const LAST = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos", "Peters", "Hendriks"];

export interface SeedOptions {
  /** The moment "now" for the history (defaults to the shop clock). */
  now?: number | Date;
  seed?: number;
  /** Days of history; default 182 (~6 months). */
  historyDays?: number;
  /** Open orders waiting for out-of-stock variants (default on); `false` for a shop with only fulfilled history. */
  story?: boolean;
}

export interface SeedResult {
  locationIds: Gid[];
  productIds: Gid[];
  variantIds: Gid[];
  /** Variants seeded with 0 available everywhere. */
  outOfStockVariantIds: Gid[];
  historicalOrderCount: number;
  /** The story's open orders, oldest first (none without the story). */
  waitingOrderIds: Gid[];
}

const DAY = 86_400_000;

/**
 * The story: per variant that kept selling without stock, its open orders (days ago, units),
 * oldest first. The first one has stock on its way; the third gets some too.
 */
const WAITING_ORDERS: { daysAgo: number; units: number }[][] = [
  [{ daysAgo: 31, units: 1 }, { daysAgo: 20, units: 2 }, { daysAgo: 12, units: 1 }, { daysAgo: 6, units: 1 }, { daysAgo: 2, units: 1 }],
  [{ daysAgo: 45, units: 1 }, { daysAgo: 24, units: 1 }, { daysAgo: 3, units: 2 }],
  [{ daysAgo: 9, units: 1 }, { daysAgo: 1, units: 1 }],
  [{ daysAgo: 4, units: 2 }],
];
// Sunday..Saturday demand factors: weekends sell more.
const WEEKDAY_FACTOR = [1.5, 0.8, 0.85, 0.9, 1.0, 1.25, 1.6];

export function seedDemoShop(shop: SandboxShop, options: SeedOptions = {}): SeedResult {
  const random = seededRandom(options.seed ?? 20261);
  const now = options.now === undefined ? shop.now() : typeof options.now === "number" ? options.now : options.now.getTime();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const locationIds = [
    shop.addLocation("Main warehouse"),
    // A shop with a till: its stock is not the online store's, and online orders never go there.
    shop.addLocation("Downtown store", { fulfillsOnlineOrders: false }),
    shop.addLocation("East fulfilment centre"),
  ];
  const productIds: Gid[] = [];
  const variantIds: Gid[] = [];
  const popularity = new Map<Gid, number>();
  const outOfStock: Gid[] = [];
  CATALOGUE.forEach(([title, productType, vendor, price, axis], productIndex) => {
    const options = AXES[axis];
    const variants = options.map((option, variantIndex) => {
      const suffix = option === "Default Title" ? "STD" : option.replace(/[^A-Za-z0-9]/g, "").slice(0, 4).toUpperCase();
      const sku = `${vendor.slice(0, 3).toUpperCase()}-${String(productIndex + 1).padStart(3, "0")}-${suffix}`;
      const stock: Record<Gid, number> = {};
      locationIds.forEach((locationId, locationIndex) => {
        // The main warehouse stocks everything; the others a share of the catalogue.
        if (locationIndex === 0 || random() < 0.6) stock[locationId] = Math.floor(random() * (locationIndex === 0 ? 60 : 25));
      });
      const variantPrice = (price + (axis === "capacity" || axis === "cm" || axis === "length" ? variantIndex * 10 : 0)).toFixed(2);
      return {
        title: option,
        sku,
        price: variantPrice,
        inventoryPolicy: "DENY" as const,
        tracked: true,
        unitCost: (price * (0.35 + random() * 0.2)).toFixed(2),
        stock,
      };
    });
    const created = shop.addProduct({
      title,
      vendor,
      productType,
      description: `${title} by ${vendor}. Made to last, built for everyday use.`,
      tags: [productType.toLowerCase(), vendor.split(" ")[0]!.toLowerCase(), ...(random() < 0.3 ? ["bestseller"] : [])],
      variants,
    });
    productIds.push(created.productId);
    for (const id of created.variantIds) {
      variantIds.push(id);
      popularity.set(id, 0.2 + random() * (price < 80 ? 2 : 0.8));
    }
  });
  // ~10 variants out of stock everywhere: every 8th variant; every third of those sells on backorder.
  variantIds.forEach((variantId, index) => {
    if (index % 8 !== 3) return;
    outOfStock.push(variantId);
    const variant = shop.variantOrThrow(variantId);
    if (outOfStock.length % 3 === 1) variant.inventoryPolicy = "CONTINUE";
    for (const level of shop.levelsOfItem(variant.inventoryItemId)) level.onHand = level.committed + level.reserved;
  });
  // Some of them have stock on its way.
  outOfStock.slice(0, 3).forEach((variantId, index) => {
    shop.receiveIncoming({ variantId, locationId: locationIds[0]!, quantity: 24 + index * 12, arrivesAt: new Date(now + (7 + index * 7) * DAY).toISOString() });
  });
  const storyOrders = options.story === false ? [] : waitingOrders(shop, now, outOfStock, locationIds[0]!);
  const { historicalOrderCount, waitingOrderIds } = seedHistory(shop, { now, days: options.historyDays ?? 182, random, pick, variantIds, popularity, storyOrders });
  // The story's orders are days old: routed and searchable long ago.
  shop.routing.routeAll();
  shop.orderSearch.catchUp(shop.orders.values());
  return { locationIds, productIds, variantIds, outOfStockVariantIds: outOfStock, historicalOrderCount, waitingOrderIds };
}

/**
 * The open orders of the story, oldest first, placed through the storefront with the back-order
 * badge, so their lines carry what it told the shopper that day. Only variants the merchant let
 * sell without stock (CONTINUE) can have them: "Customers can't buy this product variant after
 * it's out of stock" otherwise (https://shopify.dev/docs/api/admin-graphql/latest/enums/ProductVariantInventoryPolicy).
 */
function waitingOrders(shop: SandboxShop, now: number, outOfStock: Gid[], warehouse: Gid): PlaceOrderInput[] {
  const continuing = outOfStock.filter((id) => shop.variantOrThrow(id).inventoryPolicy === "CONTINUE");
  if (continuing.length < WAITING_ORDERS.length) throw new Error(`The demo story needs ${WAITING_ORDERS.length} variants that sell without stock`);
  shop.receiveIncoming({ variantId: continuing[2]!, locationId: warehouse, quantity: 10, arrivesAt: new Date(now + 25 * DAY).toISOString() });
  let customer = 0;
  const orders = WAITING_ORDERS.flatMap((orders, index) =>
    orders.map(({ daysAgo, units }) => {
      customer += 1;
      const orderDay = Math.floor(now / DAY) - daysAgo;
      const firstName = FIRST[(customer * 5) % FIRST.length]!;
      const lastName = LAST[(customer * 3) % LAST.length]!;
      return {
        customer: { email: `${firstName}.${lastName.replace(/ /g, "")}@example.com`.toLowerCase(), firstName, lastName },
        lines: [{ variantId: continuing[index]!, quantity: units, properties: badgeProperties(orderDay + STORY_PROMISE_DAYS) }],
        createdAt: new Date(orderDay * DAY + 10.5 * 3_600_000).toISOString(),
      };
    }),
  );
  return orders.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** What the badge promised on an order's day: the app's default lead time (14 days) plus handling (1 day). */
const STORY_PROMISE_DAYS = 15;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/**
 * The line item properties the storefront badge (extensions/backorder-badge) gives a back-ordered
 * line: its English wording and, hidden from the shopper, the date it promises.
 */
function badgeProperties(promisedDay: number): Record<string, string> {
  const date = new Date(promisedDay * DAY);
  return {
    "Back-order": `Ships by ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}`,
    _backorder_ships_on: date.toISOString().slice(0, 10),
  };
}

function seedHistory(
  shop: SandboxShop,
  ctx: {
    now: number;
    days: number;
    random: () => number;
    pick: <T>(list: readonly T[]) => T;
    variantIds: Gid[];
    popularity: Map<Gid, number>;
    /** Open orders, oldest first, placed among the history on their day so order numbers follow time. */
    storyOrders: PlaceOrderInput[];
  },
): { historicalOrderCount: number; waitingOrderIds: Gid[] } {
  const { random, pick } = ctx;
  const weights = ctx.variantIds.map((id) => ctx.popularity.get(id) ?? 1);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const weightedVariant = (): Gid => {
    let r = random() * totalWeight;
    for (let i = 0; i < weights.length; i += 1) {
      r -= weights[i]!;
      if (r <= 0) return ctx.variantIds[i]!;
    }
    return ctx.variantIds[ctx.variantIds.length - 1]!;
  };
  const startDay = Math.floor(ctx.now / DAY) - ctx.days;
  let count = 0;
  const story = [...ctx.storyOrders];
  const waitingOrderIds: Gid[] = [];
  const placeStoryOrdersBefore = (end: number) => {
    while (story.length > 0 && Date.parse(story[0]!.createdAt!) < end) waitingOrderIds.push(shop.placeOrder(story.shift()!).orderId);
  };
  for (let day = startDay; day < startDay + ctx.days; day += 1) {
    const weekday = new Date(day * DAY).getUTCDay();
    const growth = 1 + (day - startDay) / ctx.days / 2; // the shop grows over the half year
    const orders = Math.round(6 * (WEEKDAY_FACTOR[weekday] ?? 1) * growth * (0.7 + random() * 0.6));
    for (let n = 0; n < orders; n += 1) {
      const firstName = pick(FIRST);
      const lastName = pick(LAST);
      const lineCount = random() < 0.7 ? 1 : random() < 0.8 ? 2 : 3;
      const chosen = new Set<Gid>();
      while (chosen.size < lineCount) chosen.add(weightedVariant());
      const createdAt = new Date(day * DAY + (8 + random() * 14) * 3_600_000).toISOString();
      shop.placeOrder({
        customer: { email: `${firstName}.${lastName.replace(/ /g, "")}@example.com`.toLowerCase(), firstName, lastName },
        lines: [...chosen].map((variantId) => ({ variantId, quantity: random() < 0.85 ? 1 : 2 })),
        createdAt,
        historical: true,
      });
      count += 1;
    }
    placeStoryOrdersBefore((day + 1) * DAY);
  }
  placeStoryOrdersBefore(Infinity);
  return { historicalOrderCount: count, waitingOrderIds };
}
