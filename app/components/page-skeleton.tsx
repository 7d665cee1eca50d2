import { BlockStack, Card, Layout, SkeletonBodyText, SkeletonDisplayText, SkeletonPage } from "@shopify/polaris";

/**
 * Whether a navigation leaves the current page for another one. A page that only
 * changes its own search, filters or page number keeps its content (and its
 * own loading state) instead of flashing a skeleton.
 */
export function isLeavingPage(currentPath: string, nextPath: string | undefined): boolean {
  if (nextPath === undefined) return false;
  const trim = (path: string) => path.replace(/\/+$/, "") || "/";
  return trim(currentPath) !== trim(nextPath);
}

/** What the merchant sees while the next page's data loads: its shape, without numbers. */
export function PageSkeleton({ title }: { title: string }) {
  return (
    <SkeletonPage title={title} primaryAction>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {[0, 1].map((card) => (
              <Card key={card}>
                <BlockStack gap="300">
                  <SkeletonDisplayText size="small" />
                  <SkeletonBodyText lines={4} />
                </BlockStack>
              </Card>
            ))}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </SkeletonPage>
  );
}
