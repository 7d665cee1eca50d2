/**
 * Home's charts: what waited over the last 90 days, waiting against incoming
 * per variant, and how long orders have waited. The server renders each as a
 * table, so the page reads without JavaScript and hydration sees the same
 * markup; once React runs in the browser the Polaris Viz chart takes its
 * place, with a hidden copy of the table for screen readers and a button to
 * show the table instead.
 */
import { lazy, Suspense, useState, useSyncExternalStore, type ReactNode } from "react";
import { BlockStack, Box, Button, Card, DataTable, InlineGrid, InlineStack, Link, SkeletonBodyText, Text } from "@shopify/polaris";
import type { HomeCharts as HomeChartsData } from "../models/home-charts.server";
import type { ChartVisualProps } from "./home-chart-visual.client";
import { useShopDates } from "./use-shop-dates";
import { strings } from "../i18n/strings";
import { formatMoney, formatNumber } from "../i18n/format";

export const ChartVisual = lazy(() => import("./home-chart-visual.client"));

const text = strings.charts;

/** Hundredths of the shop's currency, written in that currency ("compact" for an axis: "$1.2K"). */
const formatCents = (cents: number, currencyCode: string, options: { compact?: boolean } = {}) => formatMoney(cents / 100, currencyCode, options);

const SHORT_DAY = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });
/** "Mar 6" for an ISO date: a calendar day, read in UTC so no time zone moves it. */
export const shortDay = (isoDate: string) => SHORT_DAY.format(new Date(`${isoDate}T00:00:00Z`));
const wholeNumber = (value: number) => formatNumber(Math.round(value));
/** A count axis may place ticks between whole numbers: those stay unlabelled rather than read "1, 1, 2, 2". */
const countTick = (value: number) => (Number.isInteger(value) ? wholeNumber(value) : "");

/** Room for the bar groups and the value axis; never below the library's own minimum (200px), which would overflow the card. */
const barsHeight = (groups: number, perGroup: number) => Math.max(220, 60 + perGroup * groups);

/** Polaris Viz's first two light-theme series colours, set here so the cards' legends match the bars. */
export const SERIES_COLORS = ["#13ACF0", "#6A42E9"] as const;

const neverChanges = () => () => {};
/** True once React runs in the browser; false on the server and in the render that hydrates it. */
const useInBrowser = (): boolean => useSyncExternalStore(neverChanges, () => true, () => false);

interface ChartCardProps {
  title: string;
  description: string;
  /** What to say instead of a chart when there is nothing to draw. */
  emptyMessage: string | null;
  /** The table's rows; `visible` is false for the copy only screen readers get, which must hold nothing to tab to. */
  table: { headings: string[]; types: ("text" | "numeric")[]; rows: (visible: boolean) => ReactNode[][] };
  children: ReactNode;
}

export function ChartCard({ title, description, emptyMessage, table, children }: ChartCardProps) {
  const inBrowser = useInBrowser();
  const [asTable, setAsTable] = useState(false);
  const showChart = inBrowser && !asTable;
  return (
    <Card>
      <section aria-label={title}>
        <BlockStack gap="300">
          <Text as="h3" variant="headingSm">
            {title}
          </Text>
          {emptyMessage !== null ? (
            <Text as="p" tone="subdued">
              {emptyMessage}
            </Text>
          ) : (
            <>
              <Text as="p" tone="subdued">
                {description}
              </Text>
              {showChart ? (
                <>
                  <Suspense fallback={<SkeletonBodyText lines={6} />}>{children}</Suspense>
                  <ScreenReaderTable headings={table.headings} rows={table.rows(false)} />
                </>
              ) : (
                <DataTable headings={table.headings} columnContentTypes={table.types} rows={table.rows(true)} increasedTableDensity hideScrollIndicator />
              )}
              {inBrowser && (
                <Box>
                  <Button variant="plain" onClick={() => setAsTable(!asTable)}>
                    {asTable ? text.showChart : text.showTable}
                  </Button>
                </Box>
              )}
            </>
          )}
        </BlockStack>
      </section>
    </Card>
  );
}

/**
 * The chart's table for screen readers while the chart is shown (the chart is hidden from them: see
 * home-chart-visual.client.tsx). Plain HTML: Polaris' DataTable squeezed out of sight becomes a scroll box.
 */
