/**
 * The back-order badge in Debian's Chromium on the sandbox storefront. Only the sandbox runs:
 * the test writes the variant metafields through the sandbox's Admin API with the engine's
 * own mutations, as the engine would, and restocks through the shop's state.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETE_METAFIELDS, SET_METAFIELDS } from "../../app/graphql/mutations";
import { startSandbox, type Sandbox } from "../sandbox/server";
import { renderAppBlocks } from "../sandbox/storefront/app-blocks";
import { productObject, requestObject, ROUTES } from "../sandbox/storefront/liquid-objects";
import { launchChromium, openPage } from "../support/browser";
import { addBeanie } from "./beanie";
import { ROOT, TEST_APP, TOML_PATH } from "../support/stack";

const DAY = 86_400_000;
const SHIPS_ON = new Date(Date.now() + 40 * DAY).toISOString().slice(0, 10);
/** The extension's English wording for SHIPS_ON ("Ships by December 24, 2026"). */
const SHIPS_BY = `Ships by ${new Date(`${SHIPS_ON}T00:00:00Z`).toLocaleDateString("en-US", { month: "long", day: "numeric", year: "numeric", timeZone: "UTC" })}`;

let sandbox: Sandbox;
let browser: Browser;
let location: string;
let beanie: { sand: string; black: string; red: string };

async function adminApi(query: string, variables: Record<string, unknown>) {
  const response = await sandbox.adminApi.execute({ query, variables });
  const body = response.body as { data?: Record<string, { userErrors?: unknown[] }>; errors?: unknown };
  expect(body.errors).toBeUndefined();
  for (const result of Object.values(body.data ?? {})) expect(result.userErrors).toEqual([]);
}

/** What the engine writes for a variant it manages (app/engine/variant-writes.server.ts). */
const setBackorder = (variantId: string, fields: Record<string, string>) =>
  adminApi(SET_METAFIELDS, {
    metafields: Object.entries(fields).map(([key, value]) => ({ ownerId: variantId, namespace: "$app:backorder", key, type: key === "ships_on" ? "date" : "single_line_text_field", value })),
  });
const clearBackorder = (variantId: string) =>
  adminApi(DELETE_METAFIELDS, { metafields: ["status", "ships_on", "message"].map((key) => ({ ownerId: variantId, namespace: "$app:backorder", key })) });

const numericId = (gid: string) => gid.split("/").pop() ?? "";

beforeAll(async () => {
  // No app runs here: nothing subscribes to webhooks, so orders stay in the sandbox.
  const appUrl = "http://127.0.0.1:9";
  [sandbox, browser] = await Promise.all([startSandbox({ port: 0, app: { ...TEST_APP, appUrl, tomlPath: TOML_PATH }, webhooks: { subscriptions: [] } }), launchChromium()]);
  const { shop } = sandbox;
  location = shop.addLocation("Main warehouse");
  beanie = addBeanie(shop, location);
  const { black, red } = beanie;
  const lantern = shop.addProduct({
    title: "Camp Lantern",
    handle: "camp-lantern",
    vendor: "Lumen Outdoor",
    productType: "Gear",
    variants: [{ title: "Default Title", sku: "LANTERN", price: "59.00", inventoryPolicy: "CONTINUE", stock: { [location]: 0 } }],
  });
  await setBackorder(black, { status: "backorder", ships_on: SHIPS_ON });
  await setBackorder(red, { status: "sold_out" });
  await setBackorder(lantern.variantIds[0] ?? "", { status: "backorder" });
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

/** A page that records every request it makes and every script error. */
async function openStorefront(): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const page = await openPage(browser);
  const requests: string[] = [];
  const errors: string[] = [];
  page.on("request", (request) => requests.push(request.url()));
  page.on("pageerror", (error) => errors.push(error.message));
  return { page, requests, errors };
}

/** Cumulative layout shift so far (Chromium's layout-shift entries not caused by input). */
const layoutShift = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list) => {
          const entries = list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[];
          resolve(entries.filter((entry) => !entry.hadRecentInput).reduce((sum, entry) => sum + entry.value, 0));
        }).observe({ type: "layout-shift", buffered: true });
        setTimeout(() => resolve(0), 300); // no entry at all: nothing moved
      }),
  );

