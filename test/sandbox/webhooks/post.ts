/**
 * One webhook POST with Shopify's limits: 1 s to connect, 5 s in total. Over
 * node:http by default, because fetch cannot tell a slow connect from a slow answer.
 */
import http from "node:http";
import https from "node:https";

export interface PostResult {
  /** HTTP status, or null when no answer came (refused, timed out, aborted). */
  status: number | null;
  error?: string;
}

export type WebhookPoster = (url: string, headers: Record<string, string>, body: string, signal: AbortSignal) => Promise<PostResult>;

export interface Timeouts {
  connectTimeoutMs: number;
  totalTimeoutMs: number;
}

export function httpPoster({ connectTimeoutMs, totalTimeoutMs }: Timeouts): WebhookPoster {
  return (url, headers, body, outer) =>
    new Promise<PostResult>((resolve) => {
      const connectTimer = new AbortController();
      const signal = AbortSignal.any([outer, AbortSignal.timeout(totalTimeoutMs), connectTimer.signal]);
      const timer = setTimeout(() => connectTimer.abort(new Error(`no connection within ${connectTimeoutMs} ms`)), connectTimeoutMs);
      const target = new URL(url);
      const request = (target.protocol === "https:" ? https : http).request(target, {
        method: "POST",
        headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) },
        signal,
        agent: false, // a fresh connection per delivery, like Shopify; nothing left open after tests
      });
      request.on("socket", (socket) => {
        if (!socket.connecting) clearTimeout(timer);
        else socket.once("connect", () => clearTimeout(timer));
      });
      request.on("response", (response) => {
        response.resume();
        response.on("end", () => resolve({ status: response.statusCode ?? null }));
        response.on("error", (error) => resolve({ status: null, error: reasonOf(signal, error) }));
      });
      request.on("error", (error) => resolve({ status: null, error: reasonOf(signal, error) }));
      request.on("close", () => clearTimeout(timer));
      request.end(body);
    });
}

/** With an injected fetch only the total timeout can be enforced. */
export function fetchPoster(fetchImpl: typeof fetch, { totalTimeoutMs }: Timeouts): WebhookPoster {
  return async (url, headers, body, outer) => {
    const signal = AbortSignal.any([outer, AbortSignal.timeout(totalTimeoutMs)]);
    try {
      const response = await fetchImpl(url, { method: "POST", headers, body, signal });
      await response.arrayBuffer();
      return { status: response.status };
    } catch (error) {
      return { status: null, error: reasonOf(signal, error) };
    }
  };
}

function reasonOf(signal: AbortSignal, error: unknown): string {
  const reason: unknown = signal.aborted ? signal.reason : error;
  return reason instanceof Error ? reason.message : String(reason);
}
