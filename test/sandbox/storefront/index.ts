/** The sandbox's online store: Liquid theme, theme app extension blocks, /cart/add checkout stand-in. */
export { createStorefront, toVariantGid, STOREFRONT_CUSTOMER_EMAIL, THEME_ASSETS_PREFIX } from "./storefront";
export type { Storefront, StorefrontOptions } from "./storefront";
export { EXTENSION_ASSETS_PREFIX, loadThemeExtensions, renderAppBlocks, parseBlockFile, defaultSettings } from "./app-blocks";
export type { AppBlock, AppBlockSchema, AppBlockRenderOptions, ThemeExtension } from "./app-blocks";
