/**
 * The one Admin API version the app, its generated types, the sandbox and
 * shopify.app.toml agree on. A test checks the toml against this constant.
 */
export const ADMIN_API_VERSION = "2026-10" as const;
