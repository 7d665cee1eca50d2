/**
 * A liquidjs engine with the Shopify filters our theme and app blocks use. One engine
 * per file tree (the theme, each theme app extension), because `asset_url`, `t` and
 * `render` resolve against the tree the template came from.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Liquid } from "liquidjs";

export interface EngineOptions {
  /** Folders `render` looks in for snippets. */
  partials: string[];
  /** `asset_url` prefix, e.g. "/theme-assets" or "/extensions-assets/{extension}". */
  assetBase: string;
  /** Folder with `*.json` locale files (`en.default.json`). */
  localesDir: string;
  locale: string;
}

export function createLiquidEngine(options: EngineOptions): Liquid {
  const engine = new Liquid({ root: options.partials, partials: options.partials, extname: ".liquid", cache: false });
  const translations = loadLocale(options.localesDir, options.locale);

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
  return engine;
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

/** `{locale}.json`, else `{locale}.default.json`, else any `*.default.json`. */
export function loadLocale(localesDir: string, locale: string): Translations {
  if (!existsSync(localesDir)) return {};
  const files = readdirSync(localesDir);
  const file = [`${locale}.json`, `${locale}.default.json`].find((name) => files.includes(name)) ?? files.find((name) => name.endsWith(".default.json"));
  return file ? (JSON.parse(readFileSync(path.join(localesDir, file), "utf8")) as Translations) : {};
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
