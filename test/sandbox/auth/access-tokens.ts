/**
 * The shop side of `POST /admin/oauth/access_token`: token exchange (session
 * token → offline/online access token) and refresh of expiring offline tokens,
 * answering in the shapes @shopify/shopify-api's createSession reads.
 */
import crypto from "node:crypto";
import { InvalidSessionTokenError, verifySessionToken } from "./session-token";

export const TOKEN_EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
export const ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";
export const OFFLINE_TOKEN_TYPE = "urn:shopify:params:oauth:token-type:offline-access-token";
export const ONLINE_TOKEN_TYPE = "urn:shopify:params:oauth:token-type:online-access-token";

// Shopify: expiring offline tokens live 60 minutes, their refresh tokens 90 days; online tokens a day.
export const EXPIRING_OFFLINE_SECONDS = 3600;
export const REFRESH_TOKEN_SECONDS = 90 * 86_400;
export const ONLINE_TOKEN_SECONDS = 86_399;

export interface AccessTokenServiceOptions {
  apiKey: string;
  apiSecret: string;
  scopes: string[];
  now?: () => number;
}

export interface IssuedToken {
  shop: string;
  kind: "offline" | "online";
  accessToken: string;
  /** Epoch ms, or null for non-expiring offline tokens. */
  expiresAt: number | null;
  userId?: string;
  issuedAt: number;
}

export interface TokenResponse {
  status: number;
  body: Record<string, unknown>;
}

interface RefreshRecord {
  shop: string;
  expiresAt: number;
}

function oauthError(status: number, error: string, description: string): TokenResponse {
  return { status, body: { error, error_description: description } };
}

export class AccessTokenService {
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly refreshTokens = new Map<string, RefreshRecord>();
  private readonly scopesByShop = new Map<string, string[]>();
  private readonly now: () => number;

