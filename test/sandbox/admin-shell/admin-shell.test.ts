import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { startSandbox, type Sandbox } from "../server";
import { verifySessionToken } from "../auth/session-token";
import { signQuery } from "./embed-url";

const KEY = "shell-test-key";
const SECRET = "shell-test-secret";

let sandbox: Sandbox;
let fakeApp: http.Server;
let appUrl: string;
let browser: Browser;
const appRequests: { url: string; authorization: string | undefined }[] = [];

/** A tiny embedded "app": uses window.shopify the way the real app's libraries do. */
function fakeAppPage(sandboxUrl: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Fake app</title></head><body>
<script src="${sandboxUrl}/cdn/app-bridge.js" data-api-key="${KEY}"></script>
<ui-title-bar title="Fake Backorders"><button variant="primary" onclick="document.getElementById('out').textContent='primary clicked'">Recalculate</button></ui-title-bar>
<ui-nav-menu><a href="/app" rel="home">Home</a><a href="/app/settings">Settings</a></ui-nav-menu>
<p id="path"></p><p id="out"></p>
<script>
  const show = (text) => { document.getElementById("out").textContent = text; };
  const renderPath = () => { document.getElementById("path").textContent = location.pathname; };
  renderPath();
  // What shopify-app-remix's AppProvider does: route on shopify:navigate from the anchor's href.
  addEventListener("shopify:navigate", (event) => { history.pushState(null, "", event.target.getAttribute("href")); renderPath(); });
  window.getToken = () => shopify.idToken();
  window.callApi = () => fetch("/api/echo").then((r) => r.json());
  window.toast = () => shopify.toast.show("Saved!", { duration: 10000 });
  window.errorToast = () => shopify.toast.show("Broke", { isError: true });
  // The picker's answer, with whether the deprecated "selection" is the array itself (JSON would drop it).
  window.pick = (options) => shopify.resourcePicker(options).then(
    (picked) => (picked === undefined ? "cancelled" : { picked, selectionIsSelf: picked.selection === picked }),
    (error) => "error: " + error.message,
  );
</script></body></html>`;
}

beforeAll(async () => {
  fakeApp = http.createServer((req, res) => {
    appRequests.push({ url: req.url ?? "", authorization: req.headers.authorization });
    if (req.url?.startsWith("/api/echo")) {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ authorization: req.headers.authorization ?? null }));
      return;
    }
    res.writeHead(200, { "Content-Type": "text/html" });
    // The library's bounce page is only the App Bridge script tag.
    if (req.url?.startsWith("/auth/session-token")) res.end(`<script data-api-key="${KEY}" src="${sandbox.url}/cdn/app-bridge.js"></script>`);
    else res.end(fakeAppPage(sandbox.url));
  });
  await new Promise<void>((resolve) => fakeApp.listen(0, "127.0.0.1", () => resolve()));
  appUrl = `http://127.0.0.1:${(fakeApp.address() as AddressInfo).port}`;
  sandbox = await startSandbox({ app: { apiKey: KEY, apiSecret: SECRET, appUrl, tomlPath: path.resolve("shopify.app.toml") } });
  // Playwright gives every launch a fresh profile directory of its own.
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    env: { ...process.env, HOME: fs.mkdtempSync(path.join(os.tmpdir(), "shell-test-home-")) },
  });
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
  await new Promise((resolve) => fakeApp?.close(resolve));
});

async function openShell(appPath = ""): Promise<Page> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(sandbox.adminShellUrl(appPath));
  await page.frameLocator("iframe").locator("#path").waitFor();
  (page as Page & { errors?: string[] }).errors = errors;
  return page;
}

function appFrame(page: Page) {
  const frame = page.frames().find((f) => f.url().startsWith(appUrl));
  if (!frame) throw new Error("app frame not found");
  return frame;
}

