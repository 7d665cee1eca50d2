/**
 * The admin pages at scale: Home (/app) and the variants list (/app/variants) with
 * 50,000 tracked variants and 10,000 waiting order lines for the sandbox shop, in
 * Debian's Chromium inside the sandbox admin shell (the app in its iframe).
 *
 * The rows are written straight into the app's database (the pages read only it);
 * the worker is off so nothing reconciles them away. LCP and CLS come from
 * PerformanceObserver (buffered) inside the app's frame; the interactions are a click
 * on the "Value" column heading of the list until its first row changes (the sort
 * loads new data), and a click on one vendor in the Vendor filter until the rows
 * change, timed with performance.now() in this process. Server time is the
 * time to first byte of the page's document, from the frame's navigation timing.
 * Every figure is the median of its runs, each on a fresh page.
 */
import type { Browser, Frame, Page } from "playwright-core";
import { waitingValueOf } from "../../app/domain/waiting-value";
import { openAppDatabase } from "../support/app-database";
import { launchChromium, openPage } from "../support/browser";
import { installApp } from "../support/engine";
import { startStack, type Stack } from "../support/stack";
import { round } from "./stats";

const DAY = 86_400_000;
const CHUNK = 1000;

export interface PageFigures {
  lcpMs: number;
  cls: number;
  /** Time to first byte of the app's document in its frame (the loader runs before it). */
  serverTtfbMs: number;
}

