/**
 * The app's HTTP server (`npm start`): Shopify's webhook deliveries go to the intake before Remix
 * (app/webhooks/intake.server.ts); everything else to Remix, served as remix-serve serves it
 * (compression, static assets with the same caching). Usage: node --import tsx app/http-server.ts [build]
 */
import http from "node:http";
import path from "node:path";
import url from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { installGlobals, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import type * as AppEntry from "./entry.server";

process.env.NODE_ENV ??= "production";
const buildFile = path.resolve(process.argv[2] ?? "build/server/index.js");
const build = (await import(url.pathToFileURL(buildFile).href)) as ServerBuild;
// The build's entry module is app/entry.server.tsx, with the intake among its exports.
const entry = build.entry.module as unknown as typeof AppEntry;
installGlobals({ nativeFetch: build.future.v3_singleFetch });

const remix = express();
remix.disable("x-powered-by");
remix.use(compression());
remix.use(build.publicPath, express.static(build.assetsBuildDirectory, { immutable: true, maxAge: "1y" }));
remix.use(express.static("public", { maxAge: "1h" }));
remix.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));

const diagnosticsOn = process.env.BACKORDER_DIAGNOSTICS === "1";
if (diagnosticsOn) entry.startDiagnostics();

const server = http.createServer((request, response) => {
  if (diagnosticsOn && request.method === "GET" && request.url === "/_diagnostics") {
    void entry.diagnostics().then((figures) => response.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(figures)));
    return;
  }
  if (!entry.handleWebhookRequest(request, response)) remix(request, response);
});

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST;
server.listen(port, host, () => console.info(`[server] http://${host ?? "localhost"}:${port}`));

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    server.close();
    void entry.stopWorkerThread().finally(() => process.exit(0));
  });
}
