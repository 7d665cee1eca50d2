/**
 * What the theme app extension costs a storefront: its bytes (the block's script and
 * stylesheet, and the HTML the block and the app embed render for a back-ordered variant),
 * and Lighthouse's performance figures for the sandbox product page with the extension and
 * without it, measured in the same run with Debian's Chromium.
 *
 * "Without": a second sandbox on the same shop (same product, same theme) whose
 * extensions folder is empty, so neither the app block nor the app embed renders.
 * Lighthouse runs its default mobile config (simulated slow 4G, 4x CPU slowdown),
 * performance category only, alternating with/without; each figure is the median of its runs.
 * Chromium may only resolve loopback (--host-resolver-rules), so nothing can leave the machine.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { SET_METAFIELDS } from "../../app/graphql/mutations";
import { addBeanie } from "../storefront/beanie";
import { startSandbox, type Sandbox } from "../sandbox/server";
import { CHROMIUM_PATH } from "../support/browser";
import { ROOT, TEST_APP, TOML_PATH } from "../support/stack";
import { round } from "./stats";

const EXTENSION = "backorder-badge";
const ASSETS_DIR = path.join(ROOT, "extensions", EXTENSION, "assets");
/** The wrappers the sandbox (like Shopify) puts around each app block: `shopify-block-{folder}-{block}`. */
const BLOCK_ELEMENT_ID = `shopify-block-${EXTENSION}-backorder-badge`;
const EMBED_ELEMENT_ID = `shopify-block-${EXTENSION}-backorder-embed`;
const DAY = 86_400_000;

export interface ByteFigures {
  raw: number;
  gzip: number;
}

export interface LighthouseFigures {
  /** Performance category score, 0–100. */
  score: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
}

export interface StorefrontFigures {
  /** The back-ordered variant's product page that was measured (sandbox path). */
  page: string;
  bytes: {
    "backorder-badge.js": ByteFigures;
    "backorder-badge.css": ByteFigures;
    /** The app block's rendered HTML, wrapper included. */
    "App block HTML": ByteFigures;
    /** The app embed's rendered HTML on the same page (the variant data and the line item property). */
    "App embed HTML": ByteFigures;
    "Product page HTML, with the extension": ByteFigures;
    "Product page HTML, without": ByteFigures;
  };
  lighthouse: {
    version: string;
    formFactor: "mobile";
    runsEach: number;
    withExtension: LighthouseFigures;
    withoutExtension: LighthouseFigures;
    /** with − without. */
    delta: LighthouseFigures;
    /** Every run's figures, in order, to see the noise behind the medians. */
    runs: { withExtension: LighthouseFigures[]; withoutExtension: LighthouseFigures[] };
    /** Lighthouse's CPU benchmark of this machine (median); below ~1000 its simulation is less reliable. */
    benchmarkIndex: number;
    /** Requests Chromium made to anything but the sandbox (must be none). */
    foreignRequests: string[];
    /** Wall-clock time of the Lighthouse part (Chromium launch and every run). */
    seconds: number;
  };
}

const sizes = (text: string | Buffer): ByteFigures => ({ raw: Buffer.byteLength(text), gzip: zlib.gzipSync(text).length });

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** The outer HTML of the `<div id="…">` element, by matching its nested divs. */
export function divHtml(html: string, id: string): string {
  const start = html.indexOf(`<div id="${id}"`);
  if (start < 0) throw new Error(`No <div id="${id}"> on the page`);
  const tags = /<\/?div\b[^>]*>/gi;
  tags.lastIndex = start;
  let depth = 0;
  for (let tag = tags.exec(html); tag; tag = tags.exec(html)) {
    depth += tag[0].startsWith("</") ? -1 : 1;
    if (depth === 0) return html.slice(start, tag.index + tag[0].length);
  }
  throw new Error(`<div id="${id}"> is not closed`);
}

/** The sandbox storefront of the browser test: a beanie whose Black variant is back-ordered with a date. */
async function startStorefronts(): Promise<{ withExtension: Sandbox; withoutExtension: Sandbox; emptyDir: string; pagePath: string }> {
  const app = { ...TEST_APP, appUrl: "http://127.0.0.1:9", tomlPath: TOML_PATH }; // no app process: nothing receives webhooks
  const withExtension = await startSandbox({ port: 0, app, webhooks: { subscriptions: [] } });
  const emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-no-extensions-"));
  const withoutExtension = await startSandbox({ port: 0, app: { ...app, extensionsDir: emptyDir }, shop: withExtension.shop, webhooks: { subscriptions: [] } });

  const { shop } = withExtension;
  const location = shop.addLocation("Main warehouse");
  const { black, red } = addBeanie(shop, location);
  const shipsOn = new Date(Date.now() + 40 * DAY).toISOString().slice(0, 10);
  // What the engine writes (app/engine/variant-writes.server.ts), through the Admin API as it would.
  const metafield = (ownerId: string, key: string, value: string) => ({ ownerId, namespace: "$app:backorder", key, type: key === "ships_on" ? "date" : "single_line_text_field", value });
  const response = await withExtension.adminApi.execute({
    query: SET_METAFIELDS,
    variables: { metafields: [metafield(black, "status", "backorder"), metafield(black, "ships_on", shipsOn), metafield(red, "status", "sold_out")] },
  });
  const body = response.body as { data?: { metafieldsSet?: { userErrors?: unknown[] } }; errors?: unknown };
  if (body.errors || body.data?.metafieldsSet?.userErrors?.length) throw new Error(`metafieldsSet failed: ${JSON.stringify(body)}`);
  return { withExtension, withoutExtension, emptyDir, pagePath: `/products/wool-beanie?variant=${black.split("/").pop()}` };
}

