/** The sandbox's mail server: what an SMTP client sends is kept and readable through the control API; down refuses it. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import nodemailer from "nodemailer";
import { startSandbox, type Sandbox } from "../server";
import { TEST_APP, TOML_PATH } from "../../support/stack";

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ app: { ...TEST_APP, appUrl: "http://127.0.0.1:9", tomlPath: TOML_PATH } });
});
afterAll(() => sandbox.close());

const send = (subject: string) =>
  nodemailer.createTransport(sandbox.mailbox.url).sendMail({
    from: { name: "Demo Shop", address: "orders@demo.example" },
    to: "ada@example.com",
    subject,
    text: "Plain words",
    html: "<p>Plain <b>words</b></p>",
    headers: { "X-Backorder-Notice": "confirmation" },
  });

const getJson = async (path: string) => {
  const response = await fetch(`${sandbox.url}${path}`, { method: "GET" });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe("the sandbox's mailbox", () => {
  it("keeps each message and serves it: the list, then one with headers, text and html", async () => {
    await send("Your back-order");
    const list = await getJson("/sandbox/mail");
    expect(list.status).toBe(200);
    expect(list.body.messages).toEqual([expect.objectContaining({ id: 1, subject: "Your back-order", from: `"Demo Shop" <orders@demo.example>`, to: "ada@example.com" })]);
    const one = await getJson("/sandbox/mail/1");
    expect(one.body).toMatchObject({ text: "Plain words", html: "<p>Plain <b>words</b></p>", envelope: { from: "orders@demo.example", to: ["ada@example.com"] } });
    expect((one.body.headers as Record<string, string>)["x-backorder-notice"]).toBe("confirmation");
    expect((await getJson("/sandbox/mail/99")).status).toBe(404);
  });

  it("refuses connections while down and takes mail again once up", async () => {
    const down = await fetch(`${sandbox.url}/sandbox/mail/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ down: true }) });
    expect(down.status).toBe(200);
    await expect(send("Lost")).rejects.toThrow(/421|Service not available/);
    await fetch(`${sandbox.url}/sandbox/mail/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ down: false }) });
    await send("Delivered");
    expect(sandbox.mailbox.messages().map((message) => message.subject)).toEqual(["Your back-order", "Delivered"]);
    expect((await fetch(`${sandbox.url}/sandbox/mail`, { method: "DELETE" })).status).toBe(200);
    expect(sandbox.mailbox.messages()).toEqual([]);
  });
});
