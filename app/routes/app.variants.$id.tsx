import { useEffect, useState } from "react";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, useRevalidator } from "@remix-run/react";
import { Badge, Banner, BlockStack, Box, Card, DataTable, InlineGrid, InlineStack, Layout, Link, List, Page, Select, Text, TextField } from "@shopify/polaris";
import { SaveBar, TitleBar } from "@shopify/app-bridge-react";
import prisma from "../db.server";
import { authenticate } from "../shopify.server";
import { loadVariantDetail, parseNumericId, variantGid, type LocationLevel } from "../models/variants.server";
import { updateVariantRules, type RuleField } from "../models/variant-rules.server";
import { loadMoveSuggestions, requestMoves } from "../models/location-moves.server";
import { locationsNotSellingOnline } from "../models/online-locations.server";
import { loadIncomingShipments } from "../models/supply.server";
import { strings } from "../i18n/strings";
import { restockDateHasPassed } from "../domain/restock-episode";
import { useShopDates } from "../components/use-shop-dates";
import { useShopMoney } from "../components/use-shop-money";
import { formatStock, formatUnits } from "../i18n/format";
import { useToastOnSuccess } from "../components/use-list-params";
import { adminOrderUrl, adminVariantUrl, ProductThumbnail } from "../components/row-links";
import { RestockDateField } from "../components/restock-date-field";
import { loadPromiseAccuracy } from "../models/promise-accuracy.server";
import { accuracyPeriodOf } from "../domain/promise-accuracy";
import { VariantPromiseAccuracy } from "../components/promise-accuracy";

const text = strings.variants;

const notFound = () => new Response(text.notFound, { status: 404 });

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  const detail = await loadVariantDetail(prisma, session.shop, params.id ?? "");
  if (!detail) throw notFound();
  const notOnline = await locationsNotSellingOnline(admin.graphql, detail.levels.map((level) => level.locationId));
  return {
    ...detail,
    levels: detail.levels.map((level) => ({ ...level, sellsOnline: !notOnline.has(level.locationId) })),
    moveSuggestions: await loadMoveSuggestions(prisma, session.shop, variantGid(detail.variant.id)),
    promiseAccuracy: await loadPromiseAccuracy(prisma, session.shop, { days: accuracyPeriodOf(new URL(request.url).searchParams.get("period")), variantId: variantGid(detail.variant.id) }),
    shipments: await loadIncomingShipments(prisma, session.shop, variantGid(detail.variant.id)),
  };
};

type ActionResult = { ok: true; message: string } | { ok: false; message: string; errors: Partial<Record<RuleField, string>> };

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const id = parseNumericId(params.id);
  if (!id) throw notFound();
  const form = await request.formData();
  const moveTo = form.get("moveTo");
  if (typeof moveTo === "string") {
    const orders = await requestMoves(prisma, session.shop, variantGid(id), moveTo);
    const message = strings.locationMoves.movingOrders(orders);
    return orders === 0 ? data<ActionResult>({ ok: false, message, errors: {} }, { status: 409 }) : data<ActionResult>({ ok: true, message });
  }
  const fields: Partial<Record<RuleField, string>> = {};
  for (const field of ["restockDate", "override", "waitingCap", "restockQuantity"] as const) {
    const value = form.get(field);
    if (value !== null) fields[field] = String(value);
  }
  const result = await updateVariantRules(prisma, session.shop, [variantGid(id)], fields, { keepStoredRestockDate: true });
  if (!result.ok && result.status === 404) throw notFound();
  if (!result.ok) return data<ActionResult>({ ok: false, message: result.message, errors: result.errors }, { status: 400 });
  return data<ActionResult>({ ok: true, message: text.saved(1) });
};

const statusTone = (status: string) => (status === "backorder" ? "attention" : status === "sold_out" ? "critical" : status === "in_stock" ? "success" : undefined);

type RuleForm = { override: string; restockDate: string; waitingCap: string; restockQuantity: string };
const formOf = (rule: { override: string | null; restockDate: string | null; waitingCap: number | null; restockQuantity: number | null }): RuleForm => ({
  override: rule.override ?? "",
  restockDate: rule.restockDate ?? "",
  waitingCap: rule.waitingCap === null ? "" : String(rule.waitingCap),
  restockQuantity: rule.restockQuantity === null ? "" : String(rule.restockQuantity),
});
const sameForm = (a: RuleForm, b: RuleForm) => a.override === b.override && a.restockDate === b.restockDate && a.waitingCap === b.waitingCap && a.restockQuantity === b.restockQuantity;

