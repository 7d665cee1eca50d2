/**
 * Theme app extensions, rendered as Shopify's online store would: each
 * `extensions/<dir>/shopify.extension.toml` with `type = "theme"` contributes
 * `blocks/*.liquid`; a block's `{% schema %}` says where it goes ("section": the
 * product page's app-block slot, "body": an app embed before </body>) and its settings.
 * Blocks read `assets/` through `asset_url`, `snippets/` through `render`, and
 * `locales/*.json` through `t`, all from their own extension.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Liquid } from "liquidjs";
import { parse } from "smol-toml";
import { createLiquidEngine, escapeHtml, withGlobals } from "./liquid-engine";

/** URL prefix the storefront serves extension assets under: /extensions-assets/{dir}/{file}. */
export const EXTENSION_ASSETS_PREFIX = "/extensions-assets";

export interface BlockSetting {
  id?: string;
  type: string;
  label?: string;
  default?: unknown;
}

export interface AppBlockSchema {
  name?: string;
  target: string;
  settings?: BlockSetting[];
  /** Extension asset file names Shopify includes whenever the block renders. */
  javascript?: string;
  stylesheet?: string;
  /** Liquid condition over `app.metafields`; the block is skipped when it renders blank/false. */
  available_if?: string;
}

export interface AppBlock {
  /** The extension's folder name (used in asset URLs). */
  extension: string;
  /** Block file name without `.liquid`. */
  handle: string;
  id: string;
  target: string;
  schema: AppBlockSchema;
  /** Liquid without the schema tag. */
  source: string;
}

export interface ThemeExtension {
  name: string;
  dir: string;
  folder: string;
  blocks: AppBlock[];
}

const SCHEMA_TAG = /\{%-?\s*schema\s*-?%\}([\s\S]*?)\{%-?\s*endschema\s*-?%\}/;

export function parseBlockFile(text: string, where = "block"): { source: string; schema: AppBlockSchema } {
  const match = SCHEMA_TAG.exec(text);
  if (!match) throw new Error(`${where}: no {% schema %} tag`);
  const schema = JSON.parse(match[1] ?? "") as AppBlockSchema;
  if (typeof schema.target !== "string") throw new Error(`${where}: schema has no target`);
  return { source: text.replace(SCHEMA_TAG, ""), schema };
}

function isThemeExtension(toml: Record<string, unknown>): { name?: string } | null {
  if (toml["type"] === "theme") return { name: typeof toml["name"] === "string" ? toml["name"] : undefined };
  // The unified format: [[extensions]] type = "theme".
  const list = Array.isArray(toml["extensions"]) ? (toml["extensions"] as Record<string, unknown>[]) : [];
  const theme = list.find((entry) => entry["type"] === "theme");
  return theme ? { name: typeof theme["name"] === "string" ? theme["name"] : undefined } : null;
}

/** Reads the extensions folder afresh each call, so edits show on the next page load. */
export function loadThemeExtensions(extensionsDir: string): ThemeExtension[] {
  if (!existsSync(extensionsDir)) return [];
  const found: ThemeExtension[] = [];
  for (const folder of readdirSync(extensionsDir).sort()) {
    const dir = path.join(extensionsDir, folder);
    const tomlPath = path.join(dir, "shopify.extension.toml");
    if (!existsSync(tomlPath)) continue;
    const theme = isThemeExtension(parse(readFileSync(tomlPath, "utf8")) as Record<string, unknown>);
    if (!theme) continue;
    const blocksDir = path.join(dir, "blocks");
    const files = existsSync(blocksDir) ? readdirSync(blocksDir).filter((f) => f.endsWith(".liquid")).sort() : [];
    const blocks = files.map((file): AppBlock => {
      const handle = file.slice(0, -".liquid".length);
      const { source, schema } = parseBlockFile(readFileSync(path.join(blocksDir, file), "utf8"), `${folder}/blocks/${file}`);
      return { extension: folder, handle, id: `${folder}-${handle}`, target: schema.target, schema, source };
    });
    found.push({ name: theme.name ?? folder, dir, folder, blocks });
  }
  return found;
}

export function defaultSettings(schema: AppBlockSchema): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const setting of schema.settings ?? []) {
    if (!setting.id) continue; // header/paragraph entries carry no value
    settings[setting.id] = setting.default ?? (setting.type === "checkbox" ? false : null);
  }
  return settings;
}

export interface AppBlockRenderOptions {
  /** Shopify objects the page has: shop, product (with the `$app` alias), request, routes, localization. */
  variables: Record<string, unknown>;
  locale: string;
  /** Merchant's settings per block, keyed "extensionFolder/blockHandle"; they override the defaults. */
  settings?: Record<string, Record<string, unknown>>;
  /** `app.metafields` (app-data metafields), by namespace then key. */
  appMetafields?: Record<string, Record<string, unknown>>;
  /** The shop's clock and time zone for `date` (see createLiquidEngine). */
  now?: () => number;
  timezone?: string;
}

/** Renders every block of the target, each wrapped as Shopify wraps app blocks. Empty when none. */
export async function renderAppBlocks(extensionsDir: string, target: "section" | "body", options: AppBlockRenderOptions): Promise<string> {
  const parts: string[] = [];
  for (const extension of loadThemeExtensions(extensionsDir)) {
    const blocks = extension.blocks.filter((block) => block.target === target);
    if (blocks.length === 0) continue;
    const engine = createLiquidEngine({
      partials: [path.join(extension.dir, "snippets")],
      assetBase: `${EXTENSION_ASSETS_PREFIX}/${encodeURIComponent(extension.folder)}`,
      localesDir: path.join(extension.dir, "locales"),
      locale: options.locale,
      ...(options.now ? { now: options.now } : {}),
      ...(options.timezone ? { timezone: options.timezone } : {}),
    });
    for (const block of blocks) parts.push(await renderBlock(engine, block, options));
  }
  return parts.join("\n");
}

async function renderBlock(engine: Liquid, block: AppBlock, options: AppBlockRenderOptions): Promise<string> {
  const settings = { ...defaultSettings(block.schema), ...options.settings?.[`${block.extension}/${block.handle}`] };
  const scope = {
    ...options.variables,
    app: { metafields: options.appMetafields ?? {} },
    block: { id: block.id, type: "@app", settings, shopify_attributes: "" },
  };
  if (block.schema.available_if) {
    const condition = (await engine.parseAndRender(block.schema.available_if, scope)).trim();
    if (condition === "" || condition === "false") return "";
  }
  const assetBase = `${EXTENSION_ASSETS_PREFIX}/${encodeURIComponent(block.extension)}`;
  const head = [
    block.schema.stylesheet ? `<link href="${assetBase}/${escapeHtml(block.schema.stylesheet)}" rel="stylesheet" type="text/css" media="all" />` : "",
    block.schema.javascript ? `<script src="${assetBase}/${escapeHtml(block.schema.javascript)}" defer></script>` : "",
  ].join("");
  const html = await engine.parseAndRender(block.source, scope, withGlobals(scope));
  return `<div id="shopify-block-${escapeHtml(block.id)}" class="shopify-block shopify-app-block">${head}${html}</div>`;
}
