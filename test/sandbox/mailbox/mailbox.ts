/**
 * The sandbox's mail server: a real SMTP server (smtp-server) on loopback that keeps every message
 * it accepts, parsed (mailparser), so tests read what customers would receive. Not Shopify: the app
 * sends its notices through any SMTP server, and this one stands in for the merchant's.
 * `down` refuses connections as a server that is not there would (421, RFC 5321 §3.8), until it is up again.
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { simpleParser } from "mailparser";

export interface StoredMessage {
  id: number;
  receivedAt: string;
  /** The envelope: who the SMTP client said it was from and to. */
  envelope: { from: string | null; to: string[] };
  headers: Record<string, string>;
  messageId: string | null;
  from: string | null;
  to: string | null;
  subject: string | null;
  text: string | null;
  html: string | null;
}

export interface Mailbox {
  /** `smtp://127.0.0.1:<port>`: what the app's SMTP_URL points at. */
  url: string;
  messages(): StoredMessage[];
  message(id: number): StoredMessage | undefined;
  clear(): void;
  /** While true the server refuses every connection. */
  setDown(down: boolean): void;
  isDown(): boolean;
  /**
   * Runs once a message is stored, before the server answers that it accepted it: a test can stop
   * the app at the moment between the server's acceptance and the app's record of it.
   */
  onStored(listener: ((message: StoredMessage) => Promise<void> | void) | null): void;
  close(): Promise<void>;
}

const headerText = (value: unknown): string => {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && "text" in value && typeof value.text === "string") return value.text;
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === "object" && "value" in value) return String(value.value);
  return JSON.stringify(value);
};

export async function startMailbox(options: { host?: string; port?: number } = {}): Promise<Mailbox> {
  const stored: StoredMessage[] = [];
  let down = false;
  let listener: ((message: StoredMessage) => Promise<void> | void) | null = null;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onConnect(_session, callback) {
      if (!down) return callback();
      const refused = Object.assign(new Error("Service not available"), { responseCode: 421 });
      callback(refused);
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (parsed) => {
          const headers: Record<string, string> = {};
          for (const [name, value] of parsed.headers) headers[name] = headerText(value);
          const message: StoredMessage = {
            id: stored.length + 1,
            receivedAt: new Date().toISOString(),
            envelope: { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null, to: session.envelope.rcptTo.map((rcpt) => rcpt.address) },
            headers,
            messageId: parsed.messageId ?? null,
            from: parsed.from?.text ?? null,
            to: parsed.to ? (Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(", ") : parsed.to.text) : null,
            subject: parsed.subject ?? null,
            text: parsed.text ?? null,
            html: typeof parsed.html === "string" ? parsed.html : null,
          };
          stored.push(message);
          await listener?.(message);
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.server.address() as AddressInfo;
  return {
    url: `smtp://${options.host ?? "127.0.0.1"}:${address.port}`,
    messages: () => stored.map((message) => ({ ...message })),
    message: (id) => stored.find((message) => message.id === id),
    clear: () => void stored.splice(0),
    setDown: (value) => void (down = value),
    isDown: () => down,
    onStored: (next) => void (listener = next),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