const SAVE_BAR_ID = "variant-save-bar";
/** How often the page looks again while the variant's sync is queued or running, and for how long at most. */
const UPDATE_POLL_MS = 1500;
const UPDATE_POLLS_MAX = 40;

export default function VariantPage() {
  const { variant, levels, incomingUnits, queue, today, updating, unexplainedUnits, moveSuggestions, promiseAccuracy, shipments } = useLoaderData<typeof loader>();
  const fetcher = useFetcher<ActionResult>();
  const mover = useFetcher<ActionResult>();
  const revalidator = useRevalidator();
  const { formatDate } = useShopDates();
  const money = useShopMoney();
  const loadedForm = formOf(variant.rule);
  const [saved, setSaved] = useState(loadedForm);
  const [values, setValues] = useState(loadedForm);
  const [handled, setHandled] = useState(fetcher.data);
  const [polls, setPolls] = useState(0);
  const result = fetcher.data;
  const errors = result && !result.ok ? result.errors : {};

  // A save is taken in once it is done: by then the page's data was loaded again, so the form shows what was stored.
  if (fetcher.state === "idle" && fetcher.data !== handled) {
    setHandled(fetcher.data);
    if (fetcher.data?.ok) {
      setSaved(loadedForm);
      setValues(loadedForm);
      setPolls(0);
    }
  }
  useToastOnSuccess(fetcher);
  useToastOnSuccess(mover);

  // The engine applies the rules in the background: look again until it is done, so its result shows without a reload.
  const revalidating = revalidator.state !== "idle";
  useEffect(() => {
    if (!updating || revalidating || polls >= UPDATE_POLLS_MAX) return;
    const timer = setTimeout(() => {
      setPolls((count) => count + 1);
      revalidator.revalidate();
    }, UPDATE_POLL_MS);
    return () => clearTimeout(timer);
  }, [updating, revalidating, polls, revalidator]);

  const busy = fetcher.state !== "idle";
  const dirty = !sameForm(values, saved);
  const set = (field: keyof RuleForm) => (value: string) => setValues((current) => ({ ...current, [field]: value }));
  const save = () => fetcher.submit(values, { method: "post" });
  const discard = () => setValues(saved);

  const rows = queue.map((line) => [
    line.queuePosition ?? "—",
    <Link key={line.lineItemId} url={adminOrderUrl(line.orderId)} removeUnderline>
      {line.orderName}
    </Link>,
    line.customerName ?? strings.orders.customerHidden,
    line.waitingUnits,
    line.shipsOn ? formatDate(line.shipsOn) : "—",
    text.days(line.ageDays),
  ]);

  return (
    <Page backAction={{ content: text.back, url: "/app/variants" }}>
      <TitleBar title={variant.title} />
      <SaveBar id={SAVE_BAR_ID} open={dirty}>
        <button {...{ variant: "primary" }} onClick={save} disabled={busy}>
          {text.save}
        </button>
        <button onClick={discard} disabled={busy}>
          {strings.settings.discard}
        </button>
      </SaveBar>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result && !result.ok && <Banner tone="critical" title={result.message} />}
            {mover.state === "idle" && mover.data && !mover.data.ok && <Banner tone="warning" title={mover.data.message} />}
            {moveSuggestions.map((suggestion) => (
              <Banner
                key={suggestion.locationId}
                tone="info"
                title={strings.locationMoves.couldShip(suggestion.orders, suggestion.locationName)}
                action={{
                  content: mover.state === "idle" ? strings.locationMoves.move(suggestion.orders) : strings.locationMoves.moving,
                  disabled: mover.state !== "idle",
                  onAction: () => mover.submit({ moveTo: suggestion.locationId }, { method: "post" }),
                }}
              >
                {strings.locationMoves.couldShipHelp}
              </Banner>
            ))}
            <Card>
              <BlockStack gap="300">
                <InlineStack gap="300" blockAlign="center" wrap={false}>
                  <ProductThumbnail url={variant.imageUrl} alt={variant.title} />
                  <BlockStack gap="100">
                    <InlineStack gap="200" blockAlign="center">
                      <Badge tone={statusTone(variant.status)}>{text.status[variant.status] ?? variant.status}</Badge>
                      {variant.sku && <Text as="span" tone="subdued">{variant.sku}</Text>}
                      {updating && <Text as="span" tone="subdued">{strings.variantUpdates.updating}</Text>}
                    </InlineStack>
                    <Link url={adminVariantUrl(variant.productId, variant.variantId)} removeUnderline>
                      {strings.adminLinks.openInAdmin}
                    </Link>
                  </BlockStack>
                </InlineStack>
                <Text as="h2" variant="headingMd">{text.summaryHeading}</Text>
                <InlineGrid columns={4} gap="300">
                  <Summary label={text.columns.waiting} value={formatUnits(variant.waitingUnits)} />
                  <Summary label={text.sellable} value={formatStock(variant.sellable)} />
                  <Summary label={text.columns.value} value={`${money(variant.waitingValue)} (${text.price} ${money(variant.price)})`} />
                  <Summary label={text.columns.eta} value={variant.nextShipsOn ? formatDate(variant.nextShipsOn) : "—"} />
                </InlineGrid>
                {unexplainedUnits > 0 && <Text as="p" tone="subdued">{text.unexplained(unexplainedUnits)}</Text>}
              </BlockStack>
            </Card>
            <StockByLocation levels={levels} incomingUnits={incomingUnits} restock={restockText(variant.rule.restockDate, today, formatDate)} shipments={shipments.map((shipment) => ({ id: shipment.shipmentId, text: strings.supply.arriving(shipment.quantity, shipment.locationName ?? strings.supply.unknownLocation, shipment.arrivesAt && formatDate(shipment.arrivesAt), shipment.status) }))} />
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
            <form
              onSubmit={(event) => {
                event.preventDefault();
                save();
              }}
              onReset={discard}
              aria-label={text.ruleHeading}
            >
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
                  value={values.override}
                  onChange={set("override")}
                  error={errors.override}
                />
                <RestockDateField label={text.restockDate} value={values.restockDate} onChange={set("restockDate")} today={today} formatDate={formatDate} helpText={text.restockHelp} error={errors.restockDate} />
                <TextField label={strings.supply.restockQuantity} type="number" name="restockQuantity" min={1} step={1} value={values.restockQuantity} onChange={set("restockQuantity")} helpText={strings.supply.restockQuantityHelp} error={errors.restockQuantity} autoComplete="off" />
                <TextField label={text.waitingCap} type="number" name="waitingCap" min={0} step={1} value={values.waitingCap} onChange={set("waitingCap")} helpText={text.waitingCapHelp} error={errors.waitingCap} autoComplete="off" />
              </BlockStack>
            </form>
          </Card>
          <Box paddingBlockStart="400">
            <VariantPromiseAccuracy accuracy={promiseAccuracy} />
          </Box>
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
function StockByLocation({ levels, incomingUnits, restock, shipments }: { levels: (LocationLevel & { sellsOnline: boolean })[]; incomingUnits: number; restock: string; shipments: { id: string; text: string }[] }) {
  return (
    <Card padding="0">
      <div style={{ padding: "var(--p-space-400) var(--p-space-400) 0" }}>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">{text.stockHeading}</Text>
          <InlineStack gap="200">
            <Text as="span" fontWeight="semibold">{text.incomingHeading}</Text>
            <Text as="span">{`${text.incomingUnits(incomingUnits)} · ${restock}`}</Text>
          </InlineStack>
          {shipments.length > 0 && (
            <List type="bullet">
              {shipments.map((shipment) => <List.Item key={shipment.id}>{shipment.text}</List.Item>)}
            </List>
          )}
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
          rows={levels.map((level) => [
            level.sellsOnline ? level.locationName : (
              <InlineStack key={level.locationId} gap="200" blockAlign="center">
                <span>{level.locationName}</span>
                <Badge>{text.notOnline}</Badge>
              </InlineStack>
            ),
            formatStock(level.available),
            formatUnits(level.incoming),
          ])}
        />
      )}
    </Card>
  );
}