const badge = (page: Page) => page.locator(".backorder-badge__badge");
const badgeText = (page: Page) => badge(page).evaluate((element) => (element.textContent ?? "").replace(/\s+/g, " ").trim());
const liveRegion = (page: Page) => page.locator('.backorder-badge [aria-live="polite"]');
const propertyInputs = (page: Page) => page.locator('#product-form input[name="properties[Back-order]"]');
const dateInputs = (page: Page) => page.locator('#product-form input[name="properties[_backorder_ships_on]"]');

describe("back-order badge on the sandbox storefront", () => {
  it("shows the badge for a back-ordered variant and follows variant switches without any request", async () => {
    const { page, requests, errors } = await openStorefront();
    await page.goto(`${sandbox.url}/products/wool-beanie?variant=${numericId(beanie.black)}`, { waitUntil: "networkidle" });
    await expect(badgeText(page)).resolves.toBe(`Back-order ${SHIPS_BY} You can still order it now.`);
    await expect(liveRegion(page).count()).resolves.toBe(1);
    // Block and embed both render the property input; the form keeps exactly one.
    await expect(propertyInputs(page).count()).resolves.toBe(1);
    await expect(dateInputs(page).count()).resolves.toBe(1);
    await expect(dateInputs(page).inputValue()).resolves.toBe(SHIPS_ON);
    expect(requests.every((url) => url.startsWith(sandbox.url))).toBe(true); // nothing external
    await expect(layoutShift(page)).resolves.toBe(0);

    requests.length = 0;
    await page.selectOption("#variant-picker", numericId(beanie.red));
    await expect.poll(() => badgeText(page)).toBe("Sold out Back-orders are full for now.");
    await expect(propertyInputs(page).isDisabled()).resolves.toBe(true);
    await expect(dateInputs(page).isDisabled()).resolves.toBe(true);

    await page.selectOption("#variant-picker", numericId(beanie.sand));
    await expect.poll(() => badge(page).isHidden()).toBe(true);

    await page.selectOption("#variant-picker", numericId(beanie.black));
    await expect.poll(() => badgeText(page)).toBe(`Back-order ${SHIPS_BY} You can still order it now.`);
    await expect(propertyInputs(page).inputValue()).resolves.toBe(SHIPS_BY);
    await expect(dateInputs(page).inputValue()).resolves.toBe(SHIPS_ON);
    await expect(dateInputs(page).isDisabled()).resolves.toBe(false);
    await expect(page.evaluate(() => new URL(window.location.href).searchParams.get("variant"))).resolves.toBe(numericId(beanie.black));

    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("records what the shopper was told as line item properties of the order (the date hidden from the shopper), and nothing for in-stock variants", async () => {
    const { page, errors } = await openStorefront();
    await page.goto(`${sandbox.url}/products/wool-beanie`);
    await expect(badge(page).isHidden()).resolves.toBe(true);
    await page.selectOption("#variant-picker", numericId(beanie.black));
    await Promise.all([page.waitForURL(/\/orders\/\d+$/), page.click("[data-add-button]")]);
    // The date's property starts with an underscore: the order page shows only the wording.
    await expect(page.locator(".line-item__properties").innerText()).resolves.toBe(`Back-order\n${SHIPS_BY}`);

    await page.goto(`${sandbox.url}/products/wool-beanie`);
    await Promise.all([page.waitForURL(/\/orders\/\d+$/), page.click("[data-add-button]")]);

    const orders = sandbox.shop.snapshot().orders.slice(-2);
    expect(orders.map((order) => order.lineItems.map((line) => [line.variantId, line.properties]))).toEqual([
      [[beanie.black, { "Back-order": SHIPS_BY, _backorder_ships_on: SHIPS_ON }]],
      [[beanie.sand, {}]],
    ]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows nothing once the variant is restocked and the engine has removed its metafields", async () => {
    const { page } = await openStorefront();
    const blackPage = `${sandbox.url}/products/wool-beanie?variant=${numericId(beanie.black)}`;
    await page.goto(blackPage);
    await expect(badge(page).isVisible()).resolves.toBe(true);

    sandbox.shop.setAvailable(beanie.black, location, 12);
    await clearBackorder(beanie.black);
    await page.reload();
    await expect(badge(page).isHidden()).resolves.toBe(true);
    await expect(propertyInputs(page).isDisabled()).resolves.toBe(true);
    await expect(dateInputs(page).isDisabled()).resolves.toBe(true);
    const data = JSON.parse((await page.locator("[data-backorder-variants]").first().textContent()) ?? "{}") as Record<string, unknown>;
    expect(Object.keys(data)).toEqual([numericId(beanie.red)]);

    await setBackorder(beanie.black, { status: "backorder", ships_on: SHIPS_ON }); // as the other tests found it
    await page.close();
  });

  it("reaches the cart from a theme that puts app blocks beside the form and adds to cart with fetch (like Dawn)", async () => {
    const { page, errors } = await openStorefront();
    // Any sandbox page without our script: the sandbox's origin, so the relative URLs below reach it.
    await page.goto(`${sandbox.url}/orders/0`);
    const product = sandbox.shop.storefrontProduct("wool-beanie");
    if (!product) throw new Error("no beanie");
    const variables = {
      request: requestObject("localhost", "/products/wool-beanie", "product", "en"),
      routes: ROUTES,
      product: productObject(product, { appId: "1", appAlias: true, selectedVariantId: beanie.black }),
    };
    const block = await renderAppBlocks(`${ROOT}/extensions`, "section", { variables, locale: "en" });
    await page.setContent(`<main>
      <form action="/cart/add" method="post" id="product-form-main"><input type="hidden" name="id" value="${numericId(beanie.black)}"><button>Add</button></form>
      ${block}
    </main>
    <script>
      document.querySelector("form").addEventListener("submit", async (event) => {
        event.preventDefault();
        const answer = await fetch("/cart/add.js", { method: "POST", body: new URLSearchParams(new FormData(event.target)) });
        document.body.dataset.cart = JSON.stringify(await answer.json());
      });
    </script>`);
    await page.waitForFunction(() => document.querySelector("#product-form-main [data-backorder-property]"));
    await page.click("#product-form-main button");
    await page.waitForFunction(() => document.body.dataset.cart);
    expect(sandbox.shop.snapshot().orders.at(-1)?.lineItems[0]?.properties).toEqual({ "Back-order": SHIPS_BY, _backorder_ships_on: SHIPS_ON });

    // The theme swaps the id input and says so with a change event: the property follows.
    await page.evaluate((id) => {
      const input = document.querySelector<HTMLInputElement>('#product-form-main [name="id"]');
      if (input) input.value = id;
      input?.dispatchEvent(new Event("change", { bubbles: true }));
    }, numericId(beanie.sand));
    await expect.poll(() => page.locator("#product-form-main [data-backorder-property]").evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).disabled))).toEqual([true, true]);
    await expect.poll(() => badge(page).isHidden()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("badges collection cards for the whole product: back-order when nothing ships now, some options when others do", async () => {
    const { page, errors } = await openStorefront();
    await page.goto(`${sandbox.url}/collections/all`);
    const card = (name: string) => page.locator(".product-card").filter({ hasText: name });
    await expect(card("Camp Lantern").locator(".backorder-card-badge").innerText()).resolves.toBe("Back-order");
    // The beanie's card shows its first available variant (Sand, in stock); Black is on back-order, Red sold out.
    await expect(card("Wool Beanie").locator(".backorder-card-badge").innerText()).resolves.toBe("Some options on back-order");
    await expect(card("Wool Beanie").locator(".backorder-card-badge").count()).resolves.toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