  constructor(private readonly options: AccessTokenServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Handles a parsed access_token request body. `headerShop` is the shop the request was sent to. */
  async handle(body: Record<string, unknown>, headerShop: string | undefined): Promise<TokenResponse> {
    const field = (name: string) => (typeof body[name] === "string" ? (body[name] as string) : undefined);
    if (field("client_id") !== this.options.apiKey) return oauthError(401, "invalid_client", "Unknown client_id");
    if (!safeEqual(field("client_secret") ?? "", this.options.apiSecret)) return oauthError(401, "invalid_client", "Client authentication failed");
    const grant = field("grant_type");
    if (grant === TOKEN_EXCHANGE_GRANT) return this.exchange(body, headerShop);
    if (grant === "refresh_token") return this.refresh(field("refresh_token"), headerShop);
    return oauthError(400, "unsupported_grant_type", `grant_type ${grant ?? "(missing)"} is not supported by the sandbox`);
  }

  private async exchange(body: Record<string, unknown>, headerShop: string | undefined): Promise<TokenResponse> {
    if (body.subject_token_type !== ID_TOKEN_TYPE) return oauthError(400, "invalid_request", `subject_token_type must be ${ID_TOKEN_TYPE}`);
    const requested = body.requested_token_type;
    if (requested !== OFFLINE_TOKEN_TYPE && requested !== ONLINE_TOKEN_TYPE) {
      return oauthError(400, "invalid_request", "requested_token_type must be an offline or online access token type");
    }
    if (typeof body.subject_token !== "string") return oauthError(400, "invalid_subject_token", "subject_token is missing");
    let claims;
    try {
      claims = await verifySessionToken(body.subject_token, {
        apiKey: this.options.apiKey,
        apiSecret: this.options.apiSecret,
        now: this.now(),
        ...(headerShop ? { shop: headerShop } : {}),
      });
    } catch (error) {
      if (error instanceof InvalidSessionTokenError) return oauthError(400, "invalid_subject_token", error.message);
      throw error;
    }
    const shop = new URL(claims.dest).hostname;
    const scope = this.grant(shop);
    if (requested === ONLINE_TOKEN_TYPE) {
      const token = this.issue(shop, "online", ONLINE_TOKEN_SECONDS, claims.sub);
      const userId = Number(claims.sub);
      return {
        status: 200,
        body: {
          access_token: token.accessToken,
          scope,
          expires_in: ONLINE_TOKEN_SECONDS,
          associated_user_scope: scope,
          session: claims.sid,
          associated_user: {
            id: Number.isSafeInteger(userId) ? userId : 1,
            first_name: "Sandbox",
            last_name: "Merchant",
            email: "merchant@sandbox.example",
            email_verified: true,
            account_owner: true,
            locale: "en",
            collaborator: false,
          },
        },
      };
    }
    if (body.expiring === "1" || body.expiring === true) return { status: 200, body: this.expiringOffline(shop, scope) };
    return { status: 200, body: { access_token: this.issue(shop, "offline", null).accessToken, scope } };
  }

  private refresh(refreshToken: string | undefined, headerShop: string | undefined): TokenResponse {
    const record = refreshToken ? this.refreshTokens.get(refreshToken) : undefined;
    if (!refreshToken || !record || record.expiresAt <= this.now() || (headerShop && headerShop !== record.shop)) {
      return oauthError(400, "invalid_grant", "The refresh token is invalid, expired or was already used");
    }
    // Rotation: a refresh token works once, as Shopify's do.
    this.refreshTokens.delete(refreshToken);
    return { status: 200, body: this.expiringOffline(record.shop, this.grant(record.shop)) };
  }

  private expiringOffline(shop: string, scope: string): Record<string, unknown> {
    const token = this.issue(shop, "offline", EXPIRING_OFFLINE_SECONDS);
    const refreshToken = `shprt_${crypto.randomBytes(16).toString("hex")}`;
    this.refreshTokens.set(refreshToken, { shop, expiresAt: this.now() + REFRESH_TOKEN_SECONDS * 1000 });
    return {
      access_token: token.accessToken,
      scope,
      expires_in: EXPIRING_OFFLINE_SECONDS,
      refresh_token: refreshToken,
      refresh_token_expires_in: REFRESH_TOKEN_SECONDS,
    };
  }

  private issue(shop: string, kind: "offline" | "online", lifetimeSeconds: number | null, userId?: string): IssuedToken {
    const prefix = kind === "offline" ? "shpat_" : "shpua_";
    const issuedAt = this.now();
    const token: IssuedToken = {
      shop,
      kind,
      accessToken: `${prefix}${crypto.randomBytes(16).toString("hex")}`,
      expiresAt: lifetimeSeconds === null ? null : issuedAt + lifetimeSeconds * 1000,
      issuedAt,
      ...(userId === undefined ? {} : { userId }),
    };
    this.tokens.set(token.accessToken, token);
    return token;
  }

  /** Installing the app grants the configured scopes (the sandbox has no consent screen). */
  private grant(shop: string): string {
    const scopes = this.scopesByShop.get(shop) ?? [...this.options.scopes];
    this.scopesByShop.set(shop, scopes);
    return scopes.join(",");
  }

  /** The token's record when it was issued for `shop` and has not expired. */
  validToken(shop: string, accessToken: string | undefined): IssuedToken | undefined {
    const token = accessToken ? this.tokens.get(accessToken) : undefined;
    if (!token || token.shop !== shop) return undefined;
    if (token.expiresAt !== null && token.expiresAt <= this.now()) return undefined;
    return token;
  }

  grantedScopes(shop: string): string[] {
    return [...(this.scopesByShop.get(shop) ?? [])];
  }

  /** Shopify takes scopes back (an optional scope revoked, an approval withdrawn); returns the scopes before. */
  revokeScopes(shop: string, scopes: readonly string[]): string[] {
    const previous = this.grantedScopes(shop);
    this.scopesByShop.set(shop, previous.filter((scope) => !scopes.includes(scope)));
    return previous;
  }

  /** Uninstall: every token of the shop stops working. */
  revokeShop(shop: string): void {
    for (const [value, token] of this.tokens) if (token.shop === shop) this.tokens.delete(value);
    for (const [value, record] of this.refreshTokens) if (record.shop === shop) this.refreshTokens.delete(value);
    this.scopesByShop.delete(shop);
  }

  issuedTokens(): IssuedToken[] {
    return [...this.tokens.values()];
  }
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}