describe("admin shell with the App Bridge stand-in", () => {
  it("frames the app at /app with Shopify's embedded query, signed with the app secret", async () => {
    const page = await openShell();
    const src = new URL((await page.locator("iframe").getAttribute("src"))!);
    expect(src.origin + src.pathname).toBe(`${appUrl}/app`);
    expect(src.searchParams.get("embedded")).toBe("1");
    expect(src.searchParams.get("shop")).toBe("backorder-demo.myshopify.com");
    expect(Buffer.from(src.searchParams.get("host")!, "base64").toString()).toBe("admin.shopify.com/store/backorder-demo");
    expect(src.searchParams.get("hmac")).toBe(signQuery(src.searchParams, SECRET));
    await verifySessionToken(src.searchParams.get("id_token")!, { apiKey: KEY, apiSecret: SECRET, shop: "backorder-demo.myshopify.com" });
    await page.close();
  });

  it("idToken() returns a session token that verifies, and same-origin fetch carries it", async () => {
    const page = await openShell();
    const frame = appFrame(page);
    const token = await frame.evaluate(() => (window as unknown as { getToken(): Promise<string> }).getToken());
    const claims = await verifySessionToken(token, { apiKey: KEY, apiSecret: SECRET, shop: "backorder-demo.myshopify.com" });
    expect(claims.aud).toBe(KEY);

    const echoed = await frame.evaluate(() => (window as unknown as { callApi(): Promise<{ authorization: string }> }).callApi());
    expect(echoed.authorization).toMatch(/^Bearer /);
    await verifySessionToken(echoed.authorization.slice("Bearer ".length), { apiKey: KEY, apiSecret: SECRET });
    await expect(frame.evaluate(() => [window.shopify.config.apiKey, window.shopify.config.shop, window.shopify.environment.embedded])).resolves.toEqual([KEY, "backorder-demo.myshopify.com", true]);
    await page.close();
  });

  it("shows the app's title bar and toasts in the shell, and runs title bar actions in the app", async () => {
    const page = await openShell();
    await expect.poll(() => page.locator("#app-title").textContent()).toBe("Fake Backorders");
    await page.locator("#title-actions button", { hasText: "Recalculate" }).click();
    await expect.poll(() => appFrame(page).locator("#out").textContent()).toBe("primary clicked");

    await appFrame(page).evaluate(() => (window as unknown as { toast(): string }).toast());
    await page.locator("#toasts .toast", { hasText: "Saved!" }).waitFor();
    await appFrame(page).evaluate(() => (window as unknown as { errorToast(): string }).errorToast());
    await page.locator("#toasts .toast.error", { hasText: "Broke" }).waitFor();
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
    await page.close();
  });

  it("fills the nav from ui-nav-menu; a click routes the app through shopify:navigate and updates the browser URL", async () => {
    const page = await openShell();
    const settings = page.locator("#app-nav a", { hasText: "Settings" });
    await settings.waitFor();
    const loadsBefore = appRequests.filter((r) => !r.url.startsWith("/api")).length;
    await settings.click();
    await expect.poll(() => appFrame(page).locator("#path").textContent()).toBe("/app/settings");
    await expect.poll(() => new URL(page.url()).pathname).toBe("/store/backorder-demo/apps/backorder-manager/app/settings");
    // Client-side routing: no new document request.
    expect(appRequests.filter((r) => !r.url.startsWith("/api")).length).toBe(loadsBefore);
    await expect.poll(() => settings.getAttribute("aria-current")).toBe("page");

    await page.locator("#app-home-link").click();
    await expect.poll(() => appFrame(page).locator("#path").textContent()).toBe("/app");
    await page.close();
  });

  it("opens a deep link at the app path under the shell path", async () => {
    const page = await openShell("/app/settings");
    expect(await appFrame(page).locator("#path").textContent()).toBe("/app/settings");
    await page.close();
  });

  it("reloads at the page the app was on: the address bar follows the app, the iframe loads that path with a fresh id_token", async () => {
    const page = await openShell();
    await page.locator("#app-nav a", { hasText: "Settings" }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/store/backorder-demo/apps/backorder-manager/app/settings");
    await page.reload();
    await page.frameLocator("iframe").locator("#path").waitFor();
    expect(await appFrame(page).locator("#path").textContent()).toBe("/app/settings");
    const src = new URL((await page.locator("iframe").getAttribute("src"))!);
    await verifySessionToken(src.searchParams.get("id_token")!, { apiKey: KEY, apiSecret: SECRET, shop: "backorder-demo.myshopify.com" });
    await page.close();
  });

  it("names the app by client id as well as by handle, and opens the installed app from the library's install URL", async () => {
    const byClientId = await fetch(`${sandbox.url}/store/backorder-demo/apps/${KEY}/app/settings`);
    expect(byClientId.status).toBe(200);
    expect(await byClientId.text()).toContain(`src="${appUrl}/app/settings?`);

    const install = await fetch(`${sandbox.url}/store/backorder-demo/oauth/install?client_id=${KEY}`, { redirect: "manual" });
    expect(install.status).toBe(302);
    expect(install.headers.get("location")).toBe("/store/backorder-demo/apps/backorder-manager");
    const otherApp = await fetch(`${sandbox.url}/store/backorder-demo/oauth/install?client_id=someone-else`, { redirect: "manual" });
    expect(otherApp.status).toBe(400);
    const otherStore = await fetch(`${sandbox.url}/store/another-store/oauth/install?client_id=${KEY}`, { redirect: "manual" });
    expect(otherStore.status).toBe(404);
  });

  it("asks the sandbox for no favicon (no 404 in the admin's console)", async () => {
    const page = await browser.newPage();
    const failed: string[] = [];
    page.on("response", (response) => {
      if (response.status() >= 400) failed.push(response.url());
    });
    await page.goto(sandbox.adminShellUrl());
    await page.frameLocator("iframe").locator("#path").waitFor();
    expect(await page.locator('link[rel="icon"]').getAttribute("href")).toMatch(/^data:image\/svg\+xml,/);
    expect(failed).toEqual([]);
    await page.close();
  });

  it("ignores messages that do not come from the app frame", async () => {
    const page = await openShell();
    await expect.poll(() => page.locator("#app-title").textContent()).toBe("Fake Backorders");
    await page.evaluate(() => window.postMessage({ channel: "sandbox-app-bridge", type: "titleBar", title: "Forged" }, "*"));
    await page.waitForTimeout(200);
    expect(await page.locator("#app-title").textContent()).toBe("Fake Backorders");
    await page.close();
  });

  it("follows the library's bounce page back to the app with a fresh id_token", async () => {
    const page = await openShell();
    const reload = `${appUrl}/app/reloaded?shop=backorder-demo.myshopify.com&embedded=1`;
    await appFrame(page).evaluate((target) => {
      location.href = target;
    }, `${appUrl}/auth/session-token?shopify-reload=${encodeURIComponent(reload)}`);
    await expect.poll(() => appRequests.some((r) => r.url.startsWith("/app/reloaded?") && r.url.includes("id_token="))).toBe(true);
    const landed = new URL(appRequests.find((r) => r.url.startsWith("/app/reloaded?"))!.url, appUrl);
    await verifySessionToken(landed.searchParams.get("id_token")!, { apiKey: KEY, apiSecret: SECRET });
    await page.close();
  });

  it("takes shopify://admin links and open() to the admin's own order and product pages, as Shopify admin does", async () => {
    const shop = sandbox.shop;
    const location = shop.addLocation("Admin links warehouse");
    const { productId, variantIds } = shop.addProduct({ title: "Admin Link Lamp", vendor: "V", productType: "Gear", variants: [{ title: "Brass", sku: "ALL-1", price: "10.00", stock: { [location]: 5 } }] });
    const { orderId, name } = shop.placeOrder({ customer: { email: "ada@example.com", firstName: "Ada", lastName: "Admin" }, lines: [{ variantId: variantIds[0]!, quantity: 1 }] });
    const numeric = (gid: string) => gid.split("/").pop()!;

    // An anchor in the app (App Bridge's documented form), clicked.
    const page = await openShell();
    await appFrame(page).evaluate((href) => {
      document.body.insertAdjacentHTML("beforeend", `<a id="to-variant" href="${href}">Open in admin</a>`);
    }, `shopify://admin/products/${numeric(productId)}/variants/${numeric(variantIds[0]!)}`);
    await appFrame(page).locator("#to-variant").click();
    await page.waitForURL(`${sandbox.url}/store/backorder-demo/products/${numeric(productId)}/variants/${numeric(variantIds[0]!)}`);
    await page.getByRole("heading", { name: "Admin Link Lamp – Brass" }).waitFor();

    // open() with the App Home form (shopify:admin/…).
    await page.goto(sandbox.adminShellUrl());
    await page.frameLocator("iframe").locator("#path").waitFor();
    await appFrame(page).evaluate((href) => void window.open(href, "_top"), `shopify:admin/orders/${numeric(orderId)}`);
    await page.waitForURL(`${sandbox.url}/store/backorder-demo/orders/${numeric(orderId)}`);
    await page.getByRole("heading", { name: `Order ${name}` }).waitFor();
    await expect(page.getByRole("cell", { name: "Admin Link Lamp – Brass" }).count()).resolves.toBe(1);
    await page.close();

    // Unknown resources are the admin's 404.
    expect((await fetch(`${sandbox.url}/store/backorder-demo/orders/999999`)).status).toBe(404);
    expect((await fetch(`${sandbox.url}/store/another-store/products/${numeric(productId)}`)).status).toBe(404);
  });

  it("gives products a featured image the Admin API names and the sandbox serves", async () => {
    const { productId } = sandbox.shop.addProduct({ title: "Pictured Mug", vendor: "V", productType: "Gear", variants: [{ title: "Default Title", sku: "PM-1", price: "5.00" }] });
    const { productId: bare } = sandbox.shop.addProduct({ title: "Bare Mug", vendor: "V", productType: "Gear", image: false, variants: [{ title: "Default Title", sku: "BM-1", price: "5.00" }] });
    const query = `query ($id: ID!) { product(id: $id) { featuredMedia { alt preview { status image { altText url(transform: { maxWidth: 80 }) } } } } }`;
    const read = async (id: string) => ((await sandbox.adminApi.execute({ query, variables: { id } })).body as { data: { product: { featuredMedia: { alt: string; preview: { status: string; image: { altText: string; url: string } } } | null } } }).data.product.featuredMedia;
    const media = await read(productId);
    expect(media).toEqual({ alt: "Pictured Mug", preview: { status: "READY", image: { altText: "Pictured Mug", url: `${sandbox.url}/cdn/shop/files/pictured-mug.svg?width=80` } } });
    await expect(read(bare)).resolves.toBeNull();
    const image = await fetch(media!.preview.image.url);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/svg+xml");
    expect(await image.text()).toMatch(/^<svg [^>]*>.*<title>Pictured Mug<\/title>/);
    expect((await fetch(`${sandbox.url}/cdn/shop/files/bare-mug.svg`)).status).toBe(404);
  });

  it("serves the stand-in as JavaScript", async () => {
    const response = await fetch(`${sandbox.url}/cdn/app-bridge.js`);
    expect(response.headers.get("content-type")).toContain("javascript");
    expect(await response.text()).toContain("shopify:navigate");
  });
});

describe("the resource picker", () => {
  let tent: { productId: string; variantIds: string[] };
  let lamp: { productId: string; variantIds: string[] };
  let mug: { productId: string; variantIds: string[] };
  type Picked = { picked: { id: string; title: string; handle: string; variants: { id: string; title: string }[] }[]; selectionIsSelf: boolean };
  const pick = (page: Page, options: Record<string, unknown>) => appFrame(page).evaluate((opts) => (window as unknown as { pick(o: unknown): Promise<Picked | string> }).pick(opts), options);
  const dialog = (page: Page, name = "Select products") => page.getByRole("dialog", { name });
  const box = (page: Page, title: string) => page.getByRole("dialog").getByRole("checkbox", { name: title, exact: true });

  beforeAll(() => {
    const shop = sandbox.shop;
    const warehouse = shop.addLocation("Picker Warehouse");
    const product = (title: string, variants: string[]) =>
      shop.addProduct({ title, vendor: "Picker Co", productType: "Gear", variants: variants.map((name, i) => ({ title: name, sku: `${title}-${i}`.toUpperCase().replace(/\W+/g, "-"), price: "10.00", stock: { [warehouse]: 3 } })) });
    tent = product("Alpine Tent", ["Green", "Orange"]);
    lamp = product("Beach Lamp", ["Default Title"]);
    mug = product("Camp Mug", ["Default Title"]);
  });

  it("opens over the admin (outside the app), shows the preselection, searches, and resolves with Shopify's shape", async () => {
    const page = await openShell();
    const answer = pick(page, { type: "product", action: "select", multiple: true, selectionIds: [{ id: lamp.productId }] });
    await dialog(page).waitFor();
    await expect(page.locator("#resource-picker").isVisible()).resolves.toBe(true);
    await expect(appFrame(page).locator("dialog").count()).resolves.toBe(0);
    await expect.poll(() => box(page, "Beach Lamp").isChecked()).toBe(true);
    await expect(box(page, "Alpine Tent").isChecked()).resolves.toBe(false);
    await expect(page.getByRole("status").filter({ hasText: "selected" }).textContent()).resolves.toBe("1 product selected");

    await dialog(page).getByLabel("Search products").fill("tent");
    await expect.poll(() => dialog(page).getByRole("checkbox").count()).toBe(1);
    await box(page, "Alpine Tent").check();
    await dialog(page).getByRole("button", { name: "Select", exact: true }).click();
    await dialog(page).waitFor({ state: "hidden" });

    const result = (await answer) as Picked;
    expect(result.selectionIsSelf).toBe(true);
    expect(result.picked.map((p) => p.title)).toEqual(["Beach Lamp", "Alpine Tent"]);
    expect(result.picked[1]).toMatchObject({
      id: tent.productId,
      handle: "alpine-tent",
      totalVariants: 2,
      variants: [
        { id: tent.variantIds[0], title: "Green", product: { id: tent.productId } },
        { id: tent.variantIds[1], title: "Orange", product: { id: tent.productId } },
      ],
    });
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
    await page.close();
  });

  it("resolves with undefined on Cancel and on Escape, and says 'Add' by default", async () => {
    const page = await openShell();
    const cancelled = pick(page, { type: "product" });
    await dialog(page, "Add products").getByRole("button", { name: "Cancel" }).click();
    await expect(cancelled).resolves.toBe("cancelled");

    const escaped = pick(page, { type: "product", multiple: true });
    await dialog(page, "Add products").waitFor();
    await box(page, "Camp Mug").check();
    await page.keyboard.press("Escape");
    await expect(escaped).resolves.toBe("cancelled");
    await page.close();
  });

  it("picks one product unless multiple is set, and no more than a number given", async () => {
    const page = await openShell();
    const single = pick(page, { type: "product", action: "select" });
    await box(page, "Camp Mug").check();
    await box(page, "Beach Lamp").check();
    await expect(box(page, "Camp Mug").isChecked()).resolves.toBe(false);
    await dialog(page).getByRole("button", { name: "Select", exact: true }).click();
    expect(((await single) as Picked).picked.map((p) => p.id)).toEqual([lamp.productId]);

    const two = pick(page, { type: "product", action: "select", multiple: 2 });
    await box(page, "Camp Mug").check();
    await box(page, "Beach Lamp").check();
    await expect(box(page, "Alpine Tent").isDisabled()).resolves.toBe(true);
    await dialog(page).getByRole("button", { name: "Select", exact: true }).click();
    expect(((await two) as Picked).picked.map((p) => p.id)).toEqual([mug.productId, lamp.productId]);
    await page.close();
  });

  it("refuses resource types the sandbox does not pick, with a clear error", async () => {
    const page = await openShell();
    await expect(pick(page, { type: "collection" })).resolves.toBe('error: shopify.resourcePicker: the sandbox picks products only (type "product"), not "collection"');
    await expect(page.locator("#resource-picker").isVisible()).resolves.toBe(false);
    await page.close();
  });

  it("lists the shop's products for the picker over HTTP: search, by id, and a 400 for ids that are not products", async () => {
    const path = `${sandbox.url}/store/backorder-demo/resource-picker/products`;
    const search = (await (await fetch(`${path}?query=${encodeURIComponent("camp MUG")}`)).json()) as { products: { title: string }[] };
    expect(search.products.map((p) => p.title)).toEqual(["Camp Mug"]);
    const byId = (await (await fetch(`${path}?ids=${mug.productId},gid://shopify/Product/999999,${tent.productId}`)).json()) as { products: { title: string }[] };
    expect(byId.products.map((p) => p.title)).toEqual(["Camp Mug", "Alpine Tent"]);
    const bad = await fetch(`${path}?ids=gid://shopify/Collection/1`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain("product GIDs");
  });
});
