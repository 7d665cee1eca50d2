/**
 * The variant list as CSV: what the list shows, every page of it, for a
 * spreadsheet.
 */
import type { PrismaClient } from "@prisma/client";
import { applicableQuery, orderedIds, rowsFor, type VariantListQuery, type VariantRow } from "./variants.server";

export const CSV_COLUMNS = [
  "Variant ID",
  "Product ID",
  "Title",
  "SKU",
  "Status",
  "Sellable",
  "Waiting units",
  "Price",
  "Waiting value",
  "Next ships on",
  "Oldest waiting order",
  "Restock date",
  "Back-orders",
  "Waiting cap",
  "Vendor",
  "Product type",
] as const;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break,
 * quotes doubled. Text a spreadsheet would run as a formula gets a leading
 * apostrophe.
 */
export function csvField(value: string | number | null | undefined, options: { text?: boolean } = {}): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (options.text && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(row: VariantRow): string {
  return [
    csvField(row.variantId),
    csvField(row.productId),
    csvField(row.title, { text: true }),
    csvField(row.sku, { text: true }),
    csvField(row.status),
    csvField(row.sellable),
    csvField(row.waitingUnits),
    csvField(row.price),
    csvField(row.waitingValue),
    csvField(row.nextShipsOn),
    csvField(row.oldestWaitingAt),
    csvField(row.rule.restockDate),
    csvField(row.rule.override ?? "shop rules"),
    csvField(row.rule.waitingCap),
    csvField(row.vendor, { text: true }),
    csvField(row.productType, { text: true }),
  ].join(",");
}

/**
 * The list as CSV (header row first, CRLF line ends): every variant matching the
 * query in its order, or only the chosen ones. Read in pages so memory stays flat.
 */
export async function exportVariantsCsv(db: PrismaClient, shop: string, requested: VariantListQuery, onlyIds?: readonly string[]): Promise<string> {
  const { query } = await applicableQuery(db, shop, requested);
  const lines = [CSV_COLUMNS.map((column) => csvField(column)).join(",")];
  const chunk = 1000;
  for (let offset = 0; ; offset += chunk) {
    const ids = await orderedIds(db, shop, query, chunk, offset, onlyIds);
    for (const row of await rowsFor(db, shop, ids)) lines.push(csvRow(row));
    if (ids.length < chunk) break;
  }
  return `${lines.join("\r\n")}\r\n`;
}
