import { describe, expect, it } from "vitest";
import { cancelTokenKey, customerLocaleOf, signCancelToken, verifyCancelToken } from "../../app/domain/cancel-token";
import { customerCancelState } from "../../app/domain/customer-cancel";

const key = cancelTokenKey("the-app-secret");
const claims = { shop: "demo.myshopify.com", lineItemId: "gid://shopify/LineItem/42", locale: "fr" as const };
const issued = new Date("2026-11-01T12:00:00Z");
const daysLater = (days: number) => new Date(issued.getTime() + days * 86_400_000);

describe("cancel link token", () => {
  it("names the shop, the line and the language, and holds until it expires", async () => {
    const token = await signCancelToken(key, claims, { now: issued, days: 30 });
    expect(await verifyCancelToken(key, token, daysLater(29.9))).toEqual({ ok: true, claims });
    expect(await verifyCancelToken(key, token, daysLater(30.1))).toEqual({ ok: false, reason: "expired", locale: "fr" });
  });

  it("refuses a token changed anywhere, signed with another key, or of another kind", async () => {
    const token = await signCancelToken(key, claims, { now: issued, days: 30 });
    const [header, payload, signature] = token.split(".") as [string, string, string];
    const otherLine = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, "base64url").toString()), sub: "gid://shopify/LineItem/43" })).toString("base64url");
    const flipped = signature.slice(0, -2) + (signature.endsWith("A") ? "BA" : "AA");
    for (const forged of [`${header}.${otherLine}.${signature}`, `${header}.${payload}.${flipped}`, `${header}.${payload}.`, "not-a-token", ""]) {
      expect(await verifyCancelToken(key, forged, daysLater(1))).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await verifyCancelToken(cancelTokenKey("another-secret"), token, daysLater(1))).toEqual({ ok: false, reason: "invalid" });
    // An expired token with a bad signature is forged first: it never reads as merely expired.
    expect(await verifyCancelToken(key, `${header}.${otherLine}.${signature}`, daysLater(40))).toEqual({ ok: false, reason: "invalid" });
  });

  it("never signs with the app secret itself, so a Shopify session token is no cancel token", () => {
    expect(Buffer.from(key).toString()).not.toBe("the-app-secret");
    expect(key).toHaveLength(32);
  });

  it("speaks the customer's language when the page has it, English otherwise", () => {
    expect(["fr-CA", "DE", "es_MX", "en-GB", "pt-BR", "", null].map(customerLocaleOf)).toEqual(["fr", "de", "es", "en", "en", "en", "en"]);
  });
});

describe("what a customer may still cancel", () => {
  const line = (over: Partial<{ state: string; merchantAction: string | null; waitingUnits: number }>) => ({ orderName: "#1012", state: "waiting", merchantAction: null, waitingUnits: 2, ...over });
  it("only units still waiting in the queue", () => {
    expect(customerCancelState([line({})])).toMatchObject({ kind: "cancellable", lines: [line({})] });
    expect(customerCancelState([line({ state: "cancelled", merchantAction: "cancelled", waitingUnits: 0 })])).toEqual({ kind: "already_cancelled", orderName: "#1012" });
    for (const gone of [line({ state: "released", waitingUnits: 0 }), line({ state: "fulfilled", waitingUnits: 0 }), line({ merchantAction: "released", waitingUnits: 0 }), line({ waitingUnits: 0 })]) {
      expect(customerCancelState([gone])).toEqual({ kind: "no_longer_waiting", orderName: "#1012" });
    }
    expect(customerCancelState([])).toEqual({ kind: "unknown" });
  });
});
