import "@shopify/shopify-app-remix/adapters/node";
import { ApiVersion, AppDistribution, shopifyApp } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { ADMIN_API_VERSION } from "./api-version";
import prisma from "./db.server";
import { markInstalled } from "./engine/settings.server";
import { routeShopifyRequestsToSandbox } from "./sandbox/route-to-sandbox.server";
import { withSandboxResponses } from "./sandbox/sandbox-responses.server";

routeShopifyRequestsToSandbox();

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; see README "Configuration"`);
  return value;
}

const shopify = shopifyApp({
  apiKey: requiredEnv("SHOPIFY_API_KEY"),
  apiSecretKey: requiredEnv("SHOPIFY_API_SECRET"),
  apiVersion: ADMIN_API_VERSION as ApiVersion,
  scopes: process.env.SCOPES?.split(","),
  appUrl: requiredEnv("SHOPIFY_APP_URL"),
  authPathPrefix: "/auth",
  sessionStorage: new PrismaSessionStorage(prisma),
  distribution: AppDistribution.AppStore,
  hooks: {
    // Runs whenever Shopify hands the app a new offline token: install, reinstall, scope change.
    afterAuth: async ({ session }) => markInstalled(prisma, session.shop),
  },
  future: {
    unstable_newEmbeddedAuthStrategy: true,
    expiringOfflineAccessTokens: true,
  },
  ...(process.env.SHOP_CUSTOM_DOMAIN ? { customShopDomains: [process.env.SHOP_CUSTOM_DOMAIN] } : {}),
});

export default shopify;
export const apiVersion = ADMIN_API_VERSION;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
// The bounce page, exit-iframe page and redirects they throw carry the sandbox's framing in sandbox mode.
export const authenticate = { ...shopify.authenticate, admin: withSandboxResponses(shopify.authenticate.admin) };
export const unauthenticated = shopify.unauthenticated;
export const login = withSandboxResponses(shopify.login);
export const registerWebhooks = shopify.registerWebhooks;
export const sessionStorage = shopify.sessionStorage;
