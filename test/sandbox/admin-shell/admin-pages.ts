/**
 * The admin's own order and product pages, as plain stand-ins: where an app's
 * `shopify://admin/orders/{id}` and `shopify://admin/products/{id}/variants/{id}`
 * links land ("Navigate to Shopify admin pages … directly to specific resources
 * by appending the resource ID": App Bridge Navigation API,
 * https://shopify.dev/docs/api/app-home/apis/user-interface-and-interactions/navigation-api).
 * Enough to recognise the resource: its name, and what it holds.
 */
import type { SandboxShop } from "../state/shop";
import { HttpError, sendText, type Router } from "../http/router";

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(shop: SandboxShop, title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)} · ${escapeHtml(shop.name)} · Sandbox admin</title>
<style>body { margin: 0; font: 14px/1.4 -apple-system, "Segoe UI", Roboto, sans-serif; background: #f1f1f1; color: #303030; }
header { height: 48px; background: #1a1a1a; color: #fff; display: flex; align-items: center; padding: 0 16px; }
main { max-width: 880px; margin: 24px auto; background: #fff; border-radius: 12px; padding: 16px 24px; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #e3e3e3; }</style></head>
<body><header><strong>Shopify sandbox admin</strong></header><main>${body}</main></body></html>`;
}

const numberParam = (value: string | undefined): number => {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw new HttpError(404, "Not found in the sandbox admin");
  return id;
};

/** GET /store/{store}/orders/{id}, /store/{store}/products/{id} and /store/{store}/products/{id}/variants/{id}. */
export function registerAdminPages(router: Router, shop: SandboxShop, storeHandle: string): void {
  const ownStore = (store: string | undefined) => {
    if (store !== storeHandle) throw new HttpError(404, "No such store in the sandbox");
  };
  router.on("GET", "/store/:store/orders/:id", ({ res, params }) => {
    ownStore(params.store);
    const order = shop.orders.get(numberParam(params.id));
    if (!order) throw new HttpError(404, "No such order in the sandbox");
    const rows = order.lineItems
      .map((item) => `<tr><td>${escapeHtml(item.title)}${item.variantTitle && item.variantTitle !== "Default Title" ? ` – ${escapeHtml(item.variantTitle)}` : ""}</td><td>${item.currentQuantity}</td></tr>`)
      .join("");
    sendText(res, 200, page(shop, `Order ${order.name}`, `<h1>Order ${escapeHtml(order.name)}</h1><p>${escapeHtml(order.customer.firstName ?? "")} ${escapeHtml(order.customer.lastName ?? "")}</p><table><thead><tr><th>Item</th><th>Quantity</th></tr></thead><tbody>${rows}</tbody></table>`), "text/html; charset=utf-8");
  });
  const productPage = (productId: string | undefined, variantId?: string) => {
    const product = shop.products.get(numberParam(productId));
    const variant = variantId === undefined ? null : shop.variants.get(numberParam(variantId));
    if (!product || (variant !== null && variant?.productId !== product.id)) throw new HttpError(404, "No such product or variant in the sandbox");
    const heading = variant ? `${product.title} – ${variant.title}` : product.title;
    const rows = product.variantIds
      .flatMap((id) => {
        const each = shop.variants.get(id);
        return each ? [`<tr${each.id === variant?.id ? ' aria-current="true"' : ""}><td>${escapeHtml(each.title)}</td><td>${escapeHtml(each.sku)}</td><td>${shop.totalAvailable(each.id)}</td></tr>`] : [];
      })
      .join("");
    return page(shop, heading, `<h1>${escapeHtml(heading)}</h1><table><thead><tr><th>Variant</th><th>SKU</th><th>Available</th></tr></thead><tbody>${rows}</tbody></table>`);
  };
  router.on("GET", "/store/:store/products/:id", ({ res, params }) => {
    ownStore(params.store);
    sendText(res, 200, productPage(params.id), "text/html; charset=utf-8");
  });
  router.on("GET", "/store/:store/products/:id/variants/:variantId", ({ res, params }) => {
    ownStore(params.store);
    sendText(res, 200, productPage(params.id, params.variantId), "text/html; charset=utf-8");
  });
}
