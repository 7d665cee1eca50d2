/**
 * A small method + path router for the sandbox's node:http server, and the
 * body/JSON helpers its handlers share. Enough for a test server; no middleware.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

export type Params = Record<string, string>;

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Params;
}

export type RouteHandler = (context: RouteContext) => Promise<void> | void;

/** Thrown by handlers to answer with a status and a JSON `{ error }` body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body?: unknown,
  ) {
    super(message);
  }
}

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: RouteHandler;
}

export class Router {
  private readonly routes: Route[] = [];

  /** `path` may hold `:name` segments and end in `*` (the rest lands in params["*"]). */
  on(method: string, path: string, handler: RouteHandler): this {
    const names: string[] = [];
    const source = path
      .split("/")
      .map((segment) => {
        if (segment === "*") {
          names.push("*");
          return "(.*)";
        }
        if (segment.startsWith(":")) {
          names.push(segment.slice(1));
          return "([^/]+)";
        }
        return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      })
      .join("/");
    // A trailing "/*" also matches the bare prefix.
    const pattern = new RegExp(`^${source.replace(/\/\(\.\*\)$/, "(?:/(.*))?")}$`);
    this.routes.push({ method: method.toUpperCase(), pattern, names, handler });
    return this;
  }

  /** Runs the matching route; false when none matched the path (405 when only the method differs). */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    let pathMatched = false;
    for (const route of this.routes) {
      const match = route.pattern.exec(url.pathname);
      if (!match) continue;
      pathMatched = true;
      if (route.method !== req.method && !(route.method === "GET" && req.method === "HEAD")) continue;
      const params: Params = {};
      route.names.forEach((name, index) => {
        params[name] = decodeURIComponent(match[index + 1] ?? "");
      });
      await route.handler({ req, res, url, params });
      return true;
    }
    if (pathMatched) {
      sendJson(res, 405, { error: `Method ${req.method} not allowed on ${url.pathname}` });
      return true;
    }
    return false;
  }
}

const MAX_BODY_BYTES = 5 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, "Request body too large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** JSON object body; an empty body is `{}`. Anything else is a 400. */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(req);
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, "Body is not valid JSON");
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new HttpError(400, "Body must be a JSON object");
  return value as Record<string, unknown>;
}

/** JSON or form-encoded object body (OAuth endpoints accept both). */
export async function readJsonOrForm(req: IncomingMessage): Promise<Record<string, unknown>> {
  const type = req.headers["content-type"] ?? "";
  if (type.includes("application/x-www-form-urlencoded")) {
    return Object.fromEntries(new URLSearchParams(await readBody(req)));
  }
  return readJsonObject(req);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body, null, 2);
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, body: string, contentType: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "Content-Type": contentType, "Cache-Control": "no-store", ...headers });
  res.end(body);
}
