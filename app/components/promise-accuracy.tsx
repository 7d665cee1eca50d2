/**
 * Promise accuracy in words and figures: the share of back orders shipped by the date promised
 * and their slip over the period the merchant picks (kept in the URL as `period`). Home adds the
 * share week by week (or month by month) as a chart with its table, and the vendors and variants
 * with the worst record; the variant page shows the variant's own figures.
 */
import type { ReactNode } from "react";
import { BlockStack, Card, DataTable, InlineGrid, Link, Select, Text } from "@shopify/polaris";
import { ACCURACY_PERIODS, type Bucketing, type PromiseRecord } from "../domain/promise-accuracy";
import type { PromiseAccuracy } from "../models/promise-accuracy.server";
import { ChartCard, ChartVisual, SERIES_COLORS, shortDay } from "./home-charts";
import { useListParams } from "./use-list-params";
import { useShopDates } from "./use-shop-dates";
import { strings } from "../i18n/strings";
import { formatNumber } from "../i18n/format";

const text = strings.promiseAccuracy;

/** Whole percent, rounded down: 199 of 200 kept is 99 %, never a 100 % that hides a late one. */
const percentOf = (share: number) => Math.floor(share * 100);
const formatPercent = (percent: number) => `${formatNumber(percent)}%`;
/** Days to one decimal: "3 days", "1 day", "2.5 days". */
const formatDays = (days: number) => text.days(Math.round(days * 10) / 10);

/** "9 of 10 back orders shipped by the date promised; late ones were 3 days late on average." */
function describeRecord(record: PromiseRecord): string {
  const lateness = record.averageDaysLate === null ? "" : text.late(record.late, formatDays(record.averageDaysLate));
  return `${text.kept(record.kept, record.shipped)}${lateness}.`;
}

function PeriodSelect({ days }: { days: number }) {
  const update = useListParams();
  return (
    <Select
      label={text.periodLabel}
      options={ACCURACY_PERIODS.map((period) => ({ label: text.period(period), value: String(period) }))}
      value={String(days)}
      onChange={(value) => update({ period: value })}
    />
  );
}

function Figure({ label, value, help }: { label: string; value: string; help?: string }) {
  return (
    <BlockStack gap="100">
      <Text as="span" tone="subdued">{label}</Text>
      <Text as="span" variant="headingLg">{value}</Text>
      {help && <Text as="span" variant="bodySm" tone="subdued">{help}</Text>}
    </BlockStack>
  );
}

/** The period's figures, or a plain sentence when nothing shipped in it. */
function Figures({ record }: { record: PromiseRecord }) {
  return (
    <BlockStack gap="300">
      {record.share === null ? (
        <Text as="p" tone="subdued">{text.empty}</Text>
      ) : (
        <>
          <InlineGrid columns={2} gap="300">
            <Figure label={text.shareKept} value={formatPercent(percentOf(record.share))} />
            <Figure label={text.averageSlip} value={formatDays(record.averageSlipDays)} help={text.averageSlipHelp} />
          </InlineGrid>
          <Text as="p">{describeRecord(record)}</Text>
        </>
      )}
      {record.releasedByMerchant > 0 && <Text as="p" tone="subdued">{text.byMerchant(record.releasedByMerchant)}</Text>}
    </BlockStack>
  );
}

/** The heading, the period and the figures; on Home the heading stands above the cards. */
function SummaryCard({ accuracy, heading }: { accuracy: PromiseAccuracy; heading: boolean }) {
  return (
    <Card>
      <section aria-label={text.title}>
        <BlockStack gap="300">
          {heading && <Text as="h2" variant="headingMd">{text.title}</Text>}
          <Text as="p" tone="subdued">{text.description}</Text>
          <PeriodSelect days={accuracy.days} />
          <Figures record={accuracy.overall} />
        </BlockStack>
      </section>
    </Card>
  );
}

/** The variant page's card: the variant's own figures. */
export function VariantPromiseAccuracy({ accuracy }: { accuracy: PromiseAccuracy }) {
  return <SummaryCard accuracy={accuracy} heading />;
}

const SHORT_MONTH = new Intl.DateTimeFormat("en", { month: "short", year: "numeric", timeZone: "UTC" });
const LONG_MONTH = new Intl.DateTimeFormat("en", { month: "long", year: "numeric", timeZone: "UTC" });
const monthOf = (format: Intl.DateTimeFormat) => (isoDate: string) => format.format(new Date(`${isoDate}T00:00:00Z`));