async function fetchPage(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  return response.text();
}

async function measureLighthouse(urls: { withExtension: string; withoutExtension: string }, runsEach: number): Promise<StorefrontFigures["lighthouse"]> {
  const started = performance.now();
  const [{ default: lighthouse }, chromeLauncher] = await Promise.all([import("lighthouse"), import("chrome-launcher")]);
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM_PATH,
    // chrome-launcher adds its own flags (no extensions, no background networking, no sync,
    // no component updates, temporary profile). The resolver rule keeps Chromium on this machine;
    // /dev/shm: Debian's wrapper means to add that flag on small ones but its check misfires.
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"],
    logLevel: "error",
  });
  const runs = { withExtension: [] as LighthouseFigures[], withoutExtension: [] as LighthouseFigures[] };
  const benchmarkIndexes: number[] = [];
  const foreignRequests = new Set<string>();
  let version = "";
  try {
    for (let run = 0; run < runsEach; run++) {
      for (const variant of ["withExtension", "withoutExtension"] as const) {
        const url = urls[variant];
        const result = await lighthouse(url, { port: chrome.port, logLevel: "error", output: "json", onlyCategories: ["performance"] });
        if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
        const { lhr } = result;
        if (lhr.runtimeError) throw new Error(`Lighthouse failed on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        const metric = (id: string) => {
          const value = lhr.audits[id]?.numericValue;
          if (typeof value !== "number") throw new Error(`Lighthouse gave no ${id} for ${url}${lhr.runWarnings.length ? `: ${lhr.runWarnings.join("; ")}` : ""}`);
          return value;
        };
        const score = lhr.categories["performance"]?.score;
        if (typeof score !== "number") throw new Error(`Lighthouse gave no performance score for ${url}: ${lhr.runWarnings.join("; ")}`);
        runs[variant].push({
          score: round(score * 100, 0),
          lcpMs: round(metric("largest-contentful-paint"), 0),
          tbtMs: round(metric("total-blocking-time"), 0),
          cls: round(metric("cumulative-layout-shift"), 3),
        });
        benchmarkIndexes.push(lhr.environment.benchmarkIndex);
        version = lhr.lighthouseVersion;
        const origin = new URL(url).origin;
        const requests = (lhr.audits["network-requests"]?.details as { items?: { url?: string }[] } | undefined)?.items ?? [];
        for (const request of requests) if (request.url && !request.url.startsWith(origin) && !request.url.startsWith("data:")) foreignRequests.add(request.url);
      }
    }
  } finally {
    chrome.kill();
  }
  const medianOf = (list: LighthouseFigures[]): LighthouseFigures => ({
    score: median(list.map((r) => r.score)),
    lcpMs: round(median(list.map((r) => r.lcpMs)), 0),
    tbtMs: round(median(list.map((r) => r.tbtMs)), 0),
    cls: round(median(list.map((r) => r.cls)), 3),
  });
  const withExtension = medianOf(runs.withExtension);
  const withoutExtension = medianOf(runs.withoutExtension);
  return {
    version,
    formFactor: "mobile",
    runsEach,
    withExtension,
    withoutExtension,
    delta: {
      score: withExtension.score - withoutExtension.score,
      lcpMs: withExtension.lcpMs - withoutExtension.lcpMs,
      tbtMs: withExtension.tbtMs - withoutExtension.tbtMs,
      cls: round(withExtension.cls - withoutExtension.cls, 3),
    },
    runs,
    benchmarkIndex: round(median(benchmarkIndexes), 0),
    foreignRequests: [...foreignRequests],
    seconds: round((performance.now() - started) / 1000, 1),
  };
}

export async function benchStorefront(options: { lighthouseRuns?: number } = {}): Promise<StorefrontFigures> {
  const { withExtension, withoutExtension, emptyDir, pagePath } = await startStorefronts();
  try {
    const [pageWith, pageWithout] = await Promise.all([fetchPage(`${withExtension.url}${pagePath}`), fetchPage(`${withoutExtension.url}${pagePath}`)]);
    if (pageWithout.includes("shopify-app-block")) throw new Error("The sandbox without extensions still rendered an app block");
    const block = divHtml(pageWith, BLOCK_ELEMENT_ID);
    if (!block.includes("backorder-badge__badge")) throw new Error("The app block rendered no badge for the back-ordered variant");
    const bytes: StorefrontFigures["bytes"] = {
      "backorder-badge.js": sizes(fs.readFileSync(path.join(ASSETS_DIR, "backorder-badge.js"))),
      "backorder-badge.css": sizes(fs.readFileSync(path.join(ASSETS_DIR, "backorder-badge.css"))),
      "App block HTML": sizes(block),
      "App embed HTML": sizes(divHtml(pageWith, EMBED_ELEMENT_ID)),
      "Product page HTML, with the extension": sizes(pageWith),
      "Product page HTML, without": sizes(pageWithout),
    };
    const lighthouse = await measureLighthouse({ withExtension: `${withExtension.url}${pagePath}`, withoutExtension: `${withoutExtension.url}${pagePath}` }, options.lighthouseRuns ?? 3);
    return { page: pagePath, bytes, lighthouse };
  } finally {
    await Promise.all([withExtension.close(), withoutExtension.close()]);
    fs.rmSync(emptyDir, { recursive: true, force: true });
  }
}