function ScreenReaderTable({ headings, rows }: { headings: string[]; rows: ReactNode[][] }) {
  return (
    <Box visuallyHidden>
      <table>
        <thead>
          <tr>
            {headings.map((heading) => (
              <th key={heading} scope="col">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((cells, row) => (
            <tr key={row}>
              {cells.map((cell, column) => (column === 0 ? <th key={column} scope="row">{cell}</th> : <td key={column}>{cell}</td>))}
            </tr>
          ))}
        </tbody>
      </table>
    </Box>
  );
}

/** Which colour is which series (the library's own legend misdraws: see home-chart-visual.client.tsx); the table names them for screen readers. */
function Legend({ names }: { names: string[] }) {
  return (
    <div aria-hidden="true">
      <InlineStack gap="400">
        {names.map((name, index) => (
          <InlineStack key={name} gap="100" blockAlign="center">
            <span style={{ display: "inline-block", width: 10, height: 10, borderRadius: 2, background: SERIES_COLORS[index] }} />
            <Text as="span" variant="bodySm" tone="subdued">
              {name}
            </Text>
          </InlineStack>
        ))}
      </InlineStack>
    </div>
  );
}

/** A chart's name above it (the library draws none). */
function Captioned({ caption, children }: { caption: string; children: ReactNode }) {
  return (
    <BlockStack gap="100">
      <Text as="p" variant="bodySm" fontWeight="medium">
        {caption}
      </Text>
      {children}
    </BlockStack>
  );
}

function HistoryCard({ history, currencyCode }: { history: HomeChartsData["history"]; currencyCode: string }) {
  const { formatDate } = useShopDates();
  const h = text.history;
  const recorded = history.filter((point) => point.units !== null);
  const emptyMessage = recorded.every((point) => point.units === 0 && point.cents === 0) ? h.empty : recorded.length < 2 ? h.startsToday : null;
  const money = (cents: number) => formatCents(cents, currencyCode);
  const line = (name: string, pick: (point: HomeChartsData["history"][number]) => number | null): ChartVisualProps["series"] => [
    { name, color: SERIES_COLORS[0], data: history.map((point) => ({ key: point.day, value: pick(point) })) },
  ];
  const chart = (series: ChartVisualProps["series"], formatValue: (value: number) => string, formatAxisValue?: (value: number) => string) => (
    <ChartVisual kind="line" series={series} height={220} formatKey={shortDay} formatTitle={formatDate} formatValue={formatValue} formatAxisValue={formatAxisValue} integersOnly />
  );
  return (
    <ChartCard
      title={h.title}
      description={h.description}
      emptyMessage={emptyMessage}
      table={{
        headings: [h.day, h.units, h.value],
        types: ["text", "numeric", "numeric"],
        // Newest first: today is what the merchant looks for.
        rows: () => [...history].reverse().map((point) => [formatDate(point.day), point.units === null ? h.notRecorded : wholeNumber(point.units), point.cents === null ? h.notRecorded : money(point.cents)]),
      }}
    >
      <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
        <Captioned caption={h.units}>{chart(line(h.units, (point) => point.units), wholeNumber)}</Captioned>
        <Captioned caption={h.value}>{chart(line(h.value, (point) => point.cents), money, (cents) => formatCents(cents, currencyCode, { compact: true }))}</Captioned>
      </InlineGrid>
    </ChartCard>
  );
}

function VariantsCard({ variants }: { variants: HomeChartsData["variants"] }) {
  const v = text.variants;
  const bars = (index: number, name: string, pick: (variant: HomeChartsData["variants"][number]) => number) => ({
    name,
    color: SERIES_COLORS[index],
    data: variants.map((variant) => ({ key: variant.title, value: pick(variant) })),
  });
  return (
    <ChartCard
      title={v.title}
      description={v.description}
      emptyMessage={variants.length === 0 ? v.empty : null}
      table={{
        headings: [v.variant, v.waiting, v.incoming],
        types: ["text", "numeric", "numeric"],
        rows: (visible) => variants.map((variant) => [
          visible ? (
            <Link key={variant.id} url={`/app/variants/${variant.id}`} removeUnderline>
              {variant.title}
            </Link>
          ) : (
            variant.title
          ),
          wholeNumber(variant.waiting),
          wholeNumber(variant.incoming),
        ]),
      }}
    >
      <BlockStack gap="200">
        <Legend names={[v.waiting, v.incoming]} />
        <ChartVisual
          kind="bars"
          series={[bars(0, v.waiting, (variant) => variant.waiting), bars(1, v.incoming, (variant) => variant.incoming)]}
          height={barsHeight(variants.length, 56)}
          formatKey={(title) => title}
          formatValue={wholeNumber}
          formatAxisValue={countTick}
        />
      </BlockStack>
    </ChartCard>
  );
}

function WaitTimesCard({ waitTimes }: { waitTimes: HomeChartsData["waitTimes"] }) {
  const w = text.waitTimes;
  const labelled = waitTimes.map((bucket) => ({ label: w.range(bucket.fromDays, bucket.toDays), orders: bucket.orders }));
  return (
    <ChartCard
      title={w.title}
      description={w.description}
      emptyMessage={waitTimes.every((bucket) => bucket.orders === 0) ? w.empty : null}
      table={{ headings: [w.waited, w.orders], types: ["text", "numeric"], rows: () => labelled.map((bucket) => [bucket.label, wholeNumber(bucket.orders)]) }}
    >
      <ChartVisual
        kind="bars"
        series={[{ name: w.orders, color: SERIES_COLORS[0], data: labelled.map((bucket) => ({ key: bucket.label, value: bucket.orders })) }]}
        height={barsHeight(labelled.length, 48)}
        formatKey={(label) => label}
        formatValue={wholeNumber}
        formatAxisValue={countTick}
      />
    </ChartCard>
  );
}

export function HomeCharts({ charts, currencyCode }: { charts: HomeChartsData; currencyCode: string }) {
  const nothingYet = charts.history.every((point) => !point.units) && charts.variants.length === 0 && charts.waitTimes.every((bucket) => bucket.orders === 0);
  return (
    <BlockStack gap="300">
      <Text as="h2" variant="headingMd">
        {text.heading}
      </Text>
      {nothingYet ? (
        <Card>
          <section aria-label={text.emptyHeading}>
            <BlockStack gap="200">
              <Text as="h3" variant="headingSm">
                {text.emptyHeading}
              </Text>
              <Text as="p" tone="subdued">
                {text.emptyBody}
              </Text>
            </BlockStack>
          </section>
        </Card>
      ) : (
        <>
          <HistoryCard history={charts.history} currencyCode={currencyCode} />
          <InlineGrid columns={{ xs: 1, lg: 2 }} gap="400">
            <VariantsCard variants={charts.variants} />
            <WaitTimesCard waitTimes={charts.waitTimes} />
          </InlineGrid>
        </>
      )}
    </BlockStack>
  );
}
