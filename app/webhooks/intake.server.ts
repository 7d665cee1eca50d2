/**
 * The webhook intake as a plain Node request handler, in front of Remix (server.ts): a delivery
 * is verified and stored without building a Fetch Request, running Remix's router or loading a
 * session, so an acknowledgement costs a fraction of a millisecond of the web thread.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { BodyTooLargeError, readBoundedNodeBody } from "./bounded-body.server";
import { MAX_WEBHOOK_BODY_BYTES } from "./delivery-guards";
import { receiveDelivery, ROUTED_TOPICS } from "./receive.server";

const PREFIX = "/webhooks/";

function answer(response: ServerResponse, status: number): void {
  response.writeHead(status, { "Content-Length": "0" });
  response.end();
}

/**
 * Handles a POST to a subscribed topic's route and says so; anything else (other methods, other
 * paths, topics the app has no route for) is left to Remix, which answers as it always has.
 */
export function handleWebhookRequest(request: IncomingMessage, response: ServerResponse): boolean {
  if (request.method !== "POST" || !request.url?.startsWith(PREFIX)) return false;
  const path = request.url.split("?", 1)[0]!;
  const routeTopic = path.slice(PREFIX.length);
  if (!ROUTED_TOPICS.has(routeTopic)) return false;
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  readBoundedNodeBody(request, MAX_WEBHOOK_BODY_BYTES)
    .then((body) => receiveDelivery(routeTopic, header, body))
    .then(
      (status) => answer(response, status),
      (error: unknown) => {
        if (error instanceof BodyTooLargeError) return answer(response, 413);
        console.error("[webhooks] intake failed:", error);
        if (!response.headersSent) answer(response, 500);
      },
    );
  return true;
}
