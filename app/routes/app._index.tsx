import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, EmptyState, InlineGrid, Layout, Link, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import prisma from "../db.server";
import { authenticate } from "../shopify.server";
import { loadDashboard } from "../models/dashboard.server";
import { formatMoney, formatNumber } from "../i18n/format";
import { loadStockOverview } from "../models/stock-overview.server";
import { loadHomeCharts } from "../models/home-charts.server";
import { HomeCharts } from "../components/home-charts";
import { strings } from "../i18n/strings";
import { useShopDates } from "../components/use-shop-dates";
import { loadPromiseAccuracy } from "../models/promise-accuracy.server";
import { accuracyPeriodOf } from "../domain/promise-accuracy";
import { HomePromiseAccuracy } from "../components/promise-accuracy";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  const days = accuracyPeriodOf(new URL(request.url).searchParams.get("period"));
  const [dashboard, overview, charts, promiseAccuracy] = await Promise.all([
    loadDashboard(prisma, session.shop),
    loadStockOverview(admin.graphql),
    loadHomeCharts(prisma, session.shop),
    loadPromiseAccuracy(prisma, session.shop, { days }),
  ]);
  return {
    dashboard,
    valueWaiting: formatMoney(dashboard.valueWaiting, overview.currencyCode),
    shop: { name: overview.shopName, domain: overview.shopDomain, locations: overview.locations },
    charts,
    currencyCode: overview.currencyCode,
    promiseAccuracy,
  };
};

/** Where each figure's tile leads: the list of what it counts. */
const BACKORDERED = "status=backorder,sold_out";
export const TILE_TARGETS = {
  backorderedVariants: `/app/variants?${BACKORDERED}`,
  waitingOrders: "/app/orders",
  waitingUnits: `/app/variants?${BACKORDERED}&sort=waiting&direction=desc`,
  valueWaiting: `/app/variants?${BACKORDERED}&sort=value&direction=desc`,
  oldestWait: `/app/variants?${BACKORDERED}&sort=age&direction=desc`,
  nextRestock: `/app/variants?${BACKORDERED}&sort=eta&direction=asc`,
  incoming: `/app/variants?${BACKORDERED}&sort=eta&direction=asc`,
} as const;

/** One figure; the whole tile is a link to what it counts. */
function Figure({ label, value, url }: { label: string; value: string; url: string }) {
  return (
    <Card>
      <div role="group" aria-label={label}>
        <Link url={url} monochrome removeUnderline>
          <BlockStack gap="100">
            <Text as="h3" variant="headingSm" tone="subdued">
              {label}
            </Text>
            <Text as="p" variant="headingLg" fontWeight="semibold">
              {value}
            </Text>
          </BlockStack>
        </Link>
      </div>
    </Card>
  );
}

export default function Home() {
  const { dashboard, valueWaiting, shop, charts, currencyCode, promiseAccuracy } = useLoaderData<typeof loader>();
  const { formatDate, formatDateTime } = useShopDates();
  const text = strings.dashboard;
  const { alerts } = dashboard;
  const hasAlerts = alerts.atCap + alerts.etaPassed + alerts.deadJobs + alerts.unreadableOrders > 0;
  return (
    <Page>
      <TitleBar title={strings.home.title} />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {dashboard.empty ? (
              <Card>
                <EmptyState heading={text.emptyHeading} image="" action={{ content: text.emptyAction, url: "/app/settings" }}>
                  <p>{text.emptyBody}</p>
                </EmptyState>
              </Card>
            ) : (
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {text.figuresHeading}
                </Text>
                <InlineGrid columns={{ xs: 2, md: 3 }} gap="300">
                  <Figure label={text.backorderedVariants} url={TILE_TARGETS.backorderedVariants} value={formatNumber(dashboard.backorderedVariants)} />
                  <Figure label={text.waitingOrders} url={TILE_TARGETS.waitingOrders} value={formatNumber(dashboard.waitingOrders)} />
                  <Figure label={text.waitingUnits} url={TILE_TARGETS.waitingUnits} value={formatNumber(dashboard.waitingUnits)} />
                  <Figure label={text.valueWaiting} url={TILE_TARGETS.valueWaiting} value={valueWaiting} />
                  <Figure label={text.oldestWait} url={TILE_TARGETS.oldestWait} value={dashboard.oldestWaitDays === null ? text.none : text.days(dashboard.oldestWaitDays)} />
                  <Figure label={text.nextRestock} url={TILE_TARGETS.nextRestock} value={dashboard.nextRestock ? formatDate(dashboard.nextRestock) : text.none} />
                  <Figure label={text.incoming} url={TILE_TARGETS.incoming} value={text.units(dashboard.incomingUnits)} />
                </InlineGrid>
              </BlockStack>
            )}
            {hasAlerts && (
              <Banner tone={alerts.deadJobs > 0 ? "critical" : "warning"} title={text.alertsHeading}>
                <BlockStack gap="100">
                  {[
                    { name: "atCap", count: alerts.atCap, says: text.atCap, url: "/app/variants?status=sold_out", action: text.viewAtCap },
                    { name: "etaPassed", count: alerts.etaPassed, says: text.etaPassed, url: "/app/orders?overdue=1", action: text.viewEtaPassed },
                    { name: "deadJobs", count: alerts.deadJobs, says: text.deadJobs, url: "/app/activity", action: text.viewActivity },
                    { name: "unreadableOrders", count: alerts.unreadableOrders, says: text.unreadableOrders, url: "/app/activity", action: text.viewActivity },
                  ]
                    .filter((alert) => alert.count > 0)
                    .map((alert) => (
                      <Text as="p" key={alert.name}>
                        {alert.says(alert.count)}{" "}
                        <Button variant="plain" url={alert.url}>
                          {alert.action}
                        </Button>
                      </Text>
                    ))}
                </BlockStack>
              </Banner>
            )}
            <HomeCharts charts={charts} currencyCode={currencyCode} />
            <HomePromiseAccuracy accuracy={promiseAccuracy} />
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {text.activityHeading}
                </Text>
                {dashboard.activity.length === 0 ? (
                  <Text as="p" tone="subdued">
                    {text.noActivity}
                  </Text>
                ) : (
                  <ul aria-label={text.activityHeading} style={{ margin: 0, paddingInlineStart: "1rem" }}>
                    {dashboard.activity.map((entry) => (
                      <li key={entry.id}>
                        <Text as="span" tone="subdued">
                          {formatDateTime(entry.at)}
                        </Text>{" "}
                        <Badge tone={entry.critical ? "critical" : undefined}>{entry.label}</Badge> {entry.sentence}
                      </li>
                    ))}
                  </ul>
                )}
                <Button variant="plain" url="/app/activity">
                  {text.viewActivity}
                </Button>
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                {strings.home.shopHeading}
              </Text>
              <Text as="p" variant="bodyLg" fontWeight="semibold">
                {shop.name}
              </Text>
              <Text as="p" tone="subdued">
                {shop.domain}
              </Text>
              <Text as="h3" variant="headingSm">
                {strings.home.locationsHeading}
              </Text>
              <ul aria-label={strings.home.locationsHeading}>
                {shop.locations.map((location) => (
                  <li key={location.id}>{location.name}</li>
                ))}
              </ul>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
