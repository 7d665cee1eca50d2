/**
 * Session tokens (App Bridge's `idToken()`), as Shopify admin mints them:
 * HS256 with the app secret, one minute of life, `aud` = API key.
 */
import crypto from "node:crypto";
import { jwtVerify, SignJWT, type JWTPayload } from "jose";

export interface SessionTokenClaims extends JWTPayload {
  iss: string;
  dest: string;
  aud: string;
  sub: string;
  exp: number;
  nbf: number;
  iat: number;
  jti: string;
  sid: string;
}

export interface MintOptions {
  apiKey: string;
  apiSecret: string;
  shop: string;
  userId?: string | number;
  /** Epoch ms; defaults to Date.now(). */
  now?: number;
  lifetimeSeconds?: number;
  /** A session id stable across tokens of one admin session. */
  sessionId?: string;
}

export const SESSION_TOKEN_LIFETIME_SECONDS = 60;
/** Shopify's libraries accept exp/nbf 10 s off; so does the sandbox. */
export const CLOCK_TOLERANCE_SECONDS = 10;

function secretKey(apiSecret: string): Uint8Array {
  return new TextEncoder().encode(apiSecret);
}

export async function mintSessionToken(options: MintOptions): Promise<string> {
  const nowSeconds = Math.floor((options.now ?? Date.now()) / 1000);
  const claims = {
    iss: `https://${options.shop}/admin`,
    dest: `https://${options.shop}`,
    aud: options.apiKey,
    sub: String(options.userId ?? 1),
    exp: nowSeconds + (options.lifetimeSeconds ?? SESSION_TOKEN_LIFETIME_SECONDS),
    nbf: nowSeconds,
    iat: nowSeconds,
    jti: crypto.randomUUID(),
    sid: options.sessionId ?? crypto.randomUUID(),
  };
  return new SignJWT(claims).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(secretKey(options.apiSecret));
}

export class InvalidSessionTokenError extends Error {}

export interface VerifyOptions {
  apiKey: string;
  apiSecret: string;
  /** Epoch ms used as "now" for exp/nbf. */
  now?: number;
  /** When given, `dest` must be this shop. */
  shop?: string;
}

/** Verifies signature, exp/nbf, aud and dest; returns the claims or throws InvalidSessionTokenError. */
export async function verifySessionToken(token: string, options: VerifyOptions): Promise<SessionTokenClaims> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, secretKey(options.apiSecret), {
      algorithms: ["HS256"],
      audience: options.apiKey,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      ...(options.now === undefined ? {} : { currentDate: new Date(options.now) }),
      requiredClaims: ["exp", "nbf", "iss", "dest", "sub"],
    }));
  } catch (error) {
    throw new InvalidSessionTokenError(`Invalid session token: ${(error as Error).message}`);
  }
  const dest = typeof payload.dest === "string" ? payload.dest : "";
  let destHost: string;
  try {
    destHost = new URL(dest).hostname;
  } catch {
    throw new InvalidSessionTokenError("Invalid session token: dest is not a URL");
  }
  if (options.shop && destHost !== options.shop) throw new InvalidSessionTokenError(`Invalid session token: dest ${dest} is not ${options.shop}`);
  if (payload.iss !== `${dest}/admin`) throw new InvalidSessionTokenError("Invalid session token: iss does not match dest");
  return payload as SessionTokenClaims;
}
