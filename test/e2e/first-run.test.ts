/**
 * The first minutes of a new user, in dev mode: `npm run sandbox` on a fresh
 * Vite cache and database, the printed admin URL in Chromium, every page of the
 * nav, a reload of the app frame and of the whole admin page, the login page,
 * then Ctrl-C and `npm run sandbox` again. No console error, no blank frame, no
 * error page, and no dependency re-optimisation by Vite on the way.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, FrameLocator, Page } from "playwright-core";
import { strings } from "../../app/i18n/strings";
import { assertAccessible } from "../support/axe";
import { launchChromium, openPage } from "../support/browser";
import { startSandboxProcess, type SandboxProcess, type SandboxProcessOptions } from "../support/sandbox-process";
import { ARTIFACTS_DIR, freePort, ROOT } from "../support/stack";

const PAGES = [
  { nav: strings.nav.home, path: "/app", title: strings.home.title },
  { nav: strings.nav.variants, path: "/app/variants", title: strings.variants.title },
  { nav: strings.nav.settings, path: "/app/settings", title: strings.settings.title },
  { nav: strings.nav.activity, path: "/app/activity", title: strings.activity.title },
  { nav: strings.nav.orders, path: "/app/orders", title: strings.orders.title },
] as const;
type AppPage = (typeof PAGES)[number];
const pageAt = (appPath: string): AppPage => PAGES.find((p) => p.path === appPath)!;

/** Vite's words when it finds a dependency it did not pre-bundle and reloads the page. */
const REOPTIMISED = /new dependencies optimized|optimized dependencies changed/;

/** Packages the browser code imports (not types, not CSS, not *.server files), from routes and components. */
function packagesImportedByClientCode(): string[] {
  const found = new Set<string>();
  for (const folder of ["app/routes", "app/components"]) {
    for (const file of fs.readdirSync(path.join(ROOT, folder), { recursive: true, encoding: "utf8" })) {
      if (!/\.tsx?$/.test(file) || /\.server\.tsx?$/.test(file)) continue;
      const source = fs.readFileSync(path.join(ROOT, folder, file), "utf8");
      for (const [, specifier] of source.matchAll(/^import\s+(?!type\s)[^;]*?from\s+"([^"]+)"/gms)) {
        if (!/^[./~]/.test(specifier!) && !specifier!.startsWith("node:") && !/\.css(\?|$)/.test(specifier!)) found.add(specifier!);
      }
    }
  }
  return [...found].sort();
}

let browser: Browser;
let sandbox: SandboxProcess;
let options: SandboxProcessOptions;
let scratch: string;
const problems: string[] = [];

/** A page that records every console error, page error and failed request, in any frame. */
async function watchedPage(): Promise<Page> {
  const page = await openPage(browser);
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => {
    // A request cancelled by a navigation (net::ERR_ABORTED) is not a failure anyone sees.
    const reason = request.failure()?.errorText ?? "";
    if (reason !== "net::ERR_ABORTED") problems.push(`request failed: ${request.url()} ${reason}`);
  });
  return page;
}

const appFrame = (page: Page): FrameLocator => page.frameLocator("#app-frame");

/**
 * The page's title is in the admin's title bar (App Bridge's TitleBar, the page's one title) and
 * its Polaris page is drawn in the frame: the app is neither blank nor an error page.
 */
async function expectAppPage(page: Page, expected: AppPage): Promise<void> {
  const framePath = () => {
    const frame = page.frame({ name: "app-iframe" });
    return frame ? new URL(frame.url()).pathname : null;
  };
  await expect.poll(framePath, { timeout: 90_000 }).toBe(expected.path);
  await page.getByRole("heading", { level: 1, name: expected.title, exact: true }).waitFor({ timeout: 90_000 });
  await appFrame(page).locator(".Polaris-Page").first().waitFor({ timeout: 90_000 });
  await page.waitForURL((url) => url.pathname.endsWith(expected.path), { timeout: 30_000 });
}

async function clickNav(page: Page, target: AppPage): Promise<void> {
  const link = target.path === "/app" ? page.locator("#app-home-link") : page.locator("#app-nav a", { hasText: target.nav });
  await link.click();
  await expectAppPage(page, target);
}

beforeAll(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "first-run-"));
  const runDir = path.join(ARTIFACTS_DIR, `first-run-${new Date().toISOString().replace(/[:.]/g, "-")}`);
  fs.mkdirSync(runDir, { recursive: true });
  options = {
    sandboxPort: await freePort(),
    appPort: await freePort(),
    dbFile: path.join(scratch, "sandbox.sqlite"),
    // An empty cache of its own: what a fresh clone has, without touching node_modules/.vite.
    viteCacheDir: path.join(scratch, "vite"),
    logFile: path.join(runDir, "sandbox.log"),
  };
  [browser, sandbox] = await Promise.all([launchChromium(), startSandboxProcess(options)]);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

