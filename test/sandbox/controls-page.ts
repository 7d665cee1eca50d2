/**
 * `GET /sandbox/controls`: a page for people trying the sandbox, with switches the control API
 * offers as JSON. For now the one a newcomer needs to see the app without Shopify's protected
 * customer data approval: once refused, new orders come without name or email (control-api.ts,
 * `/sandbox/app/access`), and the app's pages say "Customer hidden" for them.
 */
import type { AppAccess } from "./state/app-access";
import { sendText, type Router } from "./http/router";

function controlsPage(customerData: AppAccess["customerData"]): string {
  const approved = customerData === "approved";
  const next = approved ? "refused" : "approved";
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sandbox controls</title>
<style>body { margin: 0; font: 14px/1.5 -apple-system, "Segoe UI", Roboto, sans-serif; background: #f1f1f1; color: #303030; }
main { max-width: 720px; margin: 24px auto; background: #fff; border-radius: 12px; padding: 16px 24px; }
button { font: inherit; padding: 6px 14px; border-radius: 8px; border: 1px solid #8a8a8a; background: #fff; cursor: pointer; }</style></head>
<body><main>
<h1>Sandbox controls</h1>
<h2>Protected customer data</h2>
<p id="customer-data-state">Shopify has <strong>${approved ? "approved" : "refused"}</strong> the app's access to customer names and emails.</p>
<p>${approved
    ? "Refuse it to see the app as it works without that approval: orders placed from now on (in the storefront, say) show as “Customer hidden” in the app."
    : "Orders placed while it is refused show as “Customer hidden” in the app. Approve it again for new orders to carry names and emails."}</p>
<button type="button" id="customer-data-switch" data-next="${next}">${approved ? "Refuse customer data" : "Approve customer data"}</button>
<script>
document.getElementById("customer-data-switch").addEventListener("click", async (event) => {
  const response = await fetch("/sandbox/app/access", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ customerData: event.currentTarget.dataset.next }) });
  if (response.ok) location.reload();
});
</script>
</main></body></html>`;
}

export function registerControlsPage(router: Router, appAccess: AppAccess): void {
  router.on("GET", "/sandbox/controls", ({ res }) => sendText(res, 200, controlsPage(appAccess.customerData), "text/html; charset=utf-8"));
}