export interface AdminPagesFigures {
  variants: number;
  waitingLines: number;
  runsEach: number;
  home: PageFigures;
  variantsList: PageFigures & ListInteractions;
  /** Seeding the database (ms). */
  seedMs: number;
  seconds: number;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

interface ListInteractions {
  sortByValueMs: number;
  filterByVendorMs: number;
}

const WORDS = ["Wool", "Linen", "Cotton", "Oak", "Steel", "Copper", "Ceramic", "Glass", "Leather", "Canvas"];
const THINGS = ["Beanie", "Scarf", "Mug", "Kettle", "Lamp", "Chair", "Bowl", "Tote", "Jacket", "Blanket"];
const SIZES = ["S", "M", "L", "XL", "Default Title"];
const VENDORS = Array.from({ length: 40 }, (_, i) => `${WORDS[i % WORDS.length]} Works ${Math.floor(i / WORDS.length) + 1}`);
/** The filter the bench applies: one vendor among 40, about 1,250 of 50,000 variants. */
const FILTERED_VENDOR = VENDORS[7]!;
/** Every variant at the warehouse, every 3rd at the shop floor too, every 7th at the outlet. */
const LOCATIONS = [
  { id: "gid://shopify/Location/1", name: "Main warehouse", every: 1 },
  { id: "gid://shopify/Location/2", name: "Shop floor", every: 3 },
  { id: "gid://shopify/Location/3", name: "Outlet", every: 7 },
];

async function seed(stack: Stack, variants: number, waitingLines: number): Promise<void> {
  const db = openAppDatabase(stack.databaseUrl);
  const shop = stack.sandbox.shop.domain;
  const today = Date.now();
  const statusOf = (i: number) => (i % 10 < 4 ? "backorder" : i % 10 < 6 ? "sold_out" : "in_stock");
  const lines = waitingLineSeeds(shop, variants, waitingLines, statusOf, today);
  // What the engine would store: the oldest waiting line's date per variant.
  const oldestWaitingAt = new Map<string, Date>();
  for (const line of lines) {
    const oldest = oldestWaitingAt.get(line.variantId);
    if (!oldest || line.orderedAt < oldest) oldestWaitingAt.set(line.variantId, line.orderedAt);
  }
  try {
    for (let start = 0; start < variants; start += CHUNK) {
      const data = [];
      const levels = [];
      for (let i = start; i < Math.min(start + CHUNK, variants); i++) {
        const status = statusOf(i);
        const id = 900_000_000 + i;
        const variantId = `gid://shopify/ProductVariant/${id}`;
        const price = `${(5 + ((i * 37) % 400) + (i % 100) / 100).toFixed(2)}`;
        const waitingUnits = status === "in_stock" ? 0 : (i * 7) % 23;
        data.push({
          shop,
          variantId,
          productId: `gid://shopify/Product/${800_000_000 + Math.floor(i / 5)}`,
          inventoryItemId: `gid://shopify/InventoryItem/${700_000_000 + i}`,
          title: `${WORDS[i % WORDS.length]} ${THINGS[Math.floor(i / 10) % THINGS.length]} ${Math.floor(i / 100)} - ${SIZES[i % SIZES.length]}`,
          sku: `BM-${String(i).padStart(6, "0")}`,
          vendor: VENDORS[i % VENDORS.length]!,
          productType: THINGS[Math.floor(i / 10) % THINGS.length]!,
          price,
          merchantPolicy: "DENY",
          appliedPolicy: status === "backorder" ? "CONTINUE" : null,
          status,
          sellable: status === "in_stock" ? 1 + (i % 40) : 0,
          waitingUnits,
          waitingValue: waitingValueOf(price, waitingUnits),
          oldestWaitingAt: oldestWaitingAt.get(variantId) ?? null,
          nextShipsOn: status === "backorder" ? new Date(today + (7 + (i % 60)) * DAY).toISOString().slice(0, 10) : null,
        });
        for (const location of LOCATIONS.filter(({ every }) => i % every === 0)) {
          levels.push({ shop, variantId, locationId: location.id, locationName: location.name, available: location.every === 1 ? -waitingUnits : 2, incoming: i % 5 === 0 ? 10 : 0 });
        }
      }
      await db.trackedVariant.createMany({ data });
      await db.variantLevel.createMany({ data: levels });
    }
    for (let start = 0; start < lines.length; start += CHUNK) await db.backorderLine.createMany({ data: lines.slice(start, start + CHUNK) });
  } finally {
    await db.$disconnect();
  }
}

/** Waiting lines spread over the back-ordered variants (every 10th index in 0..3 mod 10). */
function waitingLineSeeds(shop: string, variants: number, waitingLines: number, statusOf: (i: number) => string, today: number) {
  const backordered = Array.from({ length: variants }, (_, i) => i).filter((i) => statusOf(i) === "backorder");
  return Array.from({ length: waitingLines }, (_, n) => {
    const i = backordered[(n * 13) % backordered.length]!;
    const quantity = 1 + (n % 3);
    return {
      shop,
      lineItemId: `gid://shopify/LineItem/${600_000_000 + n}`,
      orderId: `gid://shopify/Order/${500_000_000 + n}`,
      orderName: `#${10_000 + n}`,
      orderedAt: new Date(today - (n % 90) * DAY - n * 1000),
      variantId: `gid://shopify/ProductVariant/${900_000_000 + i}`,
      locationId: LOCATIONS[0]!.id,
      quantity,
      waitingUnits: quantity,
      queuePosition: n + 1,
      shipsOn: new Date(today + (7 + (i % 60)) * DAY).toISOString().slice(0, 10),
      state: "waiting",
      unitPrice: `${(5 + ((i * 37) % 400)).toFixed(2)}`,
      customerEmail: `buyer${n}@example.com`,
      customerName: `Buyer ${n}`,
    };
  });
}

/** The frame showing the app (its URL is on the app's origin). */
async function appFrame(page: Page, appUrl: string): Promise<Frame> {
  const origin = new URL(appUrl).origin;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const frame = page.frames().find((f) => f !== page.mainFrame() && f.url().startsWith(origin));
    if (frame) return frame;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`No frame on ${origin} in the admin shell`);
}

/** LCP, CLS and document TTFB inside the frame, after the page has had time to finish painting. */
async function vitals(frame: Frame): Promise<PageFigures> {
  return frame.evaluate(
    () =>
      new Promise<{ lcpMs: number; cls: number; serverTtfbMs: number }>((resolve) => {
        let lcp = 0;
        let cls = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) lcp = Math.max(lcp, entry.startTime);
        }).observe({ type: "largest-contentful-paint", buffered: true });
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!entry.hadRecentInput) cls += entry.value;
        }).observe({ type: "layout-shift", buffered: true });
        const [navigation] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
        const ttfb = navigation ? navigation.responseStart - navigation.requestStart : NaN;
        setTimeout(() => resolve({ lcpMs: lcp, cls, serverTtfbMs: ttfb }), 1000);
      }),
  );
}

