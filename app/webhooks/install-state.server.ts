/**
 * Whether a destructive delivery (app/uninstalled, shop/redact) is about the app's current
 * installation. Its headers are not signed and a captured body can be sent again, so the
 * delivery's word is checked against what the app and Shopify know.
 */
import type { PrismaClient } from "@prisma/client";
import { HttpResponseError } from "@shopify/shopify-api";
import { SHOP_CLOCK_QUERY } from "../graphql/inventory";
import { adminForShop } from "../jobs/app-worker.server";
import { AdminApiError } from "../shopify/admin-client.server";
import { predatesInstall } from "./delivery-guards";

const TOKEN_REFUSED = new Set([401, 403]);

export async function actsOnCurrentInstall(db: PrismaClient, delivery: { shop: string; topic: string; triggeredAt?: string }): Promise<boolean> {
  const { shop, topic } = delivery;
  const settings = await db.shopSettings.findUnique({ where: { shop }, select: { installedAt: true } });
  if (predatesInstall(delivery.triggeredAt, settings?.installedAt ?? null)) return false;
  // Shopify sends shop/redact 48 hours after an uninstall (https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance#shop-redact);
  // while the app holds a session for the shop, it has been installed again since.
  if (topic === "shop/redact") return (await db.session.count({ where: { shop } })) === 0;
  // Shopify revokes the app's access token on uninstall: a token that still works means the app is installed.
  if (topic === "app/uninstalled") return !(await accessTokenWorks(shop));
  return true;
}

async function accessTokenWorks(shop: string): Promise<boolean> {
  try {
    const admin = await adminForShop(shop);
    if (!admin) return false;
    await admin.request(SHOP_CLOCK_QUERY);
    return true;
  } catch (error) {
    // Refused (the token, or the refresh of an expired one): uninstalled. Anything else (Shopify
    // unreachable) is not an answer; the request fails and Shopify delivers again later.
    if (error instanceof AdminApiError && error.status !== undefined && TOKEN_REFUSED.has(error.status)) return false;
    if (error instanceof HttpResponseError && [400, ...TOKEN_REFUSED].includes(error.response.code)) return false;
    throw error;
  }
}
