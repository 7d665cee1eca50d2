/** Small HTTP helpers for the storefront: bodies, forms, HTML answers and static files. */
import { existsSync, readFileSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";

const MAX_BODY_BYTES = 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error("request body too large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export interface CartAddLine {
  /** The variant's numeric id, or its GID. */
  id: string;
  quantity: number;
  properties: Record<string, string>;
}

/**
 * Shopify's product form: `id`, `quantity`, `properties[Name]=value`. Blank properties
 * are left out, as Shopify's cart does. JSON bodies (`/cart/add.js`) are accepted too.
 */
export function parseCartAdd(body: string, contentType: string): CartAddLine | null {
  if (contentType.includes("application/json")) {
    const json = JSON.parse(body) as Record<string, unknown>;
    const item = (Array.isArray(json["items"]) ? json["items"][0] : json) as Record<string, unknown> | undefined;
    if (!item || item["id"] === undefined) return null;
    const properties: Record<string, string> = {};
    for (const [key, value] of Object.entries((item["properties"] ?? {}) as Record<string, unknown>)) {
      if (value !== null && value !== undefined && String(value) !== "") properties[key] = String(value);
    }
    return { id: String(item["id"]), quantity: quantityOf(item["quantity"]), properties };
  }
  const form = new URLSearchParams(body);
  const id = form.get("id");
  if (!id) return null;
  const properties: Record<string, string> = {};
  for (const [name, value] of form) {
    const match = /^properties\[(.+)\]$/.exec(name);
    if (match?.[1] && value !== "") properties[match[1]] = value;
  }
  return { id, quantity: quantityOf(form.get("quantity")), properties };
}

function quantityOf(raw: unknown): number {
  if (raw === null || raw === undefined || raw === "") return 1;
  const n = Number(raw);
  return Number.isInteger(n) ? n : Number.NaN;
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Content-Length": Buffer.byteLength(html) });
  res.end(html);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(body) });
  res.end(body);
}

export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { Location: location });
  res.end();
}

const CONTENT_TYPES: Record<string, string> = {
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".woff2": "font/woff2",
};

/** Serves `relative` from inside `baseDir` only; false when there is no such file. */
export function serveFile(res: ServerResponse, baseDir: string, relative: string): boolean {
  const base = path.resolve(baseDir);
  const file = path.resolve(base, relative);
  if (!file.startsWith(base + path.sep) || !existsSync(file) || !statSync(file).isFile()) return false;
  const content = readFileSync(file);
  res.writeHead(200, {
    "Content-Type": CONTENT_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream",
    "Content-Length": content.length,
    "Cache-Control": "no-cache",
  });
  res.end(content);
  return true;
}
