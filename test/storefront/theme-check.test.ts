/**
 * Shopify's theme linter (theme-check, what `shopify theme check` and the Liquid editor
 * extensions run) on the theme app extension, with the theme-app-extension config the
 * package ships: app block schemas and tags, asset sizes, missing assets and snippets,
 * translation keys, Liquid syntax, filters and objects.
 *
 * Offline: theme-check's docs manager would first fetch the latest Liquid docs from
 * raw.githubusercontent.com (and cache them under ~/.cache). Here it is made to use only
 * the docs bundled in @shopify/theme-check-docs-updater, and a guard on http/https/fetch
 * fails the test if any request is still attempted.
 */
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { themeCheckRun, type Offense } from "@shopify/theme-check-node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../support/stack";

const EXTENSION = path.join(ROOT, "extensions/backorder-badge");
const requireHere = createRequire(import.meta.url);
const THEME_CHECK_ENTRY = requireHere.resolve("@shopify/theme-check-node");
/** The config theme-check ships for theme app extensions (`context: app`, app block checks, asset size limits). */
const APP_EXTENSION_CONFIG = requireHere.resolve("@shopify/theme-check-node/configs/theme-app-extension.yml");

/** The part of @shopify/theme-check-docs-updater this file touches. */
interface DocsManagerPrototype {
  loadResource(name: string): Promise<string>;
  loadSchema(relativeUri: string): Promise<string>;
}

/**
 * The docs manager theme-check itself loads (resolved from theme-check-node, so the same
 * module instance). `loadResource` first runs `setup()`, which downloads the latest docs;
 * `loadSchema` reads the download cache. Both failing makes theme-check use its bundled
 * fallback docs: no request, no cache directory, the same docs on every machine.
 */
function useBundledDocsOnly(): () => void {
  const docs = createRequire(THEME_CHECK_ENTRY)("@shopify/theme-check-docs-updater") as { ThemeLiquidDocsManager: { prototype: DocsManagerPrototype } };
  const prototype = docs.ThemeLiquidDocsManager.prototype;
  if (typeof prototype.loadResource !== "function" || typeof prototype.loadSchema !== "function") {
    throw new Error("theme-check-docs-updater changed: ThemeLiquidDocsManager has no loadResource/loadSchema to keep it offline");
  }
  const original = { loadResource: prototype.loadResource, loadSchema: prototype.loadSchema };
  const offline = () => Promise.reject(new Error("offline: bundled theme-liquid-docs only"));
  prototype.loadResource = offline;
  prototype.loadSchema = offline;
  return () => Object.assign(prototype, original);
}

/** Records (and refuses) every outgoing HTTP request made through node:http, node:https or fetch. */
function guardNetwork(): { attempts: string[]; restore: () => void } {
  const attempts: string[] = [];
  const describeTarget = (target: unknown) =>
    typeof target === "string" ? target : target instanceof URL ? target.href : String((target as { href?: string; hostname?: string; host?: string })?.href ?? (target as { hostname?: string })?.hostname ?? (target as { host?: string })?.host);
  const refuse = (target: unknown): never => {
    attempts.push(describeTarget(target));
    throw new Error(`theme-check tried to reach the network: ${describeTarget(target)}`);
  };
  const originals = { httpRequest: http.request, httpGet: http.get, httpsRequest: https.request, httpsGet: https.get, fetch: globalThis.fetch };
  http.request = ((target: unknown) => refuse(target)) as typeof http.request;
  http.get = ((target: unknown) => refuse(target)) as typeof http.get;
  https.request = ((target: unknown) => refuse(target)) as typeof https.request;
  https.get = ((target: unknown) => refuse(target)) as typeof https.get;
  globalThis.fetch = ((target: unknown) => refuse(target)) as typeof fetch;
  return {
    attempts,
    restore() {
      http.request = originals.httpRequest;
      http.get = originals.httpGet;
      https.request = originals.httpsRequest;
      https.get = originals.httpsGet;
      globalThis.fetch = originals.fetch;
    },
  };
}

/** Runs theme-check on `root` with the theme app extension config, offline. */
async function lint(root: string): Promise<{ files: number; offenses: Offense[]; networkAttempts: string[] }> {
  const network = guardNetwork();
  try {
    const run = await themeCheckRun(root, APP_EXTENSION_CONFIG);
    return { files: run.theme.length, offenses: run.offenses, networkAttempts: network.attempts };
  } finally {
    network.restore();
  }
}

/** "blocks/backorder-badge.liquid:12:5 TranslationKeyExists: …", one a line. */
const formatOffenses = (root: string, offenses: readonly Offense[]) =>
  offenses.map((offense) => `${path.relative(root, fileURLToPath(offense.uri))}:${offense.start.line + 1}:${offense.start.character + 1} ${offense.check} (severity ${offense.severity}): ${offense.message}`).join("\n");

let restoreDocs: () => void;
const tempDirs: string[] = [];

beforeAll(() => {
  restoreDocs = useBundledDocsOnly();
});

afterAll(() => restoreDocs?.());

afterEach(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("theme-check on the theme app extension", () => {
  it("reports no offense", async () => {
    const { files, offenses, networkAttempts } = await lint(EXTENSION);
    expect(networkAttempts).toEqual([]);
    // Both blocks, both snippets and the locale files were read: the run did look at something.
    expect(files).toBeGreaterThanOrEqual(12);
    expect(offenses, `theme-check found offenses in extensions/backorder-badge:\n${formatOffenses(EXTENSION, offenses)}`).toEqual([]);
  });

  it("fails a broken copy: a translation key that does not exist, a missing asset, a block stylesheet that is gone", async () => {
    const broken = fs.mkdtempSync(path.join(os.tmpdir(), "backorder-theme-check-"));
    tempDirs.push(broken);
    fs.cpSync(EXTENSION, broken, { recursive: true });
    const block = path.join(broken, "blocks/backorder-badge.liquid");
    const source = fs.readFileSync(block, "utf8");
    fs.writeFileSync(
      block,
      source.replace(
        "{% schema %}",
        `<p>{{ 'backorder.ships_tomorrow' | t }}</p>\n<script src="{{ 'backorder-extra.js' | asset_url }}" defer></script>\n\n{% schema %}`,
      ),
    );
    fs.rmSync(path.join(broken, "assets/backorder-badge.css")); // the block schema's "stylesheet"

    const { offenses, networkAttempts } = await lint(broken);
    expect(networkAttempts).toEqual([]);
    const found = offenses.map((offense) => `${offense.check} ${path.relative(broken, fileURLToPath(offense.uri))}`);
    const report = formatOffenses(broken, offenses);
    expect(found, report).toContain("TranslationKeyExists blocks/backorder-badge.liquid");
    expect(found, report).toContain("MissingAsset blocks/backorder-badge.liquid");
    expect(found, report).toContain("AssetSizeAppBlockCSS blocks/backorder-badge.liquid");
    expect(report).toMatch(/'backorder\.ships_tomorrow' does not have a matching entry/);
    expect(report).toMatch(/'assets\/backorder-extra\.js' does not exist/);
    expect(report).toMatch(/'backorder-badge\.css' does not exist/);
    expect(offenses.every((offense) => offense.severity === 0)).toBe(true); // errors, not warnings
  });
});