describe("npm run sandbox on a fresh clone", () => {
  let page: Page;
  afterAll(() => page?.close());

  it("opens the app at the printed admin URL and every page of the nav, without Vite re-optimising", async () => {
    page = await watchedPage();
    await page.goto(sandbox.adminShellUrl());
    await expectAppPage(page, pageAt("/app"));
    for (const target of [...PAGES.slice(1), PAGES[0]]) await clickNav(page, target);

    expect(sandbox.output()).not.toMatch(REOPTIMISED);
    expect(problems).toEqual([]);
    // Pre-bundled from the routes at startup, with no list to keep: a package a route or component
    // starts importing is in Vite's first optimisation.
    const metadata = JSON.parse(fs.readFileSync(path.join(options.viteCacheDir, "deps/_metadata.json"), "utf8")) as { optimized: Record<string, unknown> };
    expect(packagesImportedByClientCode().filter((name) => !(name in metadata.optimized))).toEqual([]);
  }, 240_000);

  it("lands on the same page when the app frame alone is reloaded", async () => {
    await clickNav(page, pageAt("/app/settings"));
    const frame = page.frame({ name: "app-iframe" })!;
    // The frame's own URL has no shop, host or id_token any more; the library sends it to the login path.
    expect(new URL(frame.url()).searchParams.get("id_token")).toBeNull();
    const passedLogin = page.waitForEvent("framenavigated", { predicate: (f) => f === frame && new URL(f.url()).pathname === "/auth/login" });
    await frame.evaluate(() => {
      (window as Window & { beforeReload?: boolean }).beforeReload = true;
      setTimeout(() => window.location.reload(), 0);
    });
    await passedLogin;
    await expect.poll(() => frame.evaluate(() => (window as Window & { beforeReload?: boolean }).beforeReload ?? false).catch(() => true), { timeout: 60_000 }).toBe(false);
    await expectAppPage(page, pageAt("/app/settings"));
    expect(problems).toEqual([]);
  }, 120_000);

  it("lands on the same page when the whole admin page is reloaded", async () => {
    await clickNav(page, pageAt("/app/activity"));
    expect(new URL(page.url()).pathname).toMatch(/\/apps\/[^/]+\/app\/activity$/);
    await page.reload();
    await expectAppPage(page, pageAt("/app/activity"));
    expect(problems).toEqual([]);
  }, 120_000);

  it("sends the sandbox's framing and App Bridge on the auth bounce page, never Shopify's CDN", async () => {
    const frameUrl = new URL(page.frame({ name: "app-iframe" })!.url());
    const bounce = new URL("/auth/session-token", sandbox.appUrl);
    for (const name of ["shop", "host"]) bounce.searchParams.set(name, frameUrl.searchParams.get(name) ?? "");
    bounce.searchParams.set("embedded", "1");
    const response = await fetch(bounce, { headers: { "User-Agent": await page.evaluate(() => navigator.userAgent) } });
    const sandboxOrigin = new URL(sandbox.adminShellUrl()).origin;
    expect(response.headers.get("content-security-policy")).toContain(`frame-ancestors ${sandboxOrigin}`);
    expect(response.headers.get("link") ?? "").not.toContain("cdn.shopify.com");
    expect(await response.text()).toContain(`${sandboxOrigin}/cdn/app-bridge.js`);
  });
});

describe("the login page", () => {
  it("asks for a shop domain, says what is wrong with a missing or invalid one, and opens the app for the sandbox shop", async () => {
    const page = await watchedPage();
    await page.goto(`${sandbox.appUrl}/auth/login`);
    await page.getByRole("heading", { level: 1, name: strings.login.title }).waitFor();
    await assertAccessible(page, "the login page");

    const field = page.getByLabel(strings.login.shopLabel);
    const submit = page.getByRole("button", { name: strings.login.submit });
    await submit.click();
    await page.getByText(strings.login.missingShop).waitFor();

    await field.fill("not a shop!");
    await submit.click();
    await page.getByText(strings.login.invalidShop).waitFor();
    await expect(page.getByText(strings.login.missingShop).count()).resolves.toBe(0);

    // A valid domain goes to the shop's admin, which opens the installed app.
    await field.fill(new URL(sandbox.adminShellUrl()).pathname.split("/")[2]!);
    await submit.click();
    await expectAppPage(page, pageAt("/app"));
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});

describe("npm run sandbox again", () => {
  it("comes up clean after Ctrl-C: the admin URL opens the app again, with a fresh database for the fresh shop", async () => {
    const before = await watchedPage();
    await before.goto(sandbox.adminShellUrl("/app/variants"));
    await expectAppPage(before, pageAt("/app/variants"));
    // The tab is closed with the server: while it is down, Vite's client in an open tab reports it can't reconnect.
    await before.close();

    await sandbox.stop();
    sandbox = await startSandboxProcess(options);
    const page = await watchedPage();
    await page.goto(sandbox.adminShellUrl("/app/variants"));
    await expectAppPage(page, pageAt("/app/variants"));
    await clickNav(page, pageAt("/app/orders"));
    await page.reload();
    await expectAppPage(page, pageAt("/app/orders"));

    expect(sandbox.output()).not.toMatch(REOPTIMISED);
    expect(problems).toEqual([]);
  }, 300_000);
});
