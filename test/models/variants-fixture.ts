/**
 * Two shops' variants on a real (migrated) SQLite database, as the engine leaves them: stock per
 * location, waiting lines and one variant rule. The variant list, rule and CSV tests each start from it.
 */
import { afterAll, beforeAll } from "vitest";
import type { PrismaClient } from "@prisma/client";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { DEFAULT_LIST_QUERY, variantGid, type VariantListQuery } from "../../app/models/variants.server";
import { waitingValueOf } from "../../app/domain/waiting-value";

export const SHOP = "alpha.myshopify.com";
export const OTHER = "other.myshopify.com";
export const TODAY = "2026-11-24";
export const NOW = new Date("2026-11-24T12:00:00Z");

/** The default query over every status (the list's own default is back-ordered and sold out only), with `overrides`. */
export const q = (overrides: Partial<VariantListQuery> = {}): VariantListQuery => ({ ...DEFAULT_LIST_QUERY, statuses: [], ...overrides });

type VariantSeed = { title: string; sku?: string | null; status: string; waitingUnits?: number; price?: string; nextShipsOn?: string | null; vendor?: string; productType?: string; oldestWaitingAt?: string };
/** As the engine leaves it: the value from price and units, the oldest wait from the variant's waiting lines (given here). */
const variant = (shop: string, n: number, data: VariantSeed) => ({
  shop,
  variantId: variantGid(String(n)),
  productId: `gid://shopify/Product/${n}`,
  inventoryItemId: `gid://shopify/InventoryItem/${n}`,
  title: data.title,
  sku: data.sku === undefined ? `SKU-${n}` : data.sku,
  price: data.price ?? "10.00",
  merchantPolicy: "DENY",
  status: data.status,
  sellable: 0,
  waitingUnits: data.waitingUnits ?? 0,
  waitingValue: waitingValueOf(data.price ?? "10.00", data.waitingUnits ?? 0),
  oldestWaitingAt: data.oldestWaitingAt ? new Date(data.oldestWaitingAt) : null,
  nextShipsOn: data.nextShipsOn ?? null,
  vendor: data.vendor ?? null,
  productType: data.productType ?? null,
});
export const WAREHOUSE = "gid://shopify/Location/1";
export const SHOP_FLOOR = "gid://shopify/Location/2";
export const FOREIGN_DEPOT = "gid://shopify/Location/3";
const level = (shop: string, variantN: number, locationId: string, locationName: string, available: number, incoming = 0) => ({
  shop,
  variantId: variantGid(String(variantN)),
  locationId,
  locationName,
  available,
  incoming,
});
const line = (shop: string, variantN: number, lineN: number, data: { orderedAt: string; waitingUnits: number; queuePosition: number | null; state?: string; customerName?: string | null }) => ({
  shop,
  lineItemId: `gid://shopify/LineItem/${lineN}`,
  orderId: `gid://shopify/Order/${lineN}`,
  orderName: `#${1000 + lineN}`,
  orderedAt: new Date(data.orderedAt),
  variantId: variantGid(String(variantN)),
  locationId: "gid://shopify/Location/1",
  quantity: data.waitingUnits,
  waitingUnits: data.waitingUnits,
  queuePosition: data.queuePosition,
  shipsOn: "2026-12-10",
  state: data.state ?? "waiting",
  customerName: data.customerName === undefined ? `Customer ${lineN}` : data.customerName,
});

/** A fresh database holding the variants. */
async function createVariantsDatabase(): Promise<TestDatabase> {
  const t = await createTestDatabase();
  const db = t.db;
  await db.trackedVariant.createMany({
    data: [
      // The released line of variant 1 (ordered 2026-11-01) is not its oldest wait.
      variant(SHOP, 1, { title: "Desk Lamp – Red", sku: "LAMP-RED", status: "backorder", waitingUnits: 5, price: "20.00", nextShipsOn: "2026-12-10", vendor: "Lumen", productType: "Lamp", oldestWaitingAt: "2026-11-10T10:00:00Z" }),
      variant(SHOP, 2, { title: "Desk Lamp – Blue", sku: "LAMP-BLUE", status: "backorder", waitingUnits: 2, price: "100.00", nextShipsOn: "2026-12-01", vendor: "Lumen", productType: "Lamp", oldestWaitingAt: "2026-11-15T10:00:00Z" }),
      variant(SHOP, 3, { title: "Kettle", sku: null, status: "sold_out", waitingUnits: 8, price: "5.00", nextShipsOn: null, vendor: "Brew, Inc.", productType: "Kitchen", oldestWaitingAt: "2026-11-05T10:00:00Z" }),
      variant(SHOP, 4, { title: "Mug 100% cotton?", sku: "MUG_1", status: "in_stock", vendor: "Brew, Inc.", productType: "Kitchen" }),
      variant(SHOP, 5, { title: "Gift wrap", sku: "WRAP", status: "not_managed" }),
      variant(OTHER, 6, { title: "Desk Lamp – Foreign", sku: "LAMP-X", status: "backorder", waitingUnits: 99, vendor: "Far Away", productType: "Lamp", oldestWaitingAt: "2026-10-01T10:00:00Z" }),
    ],
  });
  await db.variantLevel.createMany({
    data: [
      level(SHOP, 1, WAREHOUSE, "Warehouse", -3, 4),
      level(SHOP, 1, SHOP_FLOOR, "Shop floor", -2),
      level(SHOP, 2, SHOP_FLOOR, "Shop floor", -2, 10),
      level(SHOP, 3, WAREHOUSE, "Warehouse", -8),
      level(SHOP, 4, WAREHOUSE, "Warehouse", 12),
      level(OTHER, 6, FOREIGN_DEPOT, "Foreign depot", -99),
    ],
  });
  await db.backorderLine.createMany({
    data: [
      line(SHOP, 1, 11, { orderedAt: "2026-11-20T10:00:00Z", waitingUnits: 3, queuePosition: 2, customerName: null }),
      line(SHOP, 1, 12, { orderedAt: "2026-11-10T10:00:00Z", waitingUnits: 2, queuePosition: 1 }),
      line(SHOP, 1, 13, { orderedAt: "2026-11-01T10:00:00Z", waitingUnits: 1, queuePosition: null, state: "released" }),
      line(SHOP, 2, 21, { orderedAt: "2026-11-15T10:00:00Z", waitingUnits: 2, queuePosition: 1 }),
      line(SHOP, 3, 31, { orderedAt: "2026-11-05T10:00:00Z", waitingUnits: 8, queuePosition: 1 }),
      line(OTHER, 6, 61, { orderedAt: "2026-10-01T10:00:00Z", waitingUnits: 99, queuePosition: 1 }),
    ],
  });
  await db.variantRule.create({ data: { shop: SHOP, variantId: variantGid("2"), override: "always", restockDate: "2026-11-30", waitingCap: 10 } });
  return t;
}

/** A fresh variants database for the enclosing describe block: handed to `use` before its tests, dropped after them. */
export function variantsDatabaseForThisBlock(use: (db: PrismaClient) => void): void {
  let t: TestDatabase | undefined;
  beforeAll(async () => {
    t = await createVariantsDatabase();
    use(t.db);
  });
  afterAll(async () => {
    await t?.drop();
  });
}
