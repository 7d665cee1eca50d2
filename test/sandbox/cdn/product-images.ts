/**
 * Product images, served by the sandbox in place of Shopify's CDN: one small SVG
 * per product (a coloured tile with its initials), so thumbnails work offline.
 */
import type { ProductRecord } from "../state/model";
import type { SandboxShop } from "../state/shop";
import { HttpError, sendText, type Router } from "../http/router";

const IMAGE_PATH = "/cdn/shop/files/";

/**
 * The image's URL. Shopify's `Image.url(transform:)` answers a CDN URL whose
 * query asks for the size ("All transformation options are considered
 * best-effort", Image.url in the 2026-10 schema); the sandbox keeps the size in
 * the query and serves the same small SVG for every size.
 */
export function productImageUrl(shop: SandboxShop, product: ProductRecord, transform?: { maxWidth?: number | null; maxHeight?: number | null } | null): string {
  const size = new URLSearchParams();
  if (transform?.maxWidth) size.set("width", String(transform.maxWidth));
  if (transform?.maxHeight) size.set("height", String(transform.maxHeight));
  const query = size.toString();
  return `${shop.assetOrigin}${IMAGE_PATH}${encodeURIComponent(product.handle)}.svg${query ? `?${query}` : ""}`;
}

const escapeXml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function renderSvg(product: ProductRecord): string {
  const hue = [...product.handle].reduce((sum, c) => (sum * 31 + c.charCodeAt(0)) % 360, 7);
  const initials = product.title.split(/\s+/).filter(Boolean).slice(0, 2).map((word) => word[0]!.toUpperCase()).join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="160" viewBox="0 0 160 160" role="img"><title>${escapeXml(product.title)}</title>` +
    `<rect width="160" height="160" rx="16" fill="hsl(${hue} 45% 82%)"/>` +
    `<text x="80" y="96" text-anchor="middle" font-family="sans-serif" font-size="48" fill="hsl(${hue} 50% 25%)">${escapeXml(initials)}</text></svg>`;
}

/** GET /cdn/shop/files/{handle}.svg: the product's image; 404 for a product without one. */
export function registerProductImageRoute(router: Router, shop: SandboxShop): void {
  router.on("GET", `${IMAGE_PATH}:file`, ({ res, params }) => {
    const handle = decodeURIComponent((params.file ?? "").replace(/\.svg$/, ""));
    const product = [...shop.products.values()].find((candidate) => candidate.handle === handle && candidate.image);
    if (!product) throw new HttpError(404, "No such image in the sandbox");
    sendText(res, 200, renderSvg(product), "image/svg+xml", { "Cache-Control": "public, max-age=3600" });
  });
}
