/**
 * The variant list's filters besides status: vendor, product type and location
 * (a variant is at a location when Shopify lists stock for it there). The
 * choices are the shop's own distinct values; a value from the URL that is not
 * one of them is ignored, like an unknown status.
 */
import { Prisma, type PrismaClient } from "@prisma/client";
import { FILTER_PARAMS } from "./variant-list-params";

/** Values kept per filter, and the longest value read from a URL (Shopify's vendor and type are 255 at most). */
export const MAX_FILTER_VALUES = 50;
export const MAX_FILTER_VALUE_LENGTH = 255;

export interface VariantFilters {
  vendors: string[];
  productTypes: string[];
  /** Location GIDs. */
  locations: string[];
}

export const NO_FILTERS: VariantFilters = { vendors: [], productTypes: [], locations: [] };

export interface FilterChoices {
  vendors: string[];
  productTypes: string[];
  locations: { id: string; name: string }[];
}

function cappedValues(values: readonly string[]): string[] {
  const usable = values.filter((value) => value.length > 0 && value.length <= MAX_FILTER_VALUE_LENGTH);
  return [...new Set(usable)].slice(0, MAX_FILTER_VALUES);
}

export function parseFilters(params: URLSearchParams): VariantFilters {
  return {
    vendors: cappedValues(params.getAll(FILTER_PARAMS.vendors)),
    productTypes: cappedValues(params.getAll(FILTER_PARAMS.productTypes)),
    locations: cappedValues(params.getAll(FILTER_PARAMS.locations)),
  };
}

/** The shop's vendors and product types in order, and its locations by name. */
export async function loadFilterChoices(db: PrismaClient, shop: string): Promise<FilterChoices> {
  const [vendors, productTypes, locationIds] = await Promise.all([
    distinctValues(db, shop, "TrackedVariant", "vendor"),
    distinctValues(db, shop, "TrackedVariant", "productType"),
    distinctValues(db, shop, "VariantLevel", "locationId"),
  ]);
  const locations = await Promise.all(
    locationIds.map(async (id) => {
      // A renamed location keeps its old name on rows not yet synced again; any one name will do until then.
      const level = await db.variantLevel.findFirst({ where: { shop, locationId: id }, select: { locationName: true } });
      return { id, name: level?.locationName || id };
    }),
  );
  return { vendors, productTypes, locations: locations.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)) };
}

/**
 * A column's distinct non-null values for the shop, in order, by one index seek per
 * value (a "loose index scan" on the (shop, column) index): GROUP BY or DISTINCT would
 * read every row of a 50,000-variant shop. WITH RECURSIVE runs as is on PostgreSQL.
 */
async function distinctValues(db: PrismaClient, shop: string, table: "TrackedVariant" | "VariantLevel", column: "vendor" | "productType" | "locationId"): Promise<string[]> {
  const from = Prisma.raw(`"${table}"`);
  const value = Prisma.raw(`"${column}"`);
  const rows = await db.$queryRaw<{ value: string | null }[]>(Prisma.sql`
    WITH RECURSIVE found ("value") AS (
      SELECT MIN(${value}) FROM ${from} WHERE "shop" = ${shop}
      UNION ALL
      SELECT (SELECT MIN(${value}) FROM ${from} WHERE "shop" = ${shop} AND ${value} > found."value") FROM found WHERE found."value" IS NOT NULL
    )
    SELECT "value" FROM found WHERE "value" IS NOT NULL`);
  return rows.flatMap((row) => (row.value === null ? [] : [row.value]));
}

/** Only the values the shop has. */
export function knownFilters(filters: VariantFilters, choices: FilterChoices): VariantFilters {
  const among = (values: readonly string[], known: readonly string[]) => values.filter((value) => known.includes(value));
  return {
    vendors: among(filters.vendors, choices.vendors),
    productTypes: among(filters.productTypes, choices.productTypes),
    locations: among(filters.locations, choices.locations.map((location) => location.id)),
  };
}

/** SQL conditions on `TrackedVariant v` (portable: IN lists and an uncorrelated subquery). */
export function filterConditions(shop: string, filters: VariantFilters): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  if (filters.vendors.length > 0) conditions.push(Prisma.sql`v."vendor" IN (${Prisma.join(filters.vendors)})`);
  if (filters.productTypes.length > 0) conditions.push(Prisma.sql`v."productType" IN (${Prisma.join(filters.productTypes)})`);
  if (filters.locations.length > 0) {
    conditions.push(Prisma.sql`v."variantId" IN (SELECT l."variantId" FROM "VariantLevel" l WHERE l."shop" = ${shop} AND l."locationId" IN (${Prisma.join(filters.locations)}))`);
  }
  return conditions;
}
