/**
 * Links in the admin's lists: to a resource in Shopify admin (App Bridge takes
 * `shopify://admin/…` hrefs to the admin's own page), to the app's own pages,
 * and a row's primary link as IndexTable expects it (`data-primary-link`: a
 * click anywhere on the row follows it).
 */
import type { ReactNode } from "react";
import { Link, Text, Thumbnail } from "@shopify/polaris";
import { ImageIcon } from "@shopify/polaris-icons";
import { numericIdOf } from "../shopify/ids";


/** The order's page in Shopify admin. */
export const adminOrderUrl = (orderGid: string) => `shopify://admin/orders/${numericIdOf(orderGid)}`;

/** The variant's page in Shopify admin (under its product). */
export const adminVariantUrl = (productGid: string, variantGid: string) => `shopify://admin/products/${numericIdOf(productGid)}/variants/${numericIdOf(variantGid)}`;

/** The app's own page for a variant. */
export const appVariantPath = (variantGid: string) => `/app/variants/${numericIdOf(variantGid)}`;

/** The row's primary link: a click on the row opens it; styled as Polaris' quiet link, not the browser's. */
export function RowPrimaryLink({ url, children }: { url: string; children: string }) {
  return (
    <Link url={url} dataPrimaryLink monochrome removeUnderline>
      <Text as="span" fontWeight="semibold">
        {children}
      </Text>
    </Link>
  );
}

/** A row's own controls and secondary links: their clicks stay theirs instead of opening the row's link. */
export function RowControls({ children }: { children: ReactNode }) {
  return <div onClick={(event) => event.stopPropagation()}>{children}</div>;
}

/** The product's picture beside its name; a neutral icon when the product has none. */
export function ProductThumbnail({ url, alt }: { url: string | null; alt: string }) {
  return <Thumbnail size="small" source={url ?? ImageIcon} alt={alt} />;
}
