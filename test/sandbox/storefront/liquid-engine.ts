/**
 * A liquidjs engine with the Shopify filters our theme and app blocks use. One engine
 * per file tree (the theme, each theme app extension), because `asset_url`, `t` and
 * `render` resolve against the tree the template came from.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Liquid, type FilterImplOptions } from "liquidjs";

export interface EngineOptions {
  /** Folders `render` looks in for snippets. */
  partials: string[];
  /** `asset_url` prefix, e.g. "/theme-assets" or "/extensions-assets/{extension}". */
  assetBase: string;
  /** Folder with `*.json` locale files (`en.default.json`). */
  localesDir: string;
  locale: string;
  /** The shop's clock (epoch ms) behind `'now' | date`; the real clock by default. */
  now?: () => number;
  /** The shop's IANA time zone: Shopify's `date` filter shows times in it. The machine's zone by default. */
  timezone?: string;
}

export function createLiquidEngine(options: EngineOptions): Liquid {
  const engine = new Liquid({
    root: options.partials,
    partials: options.partials,
    extname: ".liquid",
    cache: false,
    ...(options.timezone ? { timezoneOffset: options.timezone } : {}),
  });
  const translations = loadLocale(options.localesDir, options.locale);
  const clock = options.now ?? Date.now;

  engine.registerFilter("money", function (this: FilterThis, cents: unknown) {
    return formatMoney(cents, stringAt(this.context.getSync(["shop", "money_format"])) ?? "${{amount}}");
  });
  engine.registerFilter("money_with_currency", function (this: FilterThis, cents: unknown) {
    return formatMoney(cents, stringAt(this.context.getSync(["shop", "money_with_currency_format"])) ?? "${{amount}}");
  });
  engine.registerFilter("money_without_currency", (cents: unknown) => formatMoney(cents, "{{amount}}"));
  engine.registerFilter("asset_url", (name: unknown) => `${options.assetBase}/${encodeURI(String(name))}`);
  engine.registerFilter("stylesheet_tag", (url: unknown) => `<link href="${escapeAttribute(url)}" rel="stylesheet" type="text/css" media="all" />`);
  engine.registerFilter("script_tag", (url: unknown) => `<script src="${escapeAttribute(url)}" type="text/javascript"></script>`);
  engine.registerFilter("t", (key: unknown, ...args: unknown[]) => translate(translations, String(key), keywordArgs(args)));
  engine.registerFilter("json", (value: unknown) => shopifyJson(value));
  engine.registerFilter("divided_by", (dividend: unknown, divisor: unknown) => divide(dividend, divisor));
  // 'now' and 'today' are the moment of rendering: the shop's clock, which tests may set.
  const builtinDate = engine.filters["date"] as FilterImplOptions & ((this: unknown, ...args: unknown[]) => unknown);
  engine.registerFilter("date", function (this: unknown, value: unknown, ...args: unknown[]) {
    const at = value === "now" || value === "today" ? Math.floor(clock() / 1000) : value;
    return builtinDate.call(this, at, ...args);
  });
  return engine;
}

/**
 * Shopify's (Ruby) `divided_by`: two whole numbers give a whole number, rounded down
 * (`7 | divided_by: 2` is 3); liquidjs would give 3.5.
 */
export function divide(dividend: unknown, divisor: unknown): number {
  const whole = (value: unknown) => (typeof value === "number" ? Number.isInteger(value) : /^\s*-?\d+\s*$/.test(String(value)));
  const quotient = Number(dividend) / Number(divisor);
  return whole(dividend) && whole(divisor) ? Math.floor(quotient) : quotient;
}

/** Shopify's global objects: unlike a template's own variables, they stay visible inside `{% render %}`ed snippets. */
const GLOBAL_OBJECTS = ["shop", "request", "routes", "localization", "settings", "product", "collection", "app"];

