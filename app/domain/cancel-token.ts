/**
 * The self-service cancel link's token: a JWT (HS256, `jose`) naming one shop and one order line,
 * with an expiry. A standard, well-kept format rather than a hand-made HMAC string: `jose` checks the
 * algorithm, the signature in constant time, `exp`/`iat` and the audience, and the claims are
 * readable JSON. The token is the customer's only credential for the line, so it is signed with a key
 * derived from the app's API secret (never the secret itself, which also signs Shopify's session
 * tokens: a token of one kind can never pass for the other) and names a purpose (`aud`).
 * Reuse is not tracked here: the line's own state makes a second use harmless (already cancelled).
 */
import { createHmac } from "node:crypto";
import { errors, jwtVerify, SignJWT } from "jose";

export const CANCEL_TOKEN_AUDIENCE = "backorder-manager/cancel-line";
/** How long a link works unless configured (`BACKORDER_CANCEL_LINK_DAYS`). */
export const DEFAULT_CANCEL_LINK_DAYS = 30;
/** Languages the customer's page is written in; anything else reads English. */
export const CUSTOMER_LOCALES = ["en", "fr", "de", "es"] as const;
export type CustomerLocale = (typeof CUSTOMER_LOCALES)[number];

export interface CancelClaims {
  shop: string;
  lineItemId: string;
  locale: CustomerLocale;
}

/** An expired token's signature held, so its language is the customer's and the page can speak it. */
export type CancelTokenCheck = { ok: true; claims: CancelClaims } | { ok: false; reason: "expired"; locale: CustomerLocale } | { ok: false; reason: "invalid" };

/** "fr-CA", "FR", "de_DE" → a language the page has; English otherwise. */
export function customerLocaleOf(locale: string | null | undefined): CustomerLocale {
  const language = (locale ?? "").trim().toLowerCase().split(/[-_]/)[0];
  return (CUSTOMER_LOCALES as readonly string[]).includes(language ?? "") ? (language as CustomerLocale) : "en";
}

/** The signing key: HMAC-SHA256 of a fixed label under the app's API secret. */
export function cancelTokenKey(apiSecret: string): Uint8Array {
  if (!apiSecret) throw new Error("The app's API secret is needed to sign cancel links");
  return new Uint8Array(createHmac("sha256", apiSecret).update("backorder-manager cancel link v1").digest());
}

export async function signCancelToken(key: Uint8Array, claims: CancelClaims, options: { now: Date; days: number }): Promise<string> {
  const issuedAt = Math.floor(options.now.getTime() / 1000);
  return new SignJWT({ shop: claims.shop, lng: claims.locale })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(claims.lineItemId)
    .setAudience(CANCEL_TOKEN_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + Math.round(options.days * 86_400))
    .sign(key);
}

/** Checks signature, algorithm, purpose and expiry at `now`; never throws for a bad token. */
export async function verifyCancelToken(key: Uint8Array, token: string, now: Date): Promise<CancelTokenCheck> {
  try {
    const { payload } = await jwtVerify(token, key, { algorithms: ["HS256"], audience: CANCEL_TOKEN_AUDIENCE, currentDate: now, requiredClaims: ["sub", "exp", "iat"] });
    if (typeof payload.shop !== "string" || !payload.shop || !payload.sub) return { ok: false, reason: "invalid" };
    return { ok: true, claims: { shop: payload.shop, lineItemId: payload.sub, locale: customerLocaleOf(typeof payload.lng === "string" ? payload.lng : null) } };
  } catch (error) {
    // Only a token whose signature held can be "expired"; jose checks the signature first.
    if (error instanceof errors.JWTExpired) return { ok: false, reason: "expired", locale: customerLocaleOf(typeof error.payload.lng === "string" ? error.payload.lng : null) };
    return { ok: false, reason: "invalid" };
  }
}
