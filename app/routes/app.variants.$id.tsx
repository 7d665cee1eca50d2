import { useState } from "react";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, DataTable, InlineGrid, InlineStack, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import prisma from "../db.server";
import { authenticate } from "../shopify.server";
import { loadVariantDetail, parseNumericId, variantGid, type LocationLevel } from "../models/variants.server";
import { updateVariantRules, type RuleField } from "../models/variant-rules.server";
import { strings } from "../i18n/strings";
import { restockDateHasPassed } from "../domain/restock-episode";
import { useShopDates } from "../components/use-shop-dates";
import { useShopMoney } from "../components/use-shop-money";
import { formatStock, formatUnits } from "../i18n/format";
import { useToastOnSuccess } from "../components/use-list-params";

const text = strings.variants;

const notFound = () => new Response(text.notFound, { status: 404 });

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const detail = await loadVariantDetail(prisma, session.shop, params.id ?? "");
  if (!detail) throw notFound();
  return detail;
};

type ActionResult = { ok: true; message: string } | { ok: false; message: string; errors: Partial<Record<RuleField, string>> };

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const id = parseNumericId(params.id);
  if (!id) throw notFound();
  const form = await request.formData();
  const fields: Partial<Record<RuleField, string>> = {};
  for (const field of ["restockDate", "override", "waitingCap"] as const) {
    const value = form.get(field);
    if (value !== null) fields[field] = String(value);
  }
  const result = await updateVariantRules(prisma, session.shop, [variantGid(id)], fields, { keepStoredRestockDate: true });
  if (!result.ok && result.status === 404) throw notFound();
  if (!result.ok) return data<ActionResult>({ ok: false, message: result.message, errors: result.errors }, { status: 400 });
  return data<ActionResult>({ ok: true, message: text.saved(1) });
};

const statusTone = (status: string) => (status === "backorder" ? "attention" : status === "sold_out" ? "critical" : status === "in_stock" ? "success" : undefined);

export default function VariantPage() {
  const { variant, levels, incomingUnits, queue, today } = useLoaderData<typeof loader>();
  const fetcher = useFetcher<ActionResult>();
  const { formatDate } = useShopDates();
  const money = useShopMoney();
  const [restockDate, setRestockDate] = useState(variant.rule.restockDate ?? "");
  const [override, setOverride] = useState(variant.rule.override ?? "");
  const [waitingCap, setWaitingCap] = useState(variant.rule.waitingCap === null ? "" : String(variant.rule.waitingCap));
  const result = fetcher.data;
  const errors = result && !result.ok ? result.errors : {};

  useToastOnSuccess(fetcher);

  const rows = queue.map((line) => [
    line.queuePosition ?? "—",
    line.orderName,
    line.customerName ?? "—",
    line.waitingUnits,
    line.shipsOn ? formatDate(line.shipsOn) : "—",
    text.days(line.ageDays),
  ]);

  return (
    <Page title={variant.title} subtitle={variant.sku ?? undefined} backAction={{ content: text.back, url: "/app/variants" }} titleMetadata={<Badge tone={statusTone(variant.status)}>{text.status[variant.status] ?? variant.status}</Badge>}>
      <TitleBar title={variant.title} />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result && !result.ok && <Banner tone="critical" title={result.message} />}
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">{text.summaryHeading}</Text>
                <InlineGrid columns={4} gap="300">
                  <Summary label={text.columns.waiting} value={formatUnits(variant.waitingUnits)} />
                  <Summary label={text.sellable} value={formatStock(variant.sellable)} />
                  <Summary label={text.columns.value} value={`${money(variant.waitingValue)} (${text.price} ${money(variant.price)})`} />
                  <Summary label={text.columns.eta} value={variant.nextShipsOn ? formatDate(variant.nextShipsOn) : "—"} />
                </InlineGrid>
              </BlockStack>
            </Card>
            <StockByLocation levels={levels} incomingUnits={incomingUnits} restock={restockText(variant.rule.restockDate, today, formatDate)} />
            <Card padding="0">
              <div style={{ padding: "var(--p-space-400) var(--p-space-400) 0" }}>
                <Text as="h2" variant="headingMd">{`${text.queueHeading} (${queue.length})`}</Text>
              </div>
              {queue.length === 0 ? (
                <div style={{ padding: "var(--p-space-400)" }}>
                  <Text as="p" tone="subdued">{text.queueEmpty}</Text>
                </div>
              ) : (
                <DataTable
                  columnContentTypes={["numeric", "text", "text", "numeric", "text", "text"]}
                  headings={[text.queueColumns.position, text.queueColumns.order, text.queueColumns.customer, text.queueColumns.units, text.queueColumns.eta, text.queueColumns.age]}
                  rows={rows}
                />
              )}
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <fetcher.Form method="post">
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">{text.ruleHeading}</Text>
                <Select
                  label={text.backorders}
                  name="override"
                  options={[
                    { label: text.override.default ?? "", value: "" },
                    { label: text.override.always ?? "", value: "always" },
                    { label: text.override.never ?? "", value: "never" },
                  ]}
                  value={override}
                  onChange={setOverride}
                  error={errors.override}
                />
                <TextField label={text.restockDate} type="date" name="restockDate" min={today} value={restockDate} onChange={setRestockDate} helpText={text.restockHelp} error={errors.restockDate} autoComplete="off" />
                <TextField label={text.waitingCap} type="number" name="waitingCap" min={0} step={1} value={waitingCap} onChange={setWaitingCap} helpText={text.waitingCapHelp} error={errors.waitingCap} autoComplete="off" />
                <Button submit variant="primary" loading={fetcher.state !== "idle"}>{text.save}</Button>
              </BlockStack>
            </fetcher.Form>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function Summary({ label, value }: { label: string; value: string }) {
  return (
    <BlockStack gap="100">
      <Text as="span" tone="subdued">{label}</Text>
      <Text as="span" variant="headingLg">{value}</Text>
    </BlockStack>
  );
}

/** The merchant's restock date as the page states it: one gone by is said to be past, since it is no longer promised. */
const restockText = (date: string | null, today: string, formatDate: (date: string) => string) =>
  date === null ? text.noRestockDate : (restockDateHasPassed(date, today) ? text.restockPassed : text.restockOn)(formatDate(date));

/** Each location's stock as the last sync read it, and what is on its way against the merchant's restock date. */
function StockByLocation({ levels, incomingUnits, restock }: { levels: LocationLevel[]; incomingUnits: number; restock: string }) {
  return (
    <Card padding="0">
      <div style={{ padding: "var(--p-space-400) var(--p-space-400) 0" }}>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">{text.stockHeading}</Text>
          <InlineStack gap="200">
            <Text as="span" fontWeight="semibold">{text.incomingHeading}</Text>
            <Text as="span">{`${text.incomingUnits(incomingUnits)} · ${restock}`}</Text>
          </InlineStack>
        </BlockStack>
      </div>
      {levels.length === 0 ? (
        <div style={{ padding: "var(--p-space-400)" }}>
          <Text as="p" tone="subdued">{text.stockEmpty}</Text>
        </div>
      ) : (
        <DataTable
          columnContentTypes={["text", "numeric", "numeric"]}
          headings={[text.stockColumns.location, text.stockColumns.available, text.stockColumns.incoming]}
          rows={levels.map((level) => [level.locationName, level.available, level.incoming])}
        />
      )}
    </Card>
  );
}