function OverTimeCard({ overTime, bucketing }: { overTime: PromiseAccuracy["overTime"]; bucketing: Bucketing }) {
  const { formatDate } = useShopDates();
  const o = text.overTime;
  const label = bucketing === "week" ? formatDate : monthOf(LONG_MONTH);
  const share = (record: PromiseRecord) => (record.share === null ? null : percentOf(record.share));
  return (
    <ChartCard
      title={o.title(bucketing)}
      description={o.description}
      emptyMessage={null}
      table={{
        headings: [bucketing === "week" ? o.week : o.month, o.shipped, o.kept, o.share, o.averageDaysLate],
        types: ["text", "numeric", "numeric", "numeric", "numeric"],
        // Newest first, like Home's other tables.
        rows: () =>
          [...overTime].reverse().map(({ start, record }) => [
            label(start),
            formatNumber(record.shipped),
            formatNumber(record.kept),
            record.share === null ? o.noneShipped : formatPercent(percentOf(record.share)),
            record.averageDaysLate === null ? o.notLate : formatDays(record.averageDaysLate),
          ]),
      }}
    >
      <ChartVisual
        // Columns, not a line: a week or month when nothing shipped has no share, and a line cannot show a lone point.
        kind="columns"
        series={[{ name: o.share, color: SERIES_COLORS[0], data: overTime.map(({ start, record }) => ({ key: start, value: share(record) })) }]}
        height={220}
        formatKey={bucketing === "week" ? shortDay : monthOf(SHORT_MONTH)}
        formatTitle={bucketing === "week" ? (start) => `${o.week} ${formatDate(start)}` : monthOf(LONG_MONTH)}
        formatValue={formatPercent}
        integersOnly
      />
    </ChartCard>
  );
}

interface WorstRow {
  name: ReactNode;
  record: PromiseRecord;
}

/** Vendors or variants with late back orders, worst first, as a table. */
function WorstCard({ words, nameHeading, rows }: { words: { title: string; description: string; none: string }; nameHeading: string; rows: WorstRow[] }) {
  const o = text.overTime;
  return (
    <Card>
      <section aria-label={words.title}>
        <BlockStack gap="300">
          <Text as="h3" variant="headingSm">{words.title}</Text>
          {rows.length === 0 ? (
            <Text as="p" tone="subdued">{words.none}</Text>
          ) : (
            <>
              <Text as="p" tone="subdued">{words.description}</Text>
              <DataTable
                headings={[nameHeading, o.shipped, o.kept, o.share, o.averageDaysLate]}
                columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric"]}
                rows={rows.map(({ name, record }) => [
                  name,
                  formatNumber(record.shipped),
                  formatNumber(record.kept),
                  formatPercent(percentOf(record.share ?? 0)),
                  formatDays(record.averageDaysLate ?? 0),
                ])}
                increasedTableDensity
                hideScrollIndicator
              />
            </>
          )}
        </BlockStack>
      </section>
    </Card>
  );
}

/** Home's block: the shop's figures, then (when anything shipped) the share over time and the vendors and variants with the worst record. */
export function HomePromiseAccuracy({ accuracy }: { accuracy: PromiseAccuracy }) {
  return (
    <BlockStack gap="300">
      <Text as="h2" variant="headingMd">{text.title}</Text>
      <SummaryCard accuracy={accuracy} heading={false} />
      {accuracy.overall.share !== null && (
        // One above the other: five columns need the section's width (a table that scrolls traps keyboard users).
        <>
          <OverTimeCard overTime={accuracy.overTime} bucketing={accuracy.bucketing} />
          <WorstCard
            words={text.vendors}
            nameHeading={text.vendors.vendor}
            rows={accuracy.worstVendors.map(({ vendor, record }) => ({ name: vendor ?? text.vendors.noVendor, record }))}
          />
          <WorstCard
            words={text.variants}
            nameHeading={text.variants.variant}
            rows={accuracy.worstVariants.map(({ id, title, record }) => ({
              name: title === null ? text.variants.untracked : (
                <Link key={id} url={`/app/variants/${id}`} removeUnderline>
                  {title}
                </Link>
              ),
              record,
            }))}
          />
        </>
      )}
    </BlockStack>
  );
}
