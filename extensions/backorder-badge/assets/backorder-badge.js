// Follows the shopper's variant choice with the per-variant data the blocks rendered into the
// page (no requests), keeps the back-order line item properties of the product form in step so
// the order records what the shopper was told, and badges product cards for the embed.
(() => {
  // The app block and the app embed both include this file: one run is enough.
  if (window.backorderBadge) return;
  window.backorderBadge = true;

  const cartForm = 'form[action*="/cart/add"]';
  const productForm = (root) => root.closest(cartForm) || document.querySelector(`main ${cartForm}`) || document.querySelector(cartForm);
  const readJson = (element) => JSON.parse((element && element.textContent) || "{}");

  const states = [...document.querySelectorAll("[data-backorder-root]")].map((root) => {
    const form = productForm(root);
    // The wording and its date. Most themes put app blocks beside the form, not in it: the
    // inputs move in, unless the form has them already (block and embed on the same page).
    const properties = [...root.querySelectorAll("[data-backorder-property]")].filter((property) => {
      if (!form || property.form === form) return true;
      const taken = [...form.elements].some((element) => element.name === property.name);
      if (taken) property.remove();
      else form.append(property);
      return !taken;
    });
    const data = readJson(root.querySelector("[data-backorder-variants]"));
    return { form, properties, data, badge: root.querySelector("[data-backorder-status]"), shown: root.dataset.backorderVariant };
  });

  const selectedVariant = (form) => {
    const input = form && form.elements.namedItem("id");
    return (input && input.value) || new URLSearchParams(window.location.search).get("variant");
  };

  function show(state, variantId) {
    if (!variantId || variantId === state.shown) return; // unchanged text would be announced again
    state.shown = variantId;
    const entry = state.data[variantId];
    if (state.badge) {
      state.badge.hidden = !entry;
      state.badge.dataset.backorderStatus = entry ? entry.status : "";
      for (const part of ["label", "detail", "hint", "message"]) {
        const element = state.badge.querySelector(`[data-backorder-${part}]`);
        if (element) element.textContent = entry ? entry[part] : "";
      }
    }
    const backordered = Boolean(entry) && entry.status === "backorder";
    for (const property of state.properties) {
      property.value = (backordered && entry[property.dataset.backorderProperty]) || "";
      property.disabled = !property.value;
    }
  }

  const update = (event) => {
    const detail = event && event.detail;
    const announced = detail && (detail.variantId || (detail.variant && detail.variant.id));
    for (const state of states) show(state, String(announced || selectedVariant(state.form) || ""));
  };
  document.addEventListener("variant:change", update);
  // Themes that only swap the form's `id` input say so with a change event; read it after their handlers.
  document.addEventListener("change", () => setTimeout(update));
  window.addEventListener("popstate", () => update());
  update();

  const cards = readJson(document.querySelector("[data-backorder-cards]"));
  for (const link of document.querySelectorAll('a[href*="/products/"]')) {
    const handle = decodeURIComponent(new URL(link.href).pathname.split("/products/")[1] || "").split("/")[0];
    const card = link.closest("li, article, .card, .product-card") || link.parentElement;
    if (!cards[handle] || !card || card.querySelector(".backorder-card-badge")) continue;
    const badge = document.createElement("span");
    badge.className = "backorder-card-badge";
    badge.textContent = cards[handle];
    link.after(badge);
  }
})();
