// Sandbox stand-in for App Bridge 4 (cdn.shopify.com/shopifycloud/app-bridge.js),
// loaded by the embedded app from the sandbox. It gives the app the `shopify`
// global, patches fetch with session tokens, defines the ui-* elements and talks
// to the sandbox admin shell (the parent window) over postMessage. Plain JS, no build.
(function () {
  "use strict";
  if (window.shopify && window.shopify.__sandbox) return;
  const CHANNEL = "sandbox-app-bridge";
  const STORAGE_KEY = "sandbox-app-bridge-config";
  const script = document.currentScript;
  // The shell is served by the same sandbox as this script: that is the only origin we talk to.
  const shellOrigin = script && script.src ? new URL(script.src).origin : null;
  const embedded = window.parent !== window;
  const params = new URLSearchParams(location.search);
  const meta = document.querySelector('meta[name="shopify-api-key"]');

  const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || "{}");
  const config = {
    apiKey: (script && script.dataset.apiKey) || (meta && meta.content) || stored.apiKey || "",
    shop: params.get("shop") || stored.shop || "",
    host: params.get("host") || stored.host || "",
    locale: params.get("locale") || stored.locale || "en",
    disabledFeatures: [],
  };
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(config));

  // Hidden from the app's own page: Shopify admin draws these outside the iframe.
  // An adopted sheet, not a <style> node: React hydrates the whole document and
  // refuses nodes it did not render.
  const sheet = new CSSStyleSheet();
  sheet.replaceSync("ui-nav-menu, s-app-nav, ui-title-bar, ui-save-bar { display: none !important; }" +
    " ui-modal { display: none; } ui-modal[data-sandbox-open] { display: block; position: fixed; inset: 0;" +
    " background: rgba(0,0,0,.5); z-index: 1000; } ui-modal > .sandbox-modal-content { background: #fff;" +
    " margin: 0 auto; max-width: 620px; padding: 16px; }" +
    // Shopify admin draws a modal's title bar (its heading and buttons) around the content; so does the sandbox.
    " ui-modal[data-sandbox-open] > ui-title-bar { display: flex !important; flex-wrap: wrap; gap: 8px; background: #fff;" +
    " margin: 10vh auto 0; max-width: 620px; padding: 16px; border-radius: 12px 12px 0 0; box-sizing: border-box; }" +
    " ui-modal[data-sandbox-open] > ui-title-bar::before { content: attr(title); flex-basis: 100%; font-weight: 650; }" +
    " ui-modal[data-sandbox-open] > .sandbox-modal-content { border-radius: 0 0 12px 12px; }");
  document.adoptedStyleSheets = document.adoptedStyleSheets.concat([sheet]);

  function post(message) {
    if (!embedded || !shellOrigin) return;
    window.parent.postMessage(Object.assign({ channel: CHANNEL }, message), shellOrigin);
  }

  // ---- session tokens ----
  let cachedToken = null;
  let nextRequestId = 1;
  const pendingTokens = new Map();

  function expiryOf(token) {
    try {
      const part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
      return JSON.parse(atob(part)).exp || 0;
    } catch {
      return 0;
    }
  }

  function requestToken() {
    if (!embedded) return Promise.reject(new Error("App Bridge (sandbox): the app is not embedded in the admin shell"));
    return new Promise(function (resolve, reject) {
      const requestId = String(nextRequestId++);
      const timer = setTimeout(function () {
        pendingTokens.delete(requestId);
        reject(new Error("App Bridge (sandbox): the admin shell did not answer idToken()"));
      }, 10000);
      pendingTokens.set(requestId, { resolve: resolve, reject: reject, timer: timer });
      post({ type: "idToken:request", requestId: requestId });
    });
  }

  function idToken() {
    // Reuse a token while it has more than 15 s to live, as App Bridge does.
    if (cachedToken && cachedToken.exp - 15 > Date.now() / 1000) return Promise.resolve(cachedToken.token);
    return requestToken().then(function (token) {
      cachedToken = { token: token, exp: expiryOf(token) };
      return token;
    });
  }

  // ---- fetch: same-origin requests carry the session token ----
  const originalFetch = window.fetch.bind(window);
  function isAppRequest(request) {
    return new URL(request.url, location.href).origin === location.origin;
  }
  window.fetch = async function (input, init) {
    const base = new Request(input, init);
    if (!embedded || !isAppRequest(base) || base.headers.has("Authorization")) return originalFetch(base);
    async function attempt() {
      const request = base.clone();
      request.headers.set("Authorization", "Bearer " + (await idToken()));
      return originalFetch(request);
    }
    let response = await attempt();
    // shopify-app-remix asks for one retry with a fresh token when the old one was refused.
    if (response.status === 401 && response.headers.get("X-Shopify-Retry-Invalid-Session-Request") === "1") {
      cachedToken = null;
      response = await attempt();
    }
    const reauthorize = response.headers.get("X-Shopify-API-Request-Failure-Reauthorize-Url");
    if (response.status === 401 && reauthorize) window.open(reauthorize, "_top");
    return response;
  };

  // ---- location: the shell mirrors the app's path in the browser URL ----
  const ADMIN_PARAMS = ["embedded", "host", "id_token", "locale", "shop", "timestamp", "hmac", "session", "shopify-reload"];
  function appPath() {
    const url = new URL(location.href);
    ADMIN_PARAMS.forEach(function (name) { url.searchParams.delete(name); });
    const search = url.searchParams.toString();
    return url.pathname + (search ? "?" + search : "");
  }
  let reportedPath = null;
  function reportLocation(force) {
    const path = appPath();
    if (!force && path === reportedPath) return;
    reportedPath = path;
    post({ type: "location", path: path });
  }
  ["pushState", "replaceState"].forEach(function (name) {
    const original = history[name];
    history[name] = function () {
      const result = original.apply(this, arguments);
      reportLocation(false);
      return result;
    };
  });
  window.addEventListener("popstate", function () { reportLocation(false); });

  // Count shopify:navigate listeners, to know whether the app routes client-side.
  let navigateListeners = 0;
  const originalAdd = window.addEventListener;
  const originalRemove = window.removeEventListener;
  window.addEventListener = function (type) {
    if (type === "shopify:navigate") navigateListeners += 1;
    return originalAdd.apply(this, arguments);
  };
  window.removeEventListener = function (type) {
    if (type === "shopify:navigate") navigateListeners = Math.max(0, navigateListeners - 1);
    return originalRemove.apply(this, arguments);
  };

  function normalizedHref(href) {
    const url = new URL(href, location.href);
    return url.origin === location.origin ? url.pathname + url.search : url.href;
  }

  function navigate(href) {
    const anchors = Array.from(document.querySelectorAll("ui-nav-menu a[href], s-app-nav a[href], s-app-nav s-link[href]"));
    let target = anchors.find(function (a) { return normalizedHref(a.getAttribute("href")) === href; });
    if (navigateListeners === 0) {
      // No client router listening: ask the shell to load the app at that path (with a fresh id_token).
      post({ type: "reload", path: href });
      return;
    }
    let temporary = false;
    if (!target) {
      target = document.createElement("a");
      target.setAttribute("href", href);
      target.hidden = true;
      document.body.appendChild(target);
      temporary = true;
    }
    target.dispatchEvent(new CustomEvent("shopify:navigate", { bubbles: true, composed: true }));
    if (temporary) target.remove();
  }

  // ---- links into Shopify admin ----
  // App Bridge's Navigation API: an anchor (or open()) with a shopify://admin/… href
  // takes the admin to that page, e.g. shopify://admin/orders/456 or
  // shopify://admin/products/123 (https://shopify.dev/docs/api/app-home/apis/user-interface-and-interactions/navigation-api);
  // App Home extensions write it shopify:admin/… (…/app-home-ui-extension/…/navigation-api). Both are taken.
  function adminPathOf(href) {
    const match = /^shopify:(?:\/\/)?admin(\/[^?#]*)?/i.exec(String(href || "").trim());
    return match ? match[1] || "/" : null;
  }
  function openInAdmin(path, newWindow) {
    post({ type: "admin:navigate", path: path, newWindow: Boolean(newWindow) });
  }
  // Capture phase at the document: before the app's own handlers, so the click is taken once.
  document.addEventListener("click", function (event) {
    const anchor = event.target && event.target.closest ? event.target.closest("a[href]") : null;
    const path = anchor ? adminPathOf(anchor.getAttribute("href")) : null;
    if (path === null) return;
    event.preventDefault();
    event.stopPropagation();
    openInAdmin(path, anchor.target === "_blank" || event.ctrlKey || event.metaKey);
  }, true);
  const originalOpen = window.open;
  window.open = function (url, target) {
    const path = adminPathOf(url);
    if (path === null) return originalOpen.apply(window, arguments);
    openInAdmin(path, target === "_blank");
    return null;
  };

  // ---- nav menu and title bar, reported to the shell ----
  let reportTimer = null;
  function scheduleReport() {
    if (reportTimer) return;
    reportTimer = setTimeout(function () {
      reportTimer = null;
      reportNav();
      reportTitleBar();
    }, 0);
  }

  function reportNav() {
    const menu = document.querySelector("ui-nav-menu, s-app-nav");
    const links = menu
      ? Array.from(menu.querySelectorAll("a[href], s-link[href]")).map(function (a) {
          return { label: (a.textContent || "").trim(), href: normalizedHref(a.getAttribute("href")), rel: a.getAttribute("rel") || "" };
        })
      : [];
    post({ type: "nav", links: links });
  }

  function titleBarActions(bar) {
    return Array.from(bar.children).filter(function (el) {
      return el.tagName === "BUTTON" || el.tagName === "A";
    });
  }

  function currentTitleBar() {
    const bars = Array.from(document.querySelectorAll("ui-title-bar")).filter(function (bar) { return !bar.closest("ui-modal"); });
    return bars[bars.length - 1] || null;
  }

  function reportTitleBar() {
    const bar = currentTitleBar();
    const buttons = bar
      ? titleBarActions(bar).map(function (el, index) {
          return { index: index, label: (el.textContent || "").trim(), primary: el.getAttribute("variant") === "primary", disabled: el.hasAttribute("disabled") };
        })
      : [];
    post({ type: "titleBar", title: bar ? bar.getAttribute("title") : null, buttons: buttons });
  }

  function observed(Base) {
    return class extends Base {
      connectedCallback() {
        this._observer = new MutationObserver(scheduleReport);
        this._observer.observe(this, { childList: true, subtree: true, attributes: true, characterData: true });
        scheduleReport();
      }
      disconnectedCallback() {
        if (this._observer) this._observer.disconnect();
        scheduleReport();
      }
    };
  }

  class SaveBarElement extends HTMLElement {
    get showing() { return Boolean(this._showing); }
    show() { return this._toggleTo(true); }
    hide() { return this._toggleTo(false); }
    toggle() { return this._toggleTo(!this._showing); }
    disconnectedCallback() { if (this._showing) this.hide(); }
    _toggleTo(on) {
      if (Boolean(this._showing) !== on) {
        this._showing = on;
        post({ type: on ? "saveBar:show" : "saveBar:hide", id: this.id });
        this.dispatchEvent(new Event(on ? "show" : "hide"));
      }
      return Promise.resolve();
    }
  }

  // The real modal renders in the admin; the sandbox draws it over the app's own page.
  class ModalElement extends HTMLElement {
    get content() {
      if (!this._content) {
        this._content = document.createElement("div");
        this._content.className = "sandbox-modal-content";
        this.appendChild(this._content);
      }
      return this._content;
    }
    show() { return this._toggleTo(true); }
    hide() { return this._toggleTo(false); }
    toggle() { return this._toggleTo(!this.hasAttribute("data-sandbox-open")); }
    _toggleTo(on) {
      if (this.hasAttribute("data-sandbox-open") !== on) {
        this.toggleAttribute("data-sandbox-open", on);
        this.dispatchEvent(new Event(on ? "show" : "hide"));
      }
      return Promise.resolve();
    }
  }

  function define(name, constructor) {
    if (!customElements.get(name)) customElements.define(name, constructor);
  }
  define("ui-nav-menu", observed(HTMLElement));
  define("s-app-nav", observed(HTMLElement));
  define("ui-title-bar", observed(HTMLElement));
  define("ui-save-bar", SaveBarElement);
  define("ui-modal", ModalElement);

  // ---- resource picker: Shopify admin draws it outside the app, and so does the shell ----
  const pendingPickers = new Map();

  function resourcePicker(options) {
    const opts = options || {};
    if (opts.type !== "product") return Promise.reject(new Error("shopify.resourcePicker: the sandbox picks products only (type \"product\"), not " + JSON.stringify(opts.type)));
    if (!embedded) return Promise.reject(new Error("App Bridge (sandbox): the app is not embedded in the admin shell"));
    const selectionIds = (opts.selectionIds || []).map(function (resource) { return resource && resource.id; }).filter(function (id) { return typeof id === "string"; });
    const multiple = typeof opts.multiple === "number" && opts.multiple > 0 ? opts.multiple : Boolean(opts.multiple);
    return new Promise(function (resolve, reject) {
      const requestId = String(nextRequestId++);
      pendingPickers.set(requestId, { resolve: resolve, reject: reject });
      post({ type: "resourcePicker:open", requestId: requestId, options: { action: opts.action === "select" ? "select" : "add", multiple: multiple, query: typeof opts.query === "string" ? opts.query : "", selectionIds: selectionIds } });
    });
  }

  // App Bridge's answer is the array of resources, also kept (deprecated) as its `selection`.
  function withSelection(resources) {
    Object.defineProperty(resources, "selection", { value: resources, enumerable: false });
    return resources;
  }

  function byId(tag, id) {
    const el = document.getElementById(id);
    if (!el || el.tagName.toLowerCase() !== tag) return Promise.reject(new Error("No <" + tag + "> with id " + id));
    return Promise.resolve(el);
  }

  // ---- messages from the shell ----
  window.addEventListener("message", function (event) {
    if (event.origin !== shellOrigin || event.source !== window.parent) return;
    const message = event.data;
    if (!message || message.channel !== CHANNEL) return;
    if (message.type === "idToken:response") {
      const pending = pendingTokens.get(message.requestId);
      if (!pending) return;
      pendingTokens.delete(message.requestId);
      clearTimeout(pending.timer);
      if (message.token) pending.resolve(message.token);
      else pending.reject(new Error(message.error || "no token"));
    } else if (message.type === "resourcePicker:response") {
      const pending = pendingPickers.get(message.requestId);
      if (!pending) return;
      pendingPickers.delete(message.requestId);
      if (message.error) pending.reject(new Error(message.error));
      else pending.resolve(Array.isArray(message.selection) ? withSelection(message.selection) : undefined);
    } else if (message.type === "navigate" && typeof message.href === "string") {
      navigate(message.href);
    } else if (message.type === "titleBar:action") {
      const bar = currentTitleBar();
      const el = bar && titleBarActions(bar)[message.index];
      if (el) el.click();
    } else if (message.type === "saveBar:action") {
      const bar = document.getElementById(message.id);
      const buttons = bar ? Array.from(bar.querySelectorAll("button")) : [];
      const save = buttons.find(function (b) { return b.getAttribute("variant") === "primary"; });
      const button = message.action === "save" ? save : buttons.find(function (b) { return b !== save; });
      if (button) button.click();
    } else if (message.type === "hello") {
      reportLocation(true);
      scheduleReport();
    }
  });

  // ---- the global ----
  let nextToastId = 1;
  function unavailable(name) {
    return function () { return Promise.reject(new Error("shopify." + name + " is not available in the sandbox")); };
  }
  window.shopify = {
    __sandbox: true,
    config: config,
    origin: shellOrigin,
    ready: Promise.resolve(),
    environment: { embedded: embedded, mobile: false, pos: false, intent: false },
    idToken: idToken,
    user: function () {
      return idToken().then(function (token) {
        const claims = JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
        return { id: Number(claims.sub), name: "Sandbox Merchant", email: "merchant@sandbox.example", accountAccess: "Account owner" };
      });
    },
    toast: {
      show: function (message, options) {
        const id = "toast-" + nextToastId++;
        const opts = options || {};
        post({ type: "toast:show", id: id, message: String(message), isError: Boolean(opts.isError), duration: opts.duration || 5000 });
        return id;
      },
      hide: function (id) { post({ type: "toast:hide", id: id }); },
    },
    loading: function (isLoading) { post({ type: "loading", on: isLoading !== false }); },
    saveBar: {
      show: function (id) { return byId("ui-save-bar", id).then(function (el) { return el.show(); }); },
      hide: function (id) { return byId("ui-save-bar", id).then(function (el) { return el.hide(); }); },
      toggle: function (id) { return byId("ui-save-bar", id).then(function (el) { return el.toggle(); }); },
      leaveConfirmation: function () { return Promise.resolve(); },
    },
    modal: {
      show: function (id) { return byId("ui-modal", id).then(function (el) { return el.show(); }); },
      hide: function (id) { return byId("ui-modal", id).then(function (el) { return el.hide(); }); },
      toggle: function (id) { return byId("ui-modal", id).then(function (el) { return el.toggle(); }); },
    },
    resourcePicker: resourcePicker,
    picker: unavailable("picker"),
    scanner: { capture: unavailable("scanner.capture") },
    scopes: { query: unavailable("scopes.query"), request: unavailable("scopes.request"), revoke: unavailable("scopes.revoke") },
  };

  // The library's bounce page (/auth/session-token?shopify-reload=…) waits for App Bridge
  // to come back with a fresh id_token; only same-origin targets are followed.
  const reload = params.get("shopify-reload");
  if (reload) {
    const target = new URL(reload, location.href);
    if (target.origin === location.origin) {
      idToken().then(function (token) {
        target.searchParams.set("id_token", token);
        location.replace(target.href);
      });
    }
  }

  post({ type: "ready" });
  reportLocation(true);
})();
