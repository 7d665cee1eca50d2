/**
 * The merchant's variants, read from the app's own tables (the engine keeps them
 * in step with Shopify): the list and the variant page. The list's CSV export is
 * in variants-csv.server.ts, its vendor, type and location filters in
 * variant-filters.server.ts, rule changes in variant-rules.server.ts.
 */
import { Prisma, type PrismaClient } from "@prisma/client";
import { waitingValueOf } from "../domain/waiting-value";
import { todayIn } from "../engine/settings.server";
import { wholeDaysSince } from "../i18n/dates";
import { filterConditions, knownFilters, loadFilterChoices, NO_FILTERS, parseFilters, type FilterChoices, type VariantFilters } from "./variant-filters.server";
import { ALL_STATUSES, DEFAULT_STATUSES, STATUS_PARAM } from "./variant-list-params";
import { numericIdOf, shopifyGid } from "../shopify/ids";

export const PAGE_SIZE = 50;
/** Most variants one bulk action may change (a page, with room to spare). */
export const MAX_BULK_VARIANTS = 250;
/** Largest waiting cap accepted (keeps it well inside a 32-bit integer). */
export const MAX_WAITING_CAP = 1_000_000;

export const VARIANT_STATUSES = ["backorder", "sold_out", "in_stock", "not_managed"] as const;
export type VariantStatus = (typeof VARIANT_STATUSES)[number];
export const SORT_KEYS = ["waiting", "value", "eta", "age", "title"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = "asc" | "desc";
export type VariantOverride = "always" | "never" | null;

export const VARIANT_GID_PREFIX = "gid://shopify/ProductVariant/";

export const variantGid = (numericId: string): string => shopifyGid("ProductVariant", numericId);
export { numericIdOf };
/** The numeric part of a variant GID as it appears in a URL or a form; null when it is not one. */
export function parseNumericId(value: string | null | undefined): string | null {
  const trimmed = (value ?? "").trim();
  return /^[1-9]\d{0,19}$/.test(trimmed) ? trimmed : null;
}

// ---------------------------------------------------------------- list

export interface VariantListQuery extends VariantFilters {
  search: string;
  /** Empty: every status. */
  statuses: VariantStatus[];
  sort: SortKey;
  direction: SortDirection;
  /** 1-based. */
  page: number;
}

/** What the list shows without parameters: the variants back-ordered or sold out, most units waiting first. */
export const DEFAULT_LIST_QUERY: VariantListQuery = { search: "", statuses: [...DEFAULT_STATUSES], ...NO_FILTERS, sort: "waiting", direction: "desc", page: 1 };

/** The statuses asked for: `all` for every one, none known for the default. */
function parseStatuses(params: URLSearchParams): VariantStatus[] {
  const values = params.getAll(STATUS_PARAM).flatMap((value) => value.split(","));
  if (values.includes(ALL_STATUSES)) return [];
  const statuses = values.filter((value): value is VariantStatus => (VARIANT_STATUSES as readonly string[]).includes(value));
  return statuses.length > 0 ? [...new Set(statuses)] : [...DEFAULT_STATUSES];
}

/** Reads the list's URL parameters; anything unknown falls back to the default. */
export function parseListQuery(params: URLSearchParams): VariantListQuery {
  const statuses = parseStatuses(params);
  const sort = params.get("sort");
  const direction = params.get("direction");
  const page = Number(params.get("page"));
  return {
    search: (params.get("q") ?? "").trim().slice(0, 200),
    statuses,
    ...parseFilters(params),
    sort: (SORT_KEYS as readonly string[]).includes(sort ?? "") ? (sort as SortKey) : DEFAULT_LIST_QUERY.sort,
    direction: direction === "asc" || direction === "desc" ? direction : DEFAULT_LIST_QUERY.direction,
    page: Number.isInteger(page) && page >= 1 && page <= 1_000_000 ? page : 1,
  };
}

export interface VariantRow {
  /** Numeric part of the GID, as used in the variant page's URL. */
  id: string;
  variantId: string;
  productId: string;
  title: string;
  /** The product's thumbnail on Shopify's CDN, when it has one. */
  imageUrl: string | null;
  sku: string | null;
  vendor: string | null;
  productType: string | null;
  status: string;
  sellable: number;
  waitingUnits: number;
  price: string;
  /** price × waiting units, in the shop currency, two decimals. */
  waitingValue: string;
  nextShipsOn: string | null;
  /** When the oldest order still waiting for this variant was placed (ISO). */
  oldestWaitingAt: string | null;
  rule: { override: VariantOverride; restockDate: string | null; waitingCap: number | null; restockQuantity: number | null };
}

export interface VariantPage {
  rows: VariantRow[];
  total: number;
  page: number;
  pageCount: number;
  hasPrevious: boolean;
  hasNext: boolean;
  /** The query as applied: filter values the shop does not have are dropped. */
  query: VariantListQuery;
  filterChoices: FilterChoices;
}

/** Escapes LIKE's wildcards; used with ESCAPE '\'. */
const likePattern = (search: string) => `%${search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function whereClause(shop: string, query: VariantListQuery, ids?: readonly string[]): Prisma.Sql {
  const parts = [Prisma.sql`v."shop" = ${shop}`, ...filterConditions(shop, query)];
  if (query.statuses.length > 0) parts.push(Prisma.sql`v."status" IN (${Prisma.join(query.statuses)})`);
  if (query.search) {
    const pattern = likePattern(query.search);
    // LOWER on both sides: SQLite's LIKE ignores ASCII case, PostgreSQL's does not.
    parts.push(Prisma.sql`(LOWER(v."title") LIKE ${pattern} ESCAPE '\\' OR LOWER(COALESCE(v."sku", '')) LIKE ${pattern} ESCAPE '\\')`);
  }
  if (ids) parts.push(ids.length > 0 ? Prisma.sql`v."variantId" IN (${Prisma.join(ids)})` : Prisma.sql`1 = 0`);
  return Prisma.join(parts, " AND ");
}

/**
 * Portable ORDER BY on stored, indexed columns (the engine keeps value and oldest
 * wait up to date): empty values last in both directions (NULLS LAST, which SQLite
 * serves from the index either way), ties broken by id so pages never overlap.
 */
function orderClause(sort: SortKey, direction: SortDirection): Prisma.Sql {
  const dir = (asc: boolean) => Prisma.raw(asc ? "ASC" : "DESC");
  const up = direction === "asc";
  switch (sort) {
    case "value":
      return Prisma.sql`v."waitingValue" ${dir(up)}, v."variantId" ASC`;
    case "eta":
      return Prisma.sql`v."nextShipsOn" ${dir(up)} NULLS LAST, v."variantId" ASC`;
    case "age":
      // Descending age is the oldest order first, i.e. the earliest date.
      return Prisma.sql`v."oldestWaitingAt" ${dir(!up)} NULLS LAST, v."variantId" ASC`;
    case "title":
      return Prisma.sql`LOWER(v."title") ${dir(up)}, v."variantId" ASC`;
    default:
      return Prisma.sql`v."waitingUnits" ${dir(up)}, v."variantId" ASC`;
  }
}

export async function orderedIds(db: PrismaClient, shop: string, query: VariantListQuery, limit: number, offset: number, ids?: readonly string[]): Promise<string[]> {
  const rows = await db.$queryRaw<{ variantId: string }[]>(
    Prisma.sql`SELECT v."variantId" AS "variantId" FROM "TrackedVariant" v WHERE ${whereClause(shop, query, ids)} ORDER BY ${orderClause(query.sort, query.direction)} LIMIT ${limit} OFFSET ${offset}`,
  );
  return rows.map((row) => row.variantId);
}

async function countVariants(db: PrismaClient, shop: string, query: VariantListQuery): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number | bigint }[]>(Prisma.sql`SELECT COUNT(*) AS "n" FROM "TrackedVariant" v WHERE ${whereClause(shop, query)}`);
  return Number(row?.n ?? 0);
}

/** Full rows for the given variant ids, in that order. */
export async function rowsFor(db: PrismaClient, shop: string, ids: string[]): Promise<VariantRow[]> {
  if (ids.length === 0) return [];
  const [variants, rules] = await Promise.all([
    db.trackedVariant.findMany({ where: { shop, variantId: { in: ids } } }),
    db.variantRule.findMany({ where: { shop, variantId: { in: ids } } }),
  ]);
  const byId = new Map(variants.map((variant) => [variant.variantId, variant]));
  const ruleOf = new Map(rules.map((rule) => [rule.variantId, rule]));
  return ids.flatMap((id) => {
    const variant = byId.get(id);
    if (!variant) return [];
    const rule = ruleOf.get(id);
    return [
      {
        id: numericIdOf(variant.variantId),
        variantId: variant.variantId,
        productId: variant.productId,
        title: variant.title,
        imageUrl: variant.imageUrl,
        sku: variant.sku,
        vendor: variant.vendor,
        productType: variant.productType,
        status: variant.status,
        sellable: variant.sellable,
        waitingUnits: variant.waitingUnits,
        price: variant.price,
        waitingValue: waitingValueOf(variant.price, variant.waitingUnits).toFixed(2),
        nextShipsOn: variant.nextShipsOn,
        oldestWaitingAt: variant.oldestWaitingAt?.toISOString() ?? null,
        rule: { override: (rule?.override ?? null) as VariantOverride, restockDate: rule?.restockDate ?? null, waitingCap: rule?.waitingCap ?? null, restockQuantity: rule?.restockQuantity ?? null },
      },
    ];
  });
}

/** The query with only the filter values the shop has, and the shop's choices. */
export async function applicableQuery(db: PrismaClient, shop: string, query: VariantListQuery): Promise<{ query: VariantListQuery; filterChoices: FilterChoices }> {
  const filterChoices = await loadFilterChoices(db, shop);
  return { query: { ...query, ...knownFilters(query, filterChoices) }, filterChoices };
}

/** One page of the shop's variants: a single indexed, limited query for the ids, then the rows by key. */
export async function listVariants(db: PrismaClient, shop: string, requested: VariantListQuery = DEFAULT_LIST_QUERY): Promise<VariantPage> {
  const { query, filterChoices } = await applicableQuery(db, shop, requested);
  const total = await countVariants(db, shop, query);
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  const ids = await orderedIds(db, shop, query, PAGE_SIZE, (page - 1) * PAGE_SIZE);
  const rows = await rowsFor(db, shop, ids);
  return { rows, total, page, pageCount, hasPrevious: page > 1, hasNext: page < pageCount, query: { ...query, page }, filterChoices };
}

// ---------------------------------------------------------------- detail

export interface QueueEntry {
  lineItemId: string;
  orderId: string;
  orderName: string;
  customerName: string | null;
  waitingUnits: number;
  queuePosition: number | null;
  priority: number;
  shipsOn: string | null;
  orderedAt: string;
  /** Whole days the order has waited. */
  ageDays: number;
}

export interface LocationLevel {
  locationId: string;
  locationName: string;
  available: number;
  incoming: number;
}

export interface VariantDetail {
  variant: VariantRow & { syncedAt: string; merchantPolicy: string };
  /** Stock per location as the last sync read it, by location name. */
  levels: LocationLevel[];
  /** Units on their way over all locations. */
  incomingUnits: number;
  queue: QueueEntry[];
  /** The shop's today (its time zone): the earliest restock date accepted. */
  today: string;
  /** A sync of the variant is queued or running: what the page shows is about to change. */
  updating: boolean;
  /** Units sold below zero that no waiting online order accounts for (point of sale, unseen locations). */
  unexplainedUnits: number;
}


/** The variant page; null when the shop has no such variant (another shop's included). */
export async function loadVariantDetail(db: PrismaClient, shop: string, numericId: string, now: Date = new Date()): Promise<VariantDetail | null> {
  const id = parseNumericId(numericId);
  if (!id) return null;
  const variantId = variantGid(id);
  const tracked = await db.trackedVariant.findUnique({ where: { shop_variantId: { shop, variantId } } });
  if (!tracked) return null;
  const [[row], levels, lines, today, pendingSyncs] = await Promise.all([
    rowsFor(db, shop, [variantId]),
    db.variantLevel.findMany({
      where: { shop, variantId },
      orderBy: [{ locationName: "asc" }, { locationId: "asc" }],
      select: { locationId: true, locationName: true, available: true, incoming: true },
    }),
    db.backorderLine.findMany({
      where: { shop, variantId, state: "waiting", waitingUnits: { gt: 0 } },
      orderBy: [{ queuePosition: { sort: "asc", nulls: "last" } }, { orderedAt: "asc" }, { lineItemId: "asc" }],
      take: 500,
    }),
    shopToday(db, shop, now),
    db.job.count({ where: { shop, kind: "sync-variant", subject: variantId, status: { in: ["pending", "running"] } } }),
  ]);
  return {
    variant: { ...row!, syncedAt: tracked.syncedAt.toISOString(), merchantPolicy: tracked.merchantPolicy },
    levels,
    incomingUnits: levels.reduce((sum, level) => sum + level.incoming, 0),
    queue: lines.map((line) => ({
      lineItemId: line.lineItemId,
      orderId: line.orderId,
      orderName: line.orderName,
      customerName: line.customerName ?? line.customerEmail,
      waitingUnits: line.waitingUnits,
      queuePosition: line.queuePosition,
      priority: line.priority,
      shipsOn: line.shipsOn,
      orderedAt: line.orderedAt.toISOString(),
      ageDays: wholeDaysSince(line.orderedAt, now),
    })),
    today,
    updating: pendingSyncs > 0,
    unexplainedUnits: tracked.unexplainedUnits,
  };
}

export async function shopToday(db: PrismaClient, shop: string, now: Date = new Date()): Promise<string> {
  const settings = await db.shopSettings.findUnique({ where: { shop }, select: { timezone: true } });
  return todayIn(settings?.timezone ?? "UTC", now);
}
