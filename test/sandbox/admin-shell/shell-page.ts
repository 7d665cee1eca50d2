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
export function readShellAsset(name: "shell.js" | "app-bridge.js"): string {
  return fs.readFileSync(path.join(here, name), "utf8");
}

export interface ShellPageOptions {
  shopName: string;
  shopDomain: string;
  appName: string;
  /** "/store/{store}/apps/{app}" on the sandbox. */
  shellPathPrefix: string;
  iframeSrc: string;
  appOrigin: string;
  sessionTokenPath: string;
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
`;

export function renderShellPage(options: ShellPageOptions): string {
  const config = {
    appOrigin: options.appOrigin,
    appName: options.appName,
    shellPathPrefix: options.shellPathPrefix,
    sessionTokenPath: options.sessionTokenPath,
  };
  const name = escapeHtml(options.appName);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${name} · ${escapeHtml(options.shopName)} · Sandbox admin</title>
<style>${STYLES}</style>
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
<!-- shell.js is inlined so its message listener exists before the iframe's app can post. -->
<script type="application/json" id="shell-config">${scriptJson(config)}</script>
<script>${readShellAsset("shell.js").replace(/<\/script/gi, "<\\/script")}</script>
</body>
</html>`;
}
