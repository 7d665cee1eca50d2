import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import type { SandboxShopApi } from "../state/contract";
import { APP_ID, createFakeShop } from "./fixtures/fake-shop";
import { createStorefront, type StorefrontOptions } from "./storefront";

const EXTENSIONS = fileURLToPath(new URL("./fixtures/extensions", import.meta.url));

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function serve(shop: SandboxShopApi, extra: Partial<StorefrontOptions> = {}) {
  const storefront = createStorefront({ shop, extensionsDir: EXTENSIONS, appId: APP_ID, ...extra });
  const server = createServer((req, res) => {
    storefront
      .handle(req, res)
      .then((handled) => {
        if (!handled) res.writeHead(404, { "X-Not-Storefront": "1" }).end();
      })
      .catch((error: unknown) => res.writeHead(500).end(String(error)));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { storefront, base };
}

function textOf(html: string, selectorClass: string): string | undefined {
  return new RegExp(`class="${selectorClass}"[^>]*>([^<]*)<`).exec(html)?.[1];
}

describe("product page", () => {
  it("renders the product, its variants and availability", async () => {
    const { api } = createFakeShop();
    const { base } = await serve(api);
    const response = await fetch(`${base}/products/canvas-tote`);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(html).toContain("<title>Canvas Tote – Sandbox Supplies</title>");
    expect(textOf(html, "product__title")).toBe("Canvas Tote");
    expect(html).toContain('data-price>$19.99<');
    expect(html).toMatch(/<option value="101" data-price="\$19.99" data-available="true" selected>Natural<\/option>/);
    // CONTINUE with no stock is still available (backorder); DENY with none is sold out.
    expect(html).toMatch(/<option value="102" data-price="\$21.50" data-available="true">Black<\/option>/);
    expect(html).toMatch(/<option value="103" data-price="\$19.99" data-available="false">Red – Sold out<\/option>/);
    expect(html).toContain('<form action="/cart/add" method="post" id="product-form"');
    expect(html).toContain('<select name="id" id="variant-picker"');
    expect(html).toContain('<script src="/theme-assets/variant-picker.js"');
    expect(html).toContain('href="/theme-assets/theme.css"');
  });

  it("selects the variant named by ?variant= and disables buying a sold-out one", async () => {
    const { api } = createFakeShop();
    const { base } = await serve(api);
    const html = await (await fetch(`${base}/products/canvas-tote?variant=103`)).text();
    expect(html).toMatch(/<option value="103"[^>]* selected>/);
    expect(html).toMatch(/data-add-button[^>]* disabled>Sold out<\/button>/);
  });

  it("uses a hidden id input for a single-variant product", async () => {
    const { api } = createFakeShop();
    const { base } = await serve(api);
    const html = await (await fetch(`${base}/products/gift-card`)).text();
    expect(html).toContain('<input type="hidden" name="id" value="201">');
    expect(html).toContain("$1,000.00");
    expect(html).not.toContain("variant-picker\"");
  });

  it("answers 404 for an unknown product and leaves other paths alone", async () => {
    const { api } = createFakeShop();
    const { base } = await serve(api);
    expect((await fetch(`${base}/products/nope`)).status).toBe(404);
    const other = await fetch(`${base}/admin/api/graphql.json`);
    expect(other.headers.get("x-not-storefront")).toBe("1");
  });

  it("lists every product on /collections/all, Shopify's automatic collection, for the theme and app embeds", async () => {
    const { api } = createFakeShop();
    const { base } = await serve(api);
    const response = await fetch(`${base}/collections/all`);
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('<body class="template-collection">');
    expect(html).toContain("<h1>Products</h1>");
    expect(html).toContain('<a href="/products/canvas-tote">Canvas Tote</a>');
    expect(html).toContain('<a href="/products/gift-card">Gift Card</a>');
    // App embeds get the page's collection, with the app's own namespaces resolved.
    expect(textOf(html, "embed-collection")).toBe("all: 2, eta 2026-12-24");
  });

  it("lists products on the home page", async () => {
    const { api } = createFakeShop();
    const { base } = await serve(api);
    const html = await (await fetch(`${base}/`)).text();
    expect(html).toContain('<a href="/products/canvas-tote">Canvas Tote</a>');
    expect(html).toContain("From $19.99");
    expect(html).toContain("$1,000.00");
  });
});

describe("app blocks from theme app extensions", () => {
  it("renders a section block with its default settings, snippets, translations and $app metafields", async () => {
    const { api } = createFakeShop();
    const { base } = await serve(api);
    const html = await (await fetch(`${base}/products/canvas-tote?variant=102`)).text();

    expect(html).toContain('<div id="shopify-block-backorder-fixture-backorder-notice" class="shopify-block shopify-app-block">');
    expect(html).toContain('href="/extensions-assets/backorder-fixture/notice.css"');
    expect(html).toContain("<h3>Ships later</h3>");
    expect(html).toContain('style="color: #333333"');
    expect(textOf(html, "eta")).toBe("Expected to ship on 2026-12-24");
    expect(textOf(html, "full-namespace")).toBe("2026-12-24");
    expect(textOf(html, "policy")).toBe("continue");
    expect(html).toContain('name="properties[Backorder terms]" value="I accept a later delivery"');
    expect(html).toContain('src="/extensions-assets/backorder-fixture/notice.svg"');
    // The block sits inside the product form so its inputs are submitted with it.
    expect(html.indexOf("backorder-notice")).toBeGreaterThan(html.indexOf('id="product-form"'));
    expect(html.indexOf("backorder-notice")).toBeLessThan(html.indexOf("</form>"));
  });

  it("renders app embeds before </body> and skips blocks whose available_if is blank", async () => {
    const { api } = createFakeShop();
    const { base } = await serve(api);
    const html = await (await fetch(`${base}/products/canvas-tote`)).text();
    const embed = html.indexOf('data-app-embed="backorder-fixture-embed" src="/extensions-assets/backorder-fixture/embed.js"');
    expect(embed).toBeGreaterThan(html.indexOf("</main>"));
    expect(embed).toBeLessThan(html.indexOf("</body>"));
    expect(html).not.toContain("never-shown");
    expect(textOf(html, "eta")).toBeUndefined(); // the first variant has no ETA metafield
  });

  it("lets merchant settings override the schema defaults", async () => {
    const { api } = createFakeShop();
    const { storefront } = await serve(api, { blockSettings: { "backorder-fixture/backorder-notice": { heading: "Pre-order", show_terms: false } } });
    const html = (await storefront.renderProduct("canvas-tote")) ?? "";
    expect(html).toContain("<h3>Pre-order</h3>");
    expect(html).not.toContain("properties[Backorder terms]");
  });

  it("serves extension assets and nothing outside assets/", async () => {
    const { api } = createFakeShop();
    const { base } = await serve(api);
    const css = await fetch(`${base}/extensions-assets/backorder-fixture/notice.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toContain("text/css");
    expect((await fetch(`${base}/extensions-assets/backorder-fixture/..%2Fshopify.extension.toml`)).status).toBe(404);
    expect((await fetch(`${base}/extensions-assets/backorder-fixture/missing.js`)).status).toBe(404);
  });

  it("renders without app blocks when no extension exists", async () => {
    const { api } = createFakeShop();
    const { base } = await serve(api, { extensionsDir: fileURLToPath(new URL("./fixtures/no-such-dir", import.meta.url)) });
    const html = await (await fetch(`${base}/products/canvas-tote`)).text();
    expect(html).toContain("Canvas Tote");
    expect(html).not.toContain("shopify-app-block");
  });
});

describe("POST /cart/add", () => {
  async function addToCart(base: string, form: Record<string, string>) {
    return fetch(`${base}/cart/add`, { method: "POST", body: new URLSearchParams(form), redirect: "manual" });
  }

  it("places an order with the line properties and shows the thank-you page", async () => {
    const { api, placed } = createFakeShop();
    const { base } = await serve(api);
    const response = await addToCart(base, {
      id: "102",
      quantity: "2",
      "properties[Backorder terms]": "I accept a later delivery",
      "properties[_backorder]": "102",
      "properties[Empty]": "",
    });

    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/orders/5001");
    expect(placed).toEqual([
      {
        customer: { email: "shopper@example.com" },
        lines: [{ variantId: "gid://shopify/ProductVariant/102", quantity: 2, properties: { "Backorder terms": "I accept a later delivery", _backorder: "102" } }],
      },
    ]);

    const page = await fetch(`${base}/orders/5001`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(textOf(html, "thank-you__name")).toBe("Order #1001");
    expect(html).toContain("Canvas Tote – Black");
    expect(html).toContain("<dt>Backorder terms</dt><dd>I accept a later delivery</dd>");
    expect(html).not.toContain("_backorder"); // private properties stay hidden, as at Shopify's checkout
  });

  it("answers 422 'sold out' when a DENY variant cannot cover the quantity", async () => {
    const { api, placed } = createFakeShop();
    const { base } = await serve(api);
    const response = await addToCart(base, { id: "101", quantity: "6" });
    const html = await response.text();
    expect(response.status).toBe(422);
    expect(html).toContain("<h1>Sold out</h1>");
    expect(html).toContain("TOTE-NAT: only 5 available");
    expect(placed).toHaveLength(0);
  });

  it("rejects a missing id or a bad quantity with 400", async () => {
    const { api } = createFakeShop();
    const { base } = await serve(api);
    expect((await addToCart(base, { quantity: "1" })).status).toBe(400);
    expect((await addToCart(base, { id: "101", quantity: "0" })).status).toBe(400);
  });

  it("accepts Shopify's JSON /cart/add.js and answers JSON", async () => {
    const { api, placed } = createFakeShop();
    const { base } = await serve(api);
    const response = await fetch(`${base}/cart/add.js`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ items: [{ id: 101, quantity: 1, properties: { Note: "gift" } }] }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ order_id: "gid://shopify/Order/5001", name: "#1001", url: "/orders/5001" });
    expect(placed[0]?.lines[0]?.properties).toEqual({ Note: "gift" });
    const refused = await fetch(`${base}/cart/add.js`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ id: 103, quantity: 1 }) });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ status: 422, message: "Sold out" });
  });
});
