/** Waiting lines written straight into the app's database, for tests of what the read models make of them. */
import type { PrismaClient } from "@prisma/client";

export interface WaitingLineRow {
  orderId: string;
  orderedAt?: Date;
  units?: number;
  unitPrice?: string;
  variantId?: string;
  state?: string;
}

let lineCount = 0;

/** One line of an order, every unit waiting; each call gets a line id of its own. */
export function createWaitingLine(db: PrismaClient, shop: string, row: WaitingLineRow) {
  lineCount++;
  return db.backorderLine.create({
    data: {
      shop,
      lineItemId: `line-${lineCount}`,
      orderId: row.orderId,
      orderName: `#${row.orderId}`,
      orderedAt: row.orderedAt ?? new Date("2026-03-01T09:00:00Z"),
      variantId: row.variantId ?? "gid://shopify/ProductVariant/1",
      locationId: "loc",
      quantity: row.units ?? 1,
      waitingUnits: row.units ?? 1,
      unitPrice: row.unitPrice ?? "1",
      state: row.state ?? "waiting",
    },
  });
}
