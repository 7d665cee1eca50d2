/**
 * The admin shell page: a stand-in for Shopify admin around the embedded app
 * (nav, title bar, toasts, save bar, loading bar, iframe). Its behaviour lives in
 * shell.js; this renders the markup and the config shell.js reads.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

/** Static browser scripts served as they are (plain JS, no build step). */
export function readShellAsset(name: "shell.js" | "resource-picker.js" | "app-bridge.js"): string {
  return fs.readFileSync(path.join(here, name), "utf8");
}

export interface ShellPageOptions {
  shopName: string;
  shopDomain: string;
  appName: string;
  /** "/store/{store}/apps/{app}" on the sandbox. */
  shellPathPrefix: string;
  /** "/store/{store}": the admin's own pages (orders, products) are under it. */
  adminPathPrefix: string;
  iframeSrc: string;
  appOrigin: string;
  sessionTokenPath: string;
  /** Where the resource picker reads the shop's products. */
  resourcePickerPath: string;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

const STYLES = `
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.4 -apple-system, "Segoe UI", Roboto, sans-serif; background: #f1f1f1; color: #303030; }
  #topbar { height: 48px; background: #1a1a1a; color: #fff; display: flex; align-items: center; padding: 0 16px; gap: 12px; }
  #topbar .store { margin-left: auto; opacity: .8; }
  #loading { height: 3px; background: transparent; }
  #loading.on { background: linear-gradient(90deg, #2c6ecb, #9bc1f5, #2c6ecb); }
  #layout { display: flex; height: calc(100vh - 51px); }
  #nav { width: 240px; padding: 12px 8px; background: #ebebeb; overflow: auto; }
  #nav a { display: block; padding: 6px 10px; border-radius: 8px; color: inherit; text-decoration: none; }
  #nav a[aria-current="page"] { background: #fff; font-weight: 600; }
  #nav .section { margin: 16px 10px 4px; font-size: 12px; color: #616161; }
  #nav .sub { padding-left: 24px; }
  #main { flex: 1; display: flex; flex-direction: column; min-width: 0; }
  #title-bar { display: flex; align-items: center; gap: 8px; padding: 10px 16px; min-height: 52px; }
  #title-bar h1 { font-size: 20px; margin: 0; flex: 1; }
  #title-bar button, #save-bar button { border: 1px solid #c9c9c9; background: #fff; border-radius: 8px; padding: 6px 12px; cursor: pointer; }
  #title-bar button.primary, #save-bar button.primary { background: #303030; color: #fff; }
  #save-bar { display: none; align-items: center; gap: 8px; padding: 8px 16px; background: #1a1a1a; color: #fff; }
  #save-bar.on { display: flex; }
  #save-bar span { flex: 1; }
  iframe { flex: 1; border: 0; width: 100%; background: #fff; }
  #toasts { position: fixed; bottom: 24px; left: 50%; transform: translateX(-50%); display: flex; flex-direction: column; gap: 8px; }
  .toast { background: #1a1a1a; color: #fff; padding: 10px 16px; border-radius: 10px; }
  .toast.error { background: #c70a24; }
  #resource-picker { width: min(620px, 92vw); border: 0; border-radius: 12px; padding: 0; }
  #resource-picker::backdrop { background: rgba(0, 0, 0, .5); }
  #resource-picker .body { display: flex; flex-direction: column; gap: 8px; padding: 16px; }
  #resource-picker h2 { font-size: 16px; margin: 0; }
  #resource-picker input[type=search] { padding: 6px 10px; border: 1px solid #8a8a8a; border-radius: 8px; font: inherit; }
  #resource-picker ul { list-style: none; margin: 0; padding: 0; max-height: 50vh; overflow: auto; border-top: 1px solid #e3e3e3; }
  #resource-picker li { display: flex; align-items: center; gap: 8px; padding: 8px 4px; border-bottom: 1px solid #e3e3e3; }
  #resource-picker li .meta { margin-left: auto; color: #616161; font-size: 12px; }
  #resource-picker .actions { display: flex; justify-content: flex-end; gap: 8px; }
  #resource-picker button { border: 1px solid #c9c9c9; background: #fff; border-radius: 8px; padding: 6px 12px; cursor: pointer; }
  #resource-picker button.primary { background: #303030; color: #fff; }
  #resource-picker button:disabled { opacity: .5; cursor: default; }
`;

/** Shopify admin's resource picker, drawn by resource-picker.js. */
const RESOURCE_PICKER = `<dialog id="resource-picker" aria-labelledby="resource-picker-title">
  <div class="body">
    <h2 id="resource-picker-title">Add products</h2>
    <label for="resource-picker-search">Search products</label>
    <input type="search" id="resource-picker-search" autocomplete="off">
    <p id="resource-picker-status" role="status"></p>
    <ul id="resource-picker-list" aria-label="Products"></ul>
    <div class="actions"><button type="button" id="resource-picker-cancel">Cancel</button><button type="button" class="primary" id="resource-picker-confirm">Add</button></div>
  </div>
</dialog>`;

/** Inline, so the shell asks the sandbox for no /favicon.ico (a 404 in the console). */
const FAVICON = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%23008060'/%3E%3C/svg%3E";

/** A browser script inlined in the page. */
function inlineScript(name: "shell.js" | "resource-picker.js"): string {
  return `<script>${readShellAsset(name).replace(/<\/script/gi, "<\\/script")}</script>`;
}

export function renderShellPage(options: ShellPageOptions): string {
  const config = {
    appOrigin: options.appOrigin,
    appName: options.appName,
    shellPathPrefix: options.shellPathPrefix,
    adminPathPrefix: options.adminPathPrefix,
    sessionTokenPath: options.sessionTokenPath,
    resourcePickerPath: options.resourcePickerPath,
  };
  const name = escapeHtml(options.appName);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${name} · ${escapeHtml(options.shopName)} · Sandbox admin</title>
<style>${STYLES}</style>
<link rel="icon" href="${FAVICON}">
</head>
<body>
<header id="topbar"><strong>Shopify sandbox admin</strong><span class="store" data-shop="${escapeHtml(options.shopDomain)}">${escapeHtml(options.shopName)}</span></header>
<div id="loading" role="progressbar" aria-label="Loading"></div>
<div id="layout">
  <nav id="nav" aria-label="Admin navigation">
    <a href="#" data-disabled="true">Home</a>
    <a href="#" data-disabled="true">Orders</a>
    <a href="#" data-disabled="true">Products</a>
    <div class="section">Apps</div>
    <a id="app-home-link" href="${escapeHtml(options.shellPathPrefix)}">${name}</a>
    <div id="app-nav" role="group" aria-label="${name} navigation"></div>
  </nav>
  <main id="main">
    <div id="save-bar" role="region" aria-label="Save bar"><span>Unsaved changes</span><button type="button" data-action="discard">Discard</button><button type="button" class="primary" data-action="save">Save</button></div>
    <div id="title-bar" role="banner"><h1 id="app-title">${name}</h1><div id="title-actions"></div></div>
    <iframe id="app-frame" title="${name}" name="app-iframe" src="${escapeHtml(options.iframeSrc)}" allow="clipboard-write"></iframe>
  </main>
</div>
<div id="toasts" aria-live="polite"></div>
${RESOURCE_PICKER}
<!-- shell.js is inlined so its message listener exists before the iframe's app can post. -->
<script type="application/json" id="shell-config">${scriptJson(config)}</script>
${inlineScript("resource-picker.js")}
${inlineScript("shell.js")}
</body>
</html>`;
}
