/** Relay connections over in-memory lists, and Shopify's simple search syntax. */
import { GraphQLError } from "graphql";

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  reverse?: boolean | null;
}

export const encodeCursor = (key: string | number): string => Buffer.from(`cursor:${key}`).toString("base64");
const decodeCursor = (cursor: string): string => Buffer.from(cursor, "base64").toString("utf8").replace(/^cursor:/, "");

let everyPage = false;

/**
 * Runs a synchronous read in which every connection answers all its nodes, whatever first/last
 * say: a bulk query reads whole connections ("without pagination",
 * https://shopify.dev/docs/api/usage/bulk-operations/queries).
 */
export function readingEveryPage<T>(run: () => T): T {
  everyPage = true;
  try {
    return run();
  } finally {
    everyPage = false;
  }
}

export function connection<T>(all: T[], args: ConnectionArgs, keyOf: (item: T) => string | number) {
  if (everyPage) args = { reverse: args.reverse ?? null, first: all.length };
  if ((args.first === undefined || args.first === null) && (args.last === undefined || args.last === null)) {
    throw new GraphQLError("you must provide one of first or last", { extensions: { code: "BAD_REQUEST" } });
  }
  if (!everyPage && ((args.first ?? 0) > 250 || (args.last ?? 0) > 250)) throw new GraphQLError("The maximum page size is 250", { extensions: { code: "BAD_REQUEST" } });
  let list = args.reverse ? [...all].reverse() : all;
  let start = 0;
  let end = list.length;
  if (args.after) {
    const key = decodeCursor(args.after);
    const index = list.findIndex((item) => String(keyOf(item)) === key);
    start = index + 1;
  }
  if (args.before) {
    const key = decodeCursor(args.before);
    const index = list.findIndex((item) => String(keyOf(item)) === key);
    if (index >= 0) end = index;
  }
  list = list.slice(start, end);
  let hasNextPage = end < all.length;
  let hasPreviousPage = start > 0;
  if (args.first !== undefined && args.first !== null) {
    hasNextPage = hasNextPage || list.length > args.first;
    list = list.slice(0, args.first);
  }
  if (args.last !== undefined && args.last !== null) {
    hasPreviousPage = hasPreviousPage || list.length > args.last;
    list = list.slice(Math.max(0, list.length - args.last));
  }
  const edges = list.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    nodes: list,
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

export interface SearchTerm {
  field: string | null; // null: free text
  comparator: "=" | ">" | "<" | ">=" | "<=";
  value: string;
  negated: boolean;
}

/** `title:Foo tag:'bar baz' -vendor:x updated_at:>2024-01-01 inventory_quantity:<1 plain words` (AND only). */
export function parseSearch(query: string | null | undefined): SearchTerm[] {
  if (!query) return [];
  const tokens = query.match(/-?[A-Za-z_.]+:(?:[<>]=?)?(?:"[^"]*"|'[^']*'|\S+)|"[^"]*"|\S+/g) ?? [];
  const terms: SearchTerm[] = [];
  let negateNext = false;
  for (const token of tokens) {
    if (token === "AND") continue;
    if (token === "NOT") {
      negateNext = true;
      continue;
    }
    const match = /^(-?)([A-Za-z_.]+):((?:[<>]=?)?)(.*)$/.exec(token);
    if (match) {
      terms.push({ field: match[2]!.toLowerCase(), comparator: (match[3] || "=") as SearchTerm["comparator"], value: unquote(match[4]!), negated: match[1] === "-" || negateNext });
    } else {
      terms.push({ field: null, comparator: "=", value: unquote(token.replace(/^-/, "")), negated: token.startsWith("-") || negateNext });
    }
    negateNext = false;
  }
  return terms;
}

function unquote(value: string): string {
  return value.replace(/^(["'])(.*)\1$/, "$2");
}

/** Field accessors per resource; a term on an unknown field matches nothing, like Shopify's ignored filters do not. */
export type Fields<T> = Record<string, (item: T) => string | number | boolean | string[] | null>;

export function matches<T>(item: T, terms: SearchTerm[], fields: Fields<T>, freeText: (item: T) => string): boolean {
  return terms.every((term) => {
    let ok: boolean;
    if (term.field === null) {
      ok = freeText(item).toLowerCase().includes(term.value.toLowerCase());
    } else {
      const accessor = fields[term.field];
      ok = accessor ? compare(accessor(item), term) : true; // Shopify ignores unknown filters
    }
    return term.negated ? !ok : ok;
  });
}

function compare(actual: string | number | boolean | string[] | null, term: SearchTerm): boolean {
  if (Array.isArray(actual)) return actual.some((a) => compare(a, term));
  if (actual === null) return false;
  const wanted = term.value;
  if (typeof actual === "number") {
    const n = Number(wanted);
    switch (term.comparator) {
      case ">": return actual > n;
      case "<": return actual < n;
      case ">=": return actual >= n;
      case "<=": return actual <= n;
      default: return actual === n;
    }
  }
  const a = String(actual);
  if (/^\d{4}-\d{2}-\d{2}/.test(a) && term.comparator !== "=") {
    const left = Date.parse(a);
    const right = Date.parse(wanted.replace(/^'|'$/g, ""));
    switch (term.comparator) {
      case ">": return left > right;
      case "<": return left < right;
      case ">=": return left >= right;
      default: return left <= right;
    }
  }
  if (wanted.endsWith("*")) return a.toLowerCase().startsWith(wanted.slice(0, -1).toLowerCase());
  return a.toLowerCase() === wanted.toLowerCase();
}
