/**
 * What Shopify sends about the app itself rather than the shop's data: the
 * uninstall, and the mandatory privacy requests (shaped as Shopify documents
 * them, with numeric ids).
 */
import type { AccessTokenService } from "./auth/access-tokens";
import type { SandboxShop } from "./state/shop";
import type { WebhookDispatcher } from "./webhooks/dispatcher";

export interface AppLifecycle {
  /** The merchant uninstalls the app: its tokens stop working and app/uninstalled is sent. */
  uninstall(): void;
  /** customers/data_request or customers/redact for the customer with this email (their orders included). */
  customerRequest(kind: "data_request" | "redact", email: string): void;
  /** shop/redact, which Shopify sends 48 hours after an uninstall. */
  shopRedact(): void;
  /** Scopes taken back from the app: app/scopes_update is sent. */
  revokeScopes(scopes: readonly string[]): void;
}

export function createAppLifecycle(shop: SandboxShop, webhooks: WebhookDispatcher, tokens: AccessTokenService): AppLifecycle {
  const send = (topic: string, payload: Record<string, unknown>) => webhooks.deliver({ topic, payload, triggeredAt: shop.nowIso() });
  return {
    uninstall() {
      tokens.revokeShop(shop.domain);
      send("app/uninstalled", { id: 1, name: shop.name, email: shop.email, domain: shop.domain, myshopify_domain: shop.domain });
    },
    customerRequest(kind, email) {
      const orders = [...shop.orders.values()].filter((order) => order.customer.email === email);
      const customer = orders[0]?.customer;
      const base = { shop_id: 1, shop_domain: shop.domain, customer: { id: customer?.id ?? 0, email, phone: null } };
      const orderIds = orders.map((order) => order.id);
      if (kind === "redact") send("customers/redact", { ...base, orders_to_redact: orderIds });
      else send("customers/data_request", { ...base, orders_requested: orderIds, data_request: { id: shop.ids.take() } });
    },
    shopRedact() {
      send("shop/redact", { shop_id: 1, shop_domain: shop.domain });
    },
    revokeScopes(scopes) {
      const previous = tokens.revokeScopes(shop.domain, scopes);
      // app/scopes_update: "Occurs whenever the access scopes of any installation are modified" (2026-10
      // WebhookSubscriptionTopic.APP_SCOPES_UPDATE); payload id, previous, current, updated_at.
      send("app/scopes_update", { id: shop.appInstallationId, previous, current: tokens.grantedScopes(shop.domain), updated_at: shop.nowIso() });
    },
  };
}