/** Render options that give snippets the page's global objects, as Shopify does. */
export function withGlobals(variables: Record<string, unknown>): { globals: Record<string, unknown> } {
  return { globals: Object.fromEntries(GLOBAL_OBJECTS.filter((name) => name in variables).map((name) => [name, variables[name]])) };
}

/**
 * Shopify's `json` filter: a JavaScript value that is safe inside a <script> element,
 * because `<`, `>` and `&` (and the JS line separators) come out as \u escapes. Nil is `null`.
 */
export function shopifyJson(value: unknown): string {
  const text = JSON.stringify(value ?? null) ?? "null";
  return text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

interface FilterThis {
  context: { getSync(path: string[]): unknown };
}

/** Shopify's `{{amount}}` money formats, fed integer cents. */
export function formatMoney(cents: unknown, format: string): string {
  const value = Number(cents);
  if (!Number.isFinite(value)) return "";
  const units = value / 100;
  const grouped = (decimals: number, thousands: string, decimal: string) => {
    const [whole = "0", fraction] = Math.abs(units).toFixed(decimals).split(".");
    const sign = units < 0 ? "-" : "";
    return sign + whole.replace(/\B(?=(\d{3})+(?!\d))/g, thousands) + (fraction ? decimal + fraction : "");
  };
  return format.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    switch (name) {
      case "amount_no_decimals": return grouped(0, ",", ".");
      case "amount_with_comma_separator": return grouped(2, ".", ",");
      case "amount_no_decimals_with_comma_separator": return grouped(0, ".", ",");
      default: return grouped(2, ",", ".");
    }
  });
}

export type Translations = Record<string, unknown>;

/**
 * The storefront translations for `locale`, as Shopify looks them up: the default file
 * (`*.default.json`), overlaid by the language's file (`fr.json` for "fr-CA"), overlaid by the
 * exact locale's (`fr-CA.json`). A key missing from the shopper's language falls back to the
 * default language instead of showing "translation missing". `*.schema.json` files are the
 * theme editor's, not the storefront's.
 */
export function loadLocale(localesDir: string, locale: string): Translations {
  if (!existsSync(localesDir)) return {};
  const files = readdirSync(localesDir).filter((name) => name.endsWith(".json") && !name.endsWith(".schema.json"));
  const language = locale.split("-")[0] ?? locale;
  const defaultFile = files.find((name) => name.endsWith(".default.json"));
  const layers = [defaultFile, `${language}.json`, `${language}.default.json`, `${locale}.json`, `${locale}.default.json`];
  const chosen = [...new Set(layers)].filter((name): name is string => name !== undefined && files.includes(name));
  return chosen.reduce<Translations>((merged, file) => deepMerge(merged, JSON.parse(readFileSync(path.join(localesDir, file), "utf8")) as Translations), {});
}

function deepMerge(base: Translations, overlay: Translations): Translations {
  const merged: Translations = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const current = merged[key];
    const bothObjects = isPlainObject(current) && isPlainObject(value);
    merged[key] = bothObjects ? deepMerge(current as Translations, value as Translations) : value;
  }
  return merged;
}

function isPlainObject(value: unknown): boolean {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Dotted key lookup with `{{ name }}` interpolation; a missing key shows as Shopify does. */
export function translate(translations: Translations, key: string, values: Record<string, unknown>): string {
  let node: unknown = translations;
  for (const part of key.split(".")) node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  if (node !== null && typeof node === "object" && "count" in values) {
    const forms = node as Record<string, unknown>;
    node = Number(values["count"]) === 1 ? (forms["one"] ?? forms["other"]) : forms["other"];
  }
  if (typeof node !== "string") return `translation missing: ${key}`;
  return node.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values[name] ?? ""));
}

/** liquidjs hands keyword arguments (`| t: count: 2`) to filters as [name, value] pairs. */
function keywordArgs(args: unknown[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const arg of args) if (Array.isArray(arg) && arg.length === 2 && typeof arg[0] === "string") values[arg[0]] = arg[1];
  return values;
}

function stringAt(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
const escapeAttribute = escapeHtml;
