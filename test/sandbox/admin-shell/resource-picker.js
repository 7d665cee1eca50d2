// Admin shell: the resource picker dialog Shopify admin opens for the app's
// shopify.resourcePicker({ type: "product" }), drawn over the whole admin (not in
// the app's iframe). Products come from the sandbox; shell.js relays the answer.
// Plain JS, no build; exposes window.sandboxResourcePicker.open(options).
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("shell-config").textContent);
  const dialog = document.getElementById("resource-picker");
  const heading = document.getElementById("resource-picker-title");
  const search = document.getElementById("resource-picker-search");
  const status = document.getElementById("resource-picker-status");
  const list = document.getElementById("resource-picker-list");
  const cancelButton = document.getElementById("resource-picker-cancel");
  const confirmButton = document.getElementById("resource-picker-confirm");
  const SEARCH_DELAY_MS = 200;
  // The picker open now: { resolve, selected: Map(id → product), limit, loads, searchTimer }.
  let session = null;

  async function fetchProducts(params) {
    const response = await fetch(config.resourcePickerPath + "?" + new URLSearchParams(params));
    if (!response.ok) throw new Error("resource picker: the sandbox answered " + response.status);
    return (await response.json()).products;
  }

  function plural(count, word) {
    return count + " " + word + (count === 1 ? "" : "s");
  }

  function showCount() {
    status.textContent = plural(session.selected.size, "product") + " selected";
    confirmButton.disabled = session.selected.size === 0;
  }

  // With a limit above one, a full selection leaves the other boxes disabled; a limit of one swaps.
  function syncBoxes() {
    const full = session.limit > 1 && session.selected.size >= session.limit;
    for (const box of list.querySelectorAll("input[type=checkbox]")) {
      box.checked = session.selected.has(box.value);
      box.disabled = full && !box.checked;
    }
    showCount();
  }

  function toggle(product, checked) {
    if (checked && session.limit === 1) session.selected.clear();
    if (checked) session.selected.set(product.id, product);
    else session.selected.delete(product.id);
    syncBoxes();
  }

  function row(product, index) {
    const item = document.createElement("li");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.id = "resource-picker-item-" + index;
    box.value = product.id;
    const label = document.createElement("label");
    label.htmlFor = box.id;
    label.textContent = product.title;
    const meta = document.createElement("span");
    meta.className = "meta";
    meta.id = box.id + "-meta";
    meta.textContent = plural(product.totalVariants, "variant") + " · " + product.totalInventory + " available";
    box.setAttribute("aria-describedby", meta.id);
    box.addEventListener("change", function () { toggle(product, box.checked); });
    item.append(box, label, meta);
    return item;
  }

  function render(products) {
    list.textContent = "";
    products.forEach(function (product, index) { list.appendChild(row(product, index)); });
    syncBoxes();
    if (products.length === 0) status.textContent = "No products match “" + search.value + "”. " + status.textContent;
  }

  // Only the latest search is shown, whatever order the answers come back in.
  async function load() {
    const current = session;
    const ticket = ++current.loads;
    const products = await fetchProducts({ query: search.value });
    if (session === current && current.loads === ticket) render(products);
  }

  function finish(selection) {
    const current = session;
    if (!current) return;
    session = null;
    clearTimeout(current.searchTimer);
    if (dialog.open) dialog.close();
    current.resolve(selection);
  }

  function fail(error) {
    if (session) status.textContent = "Products could not be loaded: " + error.message;
  }

  search.addEventListener("input", function () {
    if (!session) return;
    clearTimeout(session.searchTimer);
    session.searchTimer = setTimeout(function () { load().catch(fail); }, SEARCH_DELAY_MS);
  });
  cancelButton.addEventListener("click", function () { finish(undefined); });
  confirmButton.addEventListener("click", function () {
    if (session) finish(Array.from(session.selected.values()));
  });
  // Escape closes a modal dialog: that is a cancel.
  dialog.addEventListener("cancel", function (event) {
    event.preventDefault();
    finish(undefined);
  });

  /** Resolves with the chosen products (Shopify's shape), or undefined when cancelled. */
  function open(options) {
    if (session) return Promise.reject(new Error("shopify.resourcePicker: a picker is already open"));
    const multiple = options.multiple === undefined ? false : options.multiple;
    const verb = options.action === "select" ? "Select" : "Add";
    return new Promise(function (resolve) {
      const current = { resolve: resolve, selected: new Map(), limit: multiple === true ? Infinity : Math.max(1, Number(multiple) || 1), loads: 0, searchTimer: null };
      session = current;
      heading.textContent = verb + " products";
      confirmButton.textContent = verb;
      search.value = options.query || "";
      list.textContent = "";
      status.textContent = "Loading products…";
      dialog.showModal();
      search.focus();
      const ids = options.selectionIds || [];
      const preselected = ids.length > 0 ? fetchProducts({ ids: ids.join(",") }) : Promise.resolve([]);
      preselected
        .then(function (products) {
          if (session !== current) return;
          products.slice(0, current.limit).forEach(function (product) { current.selected.set(product.id, product); });
          return load();
        })
        .catch(fail);
    });
  }

  window.sandboxResourcePicker = { open: open };
})();
