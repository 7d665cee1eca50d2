// Admin shell (parent page): draws what the app's App Bridge stand-in reports
// (nav, title bar, toasts, loading, save bar), opens the resource picker
// (resource-picker.js) for it, hands out session tokens, and
// keeps the browser URL in step with the app. Messages are accepted only from
// the app iframe's window at the app's origin.
(function () {
  "use strict";
  const CHANNEL = "sandbox-app-bridge";
  const config = JSON.parse(document.getElementById("shell-config").textContent);
  const frame = document.getElementById("app-frame");
  const navBox = document.getElementById("app-nav");
  const homeLink = document.getElementById("app-home-link");
  const titleEl = document.getElementById("app-title");
  const actionsEl = document.getElementById("title-actions");
  const toastsEl = document.getElementById("toasts");
  const loadingEl = document.getElementById("loading");
  const saveBarEl = document.getElementById("save-bar");
  const toastTimers = new Map();
  let homeHref = "/app";
  let currentSaveBar = null;

  function send(message) {
    if (!frame.contentWindow) return;
    frame.contentWindow.postMessage(Object.assign({ channel: CHANNEL }, message), config.appOrigin);
  }

  async function freshToken() {
    const response = await fetch(config.sessionTokenPath, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    if (!response.ok) throw new Error("session token endpoint answered " + response.status);
    return (await response.json()).token;
  }

  function shellPathFor(appPath) {
    return config.shellPathPrefix + (appPath === "/" ? "" : appPath);
  }

  function markCurrent(appPath) {
    const pathOnly = appPath.split("?")[0];
    for (const link of navBox.querySelectorAll("a")) {
      if (link.dataset.appHref === pathOnly) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    }
    if (pathOnly === homeHref) homeLink.setAttribute("aria-current", "page");
    else homeLink.removeAttribute("aria-current");
  }

  function navigateApp(href) {
    send({ type: "navigate", href: href });
  }

  homeLink.addEventListener("click", function (event) {
    event.preventDefault();
    navigateApp(homeHref);
  });

  function renderNav(links) {
    navBox.textContent = "";
    for (const item of links) {
      if (item.rel === "home") {
        homeHref = item.href;
        continue;
      }
      const link = document.createElement("a");
      link.className = "sub";
      link.textContent = item.label;
      link.dataset.appHref = item.href;
      link.href = shellPathFor(item.href);
      link.addEventListener("click", function (event) {
        event.preventDefault();
        navigateApp(item.href);
      });
      navBox.appendChild(link);
    }
  }

  function renderTitleBar(title, buttons) {
    titleEl.textContent = title || config.appName;
    actionsEl.textContent = "";
    (buttons || []).forEach(function (button) {
      const el = document.createElement("button");
      el.type = "button";
      el.textContent = button.label;
      if (button.primary) el.className = "primary";
      el.disabled = Boolean(button.disabled);
      el.addEventListener("click", function () {
        send({ type: "titleBar:action", index: button.index });
      });
      actionsEl.appendChild(el);
    });
  }

  function showToast(id, message, isError, duration) {
    const el = document.createElement("div");
    el.className = "toast" + (isError ? " error" : "");
    el.setAttribute("role", "status");
    el.dataset.toastId = id;
    el.textContent = message;
    toastsEl.appendChild(el);
    toastTimers.set(id, setTimeout(function () { hideToast(id); }, duration || 5000));
  }

  function hideToast(id) {
    clearTimeout(toastTimers.get(id));
    toastTimers.delete(id);
    const el = toastsEl.querySelector('[data-toast-id="' + CSS.escape(id) + '"]');
    if (el) el.remove();
  }

  saveBarEl.addEventListener("click", function (event) {
    const action = event.target && event.target.dataset ? event.target.dataset.action : undefined;
    if (action && currentSaveBar) send({ type: "saveBar:action", id: currentSaveBar, action: action });
  });

  const handlers = {
    ready: function () {},
    "idToken:request": function (message) {
      freshToken().then(
        function (token) { send({ type: "idToken:response", requestId: message.requestId, token: token }); },
        function (error) { send({ type: "idToken:response", requestId: message.requestId, error: String(error) }); },
      );
    },
    nav: function (message) { renderNav(message.links || []); },
    titleBar: function (message) { renderTitleBar(message.title, message.buttons); },
    "toast:show": function (message) { showToast(message.id, message.message, message.isError, message.duration); },
    "toast:hide": function (message) { hideToast(message.id); },
    loading: function (message) { loadingEl.classList.toggle("on", Boolean(message.on)); },
    "resourcePicker:open": function (message) {
      window.sandboxResourcePicker.open(message.options || {}).then(
        function (selection) { send({ type: "resourcePicker:response", requestId: message.requestId, selection: selection || null }); },
        function (error) { send({ type: "resourcePicker:response", requestId: message.requestId, error: String((error && error.message) || error) }); },
      );
    },
    "saveBar:show": function (message) { currentSaveBar = message.id; saveBarEl.classList.add("on"); },
    "saveBar:hide": function (message) {
      if (currentSaveBar !== message.id) return;
      currentSaveBar = null;
      saveBarEl.classList.remove("on");
    },
    // A shopify://admin link in the app: the admin (top frame) goes to its own page for it.
    "admin:navigate": function (message) {
      if (typeof message.path !== "string" || !/^\/[A-Za-z0-9/_-]*$/.test(message.path)) return;
      const target = config.adminPathPrefix + (message.path === "/" ? "" : message.path);
      if (message.newWindow) window.open(target, "_blank", "noopener");
      else location.assign(target);
    },
    // The app has no client router listening: load it afresh at that path.
    reload: function (message) {
      if (typeof message.path === "string" && message.path.startsWith("/")) location.assign(shellPathFor(message.path));
    },
    // Shopify admin keeps its address bar in step with the app's path, so a browser reload opens the
    // same page (https://shopify.dev/docs/api/app-home/apis/user-interface-and-interactions/navigation-api,
    // "Address bar sync"); the sandbox serves /store/{store}/apps/{app}/{path} with the iframe at {path}.
    location: function (message) {
      const shellPath = shellPathFor(message.path);
      if (location.pathname + location.search !== shellPath) history.replaceState(null, "", shellPath);
      markCurrent(message.path);
    },
  };

  window.addEventListener("message", function (event) {
    if (event.origin !== config.appOrigin || event.source !== frame.contentWindow) return;
    const message = event.data;
    if (!message || message.channel !== CHANNEL || typeof message.type !== "string") return;
    const handler = handlers[message.type];
    if (handler) handler(message);
  });

  // The app may have reported before this page was listening: ask it again once loaded.
  frame.addEventListener("load", function () { send({ type: "hello" }); });

  // For tests and people poking at the shell from devtools.
  window.sandboxShell = { navigateApp: navigateApp, config: config };
})();
