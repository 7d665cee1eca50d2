/** The mailbox in the control API: the messages the sandbox's SMTP server received, and taking it down. */
import { HttpError, readJsonObject, sendJson, type Router } from "../http/router";
import type { Mailbox } from "./mailbox";

export const MAIL_ENDPOINTS = [
  { method: "GET", path: "/sandbox/mail", description: "Messages the sandbox's SMTP server received (id, from, to, subject), oldest first" },
  { method: "GET", path: "/sandbox/mail/:id", description: "One message: headers, text and html" },
  { method: "DELETE", path: "/sandbox/mail", description: "Empty the mailbox" },
  { method: "POST", path: "/sandbox/mail/faults", body: "{ down: boolean }", description: "The SMTP server refuses every connection (421) while down" },
];

export function registerMailRoutes(router: Router, mailbox: Mailbox): void {
  router.on("GET", "/sandbox/mail", ({ res }) =>
    sendJson(res, 200, {
      smtpUrl: mailbox.url,
      down: mailbox.isDown(),
      messages: mailbox.messages().map(({ id, receivedAt, from, to, subject, messageId }) => ({ id, receivedAt, from, to, subject, messageId })),
    }),
  );
  router.on("GET", "/sandbox/mail/:id", ({ res, params }) => {
    const message = mailbox.message(Number(params.id));
    if (!message) throw new HttpError(404, `No message ${params.id} in the mailbox`);
    sendJson(res, 200, message);
  });
  router.on("DELETE", "/sandbox/mail", ({ res }) => {
    mailbox.clear();
    sendJson(res, 200, { messages: [] });
  });
  router.on("POST", "/sandbox/mail/faults", async ({ req, res }) => {
    const body = await readJsonObject(req);
    if (typeof body.down !== "boolean") throw new HttpError(400, "down must be true or false");
    mailbox.setDown(body.down);
    sendJson(res, 200, { down: mailbox.isDown() });
  });
}
