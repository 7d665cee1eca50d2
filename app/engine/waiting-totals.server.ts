/** What waits for stock in a shop, summed in the database: a shop may have tens of thousands of waiting lines. */
import { Prisma, type PrismaClient } from "@prisma/client";

export interface WaitingTotals {
  lines: number;
  orders: number;
  units: number;
  /** Unit price × waiting units, in hundredths of the shop's currency (whole numbers: no float drift in sums). */
  cents: number;
}

/** Where a back-order line counts as waiting, for SQL written by hand. */
export const waitingLineSql = (shop: string) => Prisma.sql`"shop" = ${shop} AND "state" = 'waiting' AND "waitingUnits" > 0`;

// NUMERIC, not REAL: PostgreSQL's REAL is 4 bytes (262143.99 would sum as 26214398 cents); SQLite's
// NUMERIC of a decimal text is its 8-byte value, which ROUND brings back to whole cents.
export async function waitingTotals(db: PrismaClient, shop: string): Promise<WaitingTotals> {
  const [row] = await db.$queryRaw<{ lines: number | bigint; orders: number | bigint; units: number | bigint | null; cents: number | Prisma.Decimal | null }[]>(Prisma.sql`
    SELECT COUNT(*) AS "lines", COUNT(DISTINCT "orderId") AS "orders", SUM("waitingUnits") AS "units",
      SUM(ROUND(CAST("unitPrice" AS NUMERIC) * 100) * "waitingUnits") AS "cents"
    FROM "BackorderLine" WHERE ${waitingLineSql(shop)}`);
  return {
    lines: Number(row?.lines ?? 0),
    orders: Number(row?.orders ?? 0),
    units: Number(row?.units ?? 0),
    cents: Math.round(Number(row?.cents ?? 0)),
  };
}

/** Units on their way (Shopify's "incoming") for the variants that are back-ordered or sold out. */
export async function incomingForBackordered(db: PrismaClient, shop: string): Promise<number> {
  // A join, not an IN list: a shop can have tens of thousands of back-ordered variants.
  const [row] = await db.$queryRaw<{ units: number | bigint | null }[]>(Prisma.sql`
    SELECT SUM(l."incoming") AS "units" FROM "VariantLevel" l
    JOIN "TrackedVariant" v ON v."shop" = l."shop" AND v."variantId" = l."variantId"
    WHERE l."shop" = ${shop} AND v."status" IN ('backorder', 'sold_out')`);
  return Number(row?.units ?? 0);
}