/** Milliseconds from `act` until the text of the first `selector` in the frame changes: the new data is on screen. */
async function timeUntilChanged(frame: Frame, selector: string, act: () => Promise<void>): Promise<number> {
  const before = await frame.locator(selector).first().textContent();
  const started = performance.now();
  await act();
  await frame.waitForFunction(([css, text]) => {
    const element = document.querySelector(css);
    return !!element && element.textContent !== text;
  }, [selector, before] as const, { timeout: 60_000, polling: "raf" });
  return performance.now() - started;
}

/** A fresh list page: its vitals, then sorting by value; a fresh one again, then filtering by a vendor. */
async function measureList(stack: Stack, browser: Browser): Promise<PageFigures & ListInteractions> {
  const ready = (frame: Frame) => frame.locator("table tbody tr").first().waitFor({ timeout: 60_000 });
  const page = await openPage(browser);
  try {
    const { frame, figures } = await measurePage(stack, page, "/app/variants", ready);
    const heading = frame.getByRole("table").getByRole("button", { name: /^Value/ });
    await heading.waitFor({ timeout: 30_000 });
    const sortByValueMs = await timeUntilChanged(frame, "table tbody tr", () => heading.click());

    const filtered = await measurePage(stack, page, "/app/variants", ready);
    await filtered.frame.getByRole("button", { name: "Vendor", exact: true }).click();
    const vendor = filtered.frame.getByRole("checkbox", { name: FILTERED_VENDOR });
    await vendor.waitFor({ timeout: 30_000 });
    // The whole body: the first row may well stay when only some rows go.
    const filterByVendorMs = await timeUntilChanged(filtered.frame, "table tbody", () => vendor.click());
    return { ...figures, sortByValueMs, filterByVendorMs };
  } finally {
    await page.context().close();
  }
}

async function measurePage(stack: Stack, page: Page, path: string, ready: (frame: Frame) => Promise<void>): Promise<{ frame: Frame; figures: PageFigures }> {
  await page.goto(stack.sandbox.adminShellUrl(path));
  const frame = await appFrame(page, stack.appUrl);
  await ready(frame);
  return { frame, figures: await vitals(frame) };
}

export async function benchAdminPages(options: { variants?: number; waitingLines?: number; runsEach?: number } = {}): Promise<AdminPagesFigures> {
  const started = performance.now();
  const variants = options.variants ?? 50_000;
  const waitingLines = options.waitingLines ?? 10_000;
  const runsEach = options.runsEach ?? 3;
  const stack = await startStack({ seed: false, env: { BACKORDER_WORKER: "off" } });
  const browser = await launchChromium();
  try {
    await installApp(stack);
    const seedStarted = performance.now();
    await seed(stack, variants, waitingLines);
    const seedMs = performance.now() - seedStarted;

    const home: PageFigures[] = [];
    const list: (PageFigures & ListInteractions)[] = [];
    for (let run = 0; run < runsEach; run++) {
      {
        const page = await openPage(browser);
        try {
          const { figures } = await measurePage(stack, page, "/app", (frame) => frame.locator(".Polaris-Page").first().waitFor({ timeout: 60_000 }));
          home.push(figures);
        } finally {
          await page.context().close();
        }
      }
      list.push(await measureList(stack, browser));
    }
    const medianOf = (runs: PageFigures[]): PageFigures => ({
      lcpMs: round(median(runs.map((r) => r.lcpMs)), 0),
      cls: round(median(runs.map((r) => r.cls)), 3),
      serverTtfbMs: round(median(runs.map((r) => r.serverTtfbMs)), 0),
    });
    return {
      variants,
      waitingLines,
      runsEach,
      home: medianOf(home),
      variantsList: {
        ...medianOf(list),
        sortByValueMs: round(median(list.map((r) => r.sortByValueMs)), 0),
        filterByVendorMs: round(median(list.map((r) => r.filterByVendorMs)), 0),
      },
      seedMs: round(seedMs, 0),
      seconds: round((performance.now() - started) / 1000, 1),
    };
  } finally {
    await browser.close();
    await stack.stop();
  }
}
