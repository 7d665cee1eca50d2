import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, DataTable, Layout, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { authenticate } from "../shopify.server";
import { loadStockOverview } from "../models/stock-overview.server";
import { strings } from "../i18n/strings";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { admin } = await authenticate.admin(request);
  return loadStockOverview(admin.graphql);
};

export default function Home() {
  const overview = useLoaderData<typeof loader>();
  const text = strings.home;
  const rows = overview.outOfStock.map((variant) => [
    variant.productTitle,
    variant.variantTitle,
    variant.sku,
    variant.available,
    text.policy[variant.inventoryPolicy],
  ]);
  return (
    <Page title={text.title}>
      <TitleBar title={strings.appName} />
      <Layout>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                {text.shopHeading}
              </Text>
              <Text as="p" variant="bodyLg" fontWeight="semibold">
                {overview.shopName}
              </Text>
              <Text as="p" tone="subdued">
                {overview.shopDomain}
              </Text>
              <Text as="h3" variant="headingSm">
                {text.locationsHeading}
              </Text>
              <ul aria-label={text.locationsHeading}>
                {overview.locations.map((location) => (
                  <li key={location.id}>{location.name}</li>
                ))}
              </ul>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            <BlockStack gap="200">
              <div style={{ padding: "var(--p-space-400) var(--p-space-400) 0" }}>
                <Text as="h2" variant="headingMd">
                  {text.outOfStockHeading} ({overview.outOfStock.length})
                </Text>
              </div>
              {rows.length === 0 ? (
                <div style={{ padding: "var(--p-space-400)" }}>
                  <Text as="p">{text.outOfStockEmpty}</Text>
                </div>
              ) : (
                <DataTable
                  columnContentTypes={["text", "text", "text", "numeric", "text"]}
                  headings={Object.values(text.columns)}
                  rows={rows}
                />
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
