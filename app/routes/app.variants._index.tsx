import { useState } from "react";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  IndexTable,
  InlineStack,
  Layout,
  Link,
  Page,
  Text,
  TextField,
  useIndexResourceState,
} from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import prisma from "../db.server";
import { authenticate } from "../shopify.server";
import { listVariants, parseListQuery, shopToday, type SortKey, type VariantRow } from "../models/variants.server";
import { parseVariantIds, updateVariantRules, type RuleField } from "../models/variant-rules.server";
import { strings } from "../i18n/strings";
import { EmptyOr } from "../components/empty-or";
import { wholeDaysSince } from "../i18n/dates";
import { useShopDates } from "../components/use-shop-dates";
import { VariantListFilters } from "../components/variant-list-filters";
import { useListParams, useSearchAsYouType, useToastOnSuccess } from "../components/use-list-params";
import { adminVariantUrl, appVariantPath, ProductThumbnail, RowControls, RowPrimaryLink } from "../components/row-links";

const text = strings.variants;

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const query = parseListQuery(new URL(request.url).searchParams);
  const [page, today] = await Promise.all([listVariants(prisma, session.shop, query), shopToday(prisma, session.shop)]);
  return { ...page, today, now: new Date().toISOString() };
};

type ActionResult = { ok: true; message: string } | { ok: false; message: string; errors?: Partial<Record<RuleField | "ids", string>> };

/** Bulk actions on the selected variants; all or nothing. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const fields: Partial<Record<RuleField, string>> =
    intent === "restock" ? { restockDate: String(form.get("restockDate") ?? "") } :
    intent === "backorders-on" ? { override: "always" } :
    intent === "backorders-off" ? { override: "never" } :
    intent === "backorders-default" ? { override: "" } :
    {};
  if (Object.keys(fields).length === 0) return data<ActionResult>({ ok: false, message: text.errors.unknownIntent }, { status: 400 });
  const ids = parseVariantIds(form.getAll("ids").map(String));
  if (!ids) return data<ActionResult>({ ok: false, message: text.errors.ids, errors: { ids: text.errors.ids } }, { status: 400 });
  const result = await updateVariantRules(prisma, session.shop, ids, fields, { requireRestockDate: true });
  if (!result.ok && result.status === 404) throw new Response(text.notFound, { status: 404 });
  if (!result.ok) return data<ActionResult>({ ok: false, message: result.message, errors: result.errors }, { status: 400 });
  return data<ActionResult>({ ok: true, message: text.saved(result.updated) });
};

const SORT_COLUMNS: (SortKey | null)[] = ["title", null, null, "waiting", "value", "eta", "age", null];

const statusTone = (status: string) => (status === "backorder" ? "attention" : status === "sold_out" ? "critical" : status === "in_stock" ? "success" : undefined);

function ruleLabel(row: VariantRow, formatDate: (date: string) => string): string {
  const parts = [text.override[row.rule.override ?? "default"] ?? ""];
  if (row.rule.restockDate) parts.push(`${text.restockDate}: ${formatDate(row.rule.restockDate)}`);
  if (row.rule.waitingCap !== null) parts.push(`${text.waitingCap}: ${row.rule.waitingCap}`);
  return parts.join(" · ");
}

/** Downloads the CSV through fetch, which App Bridge signs with the session token. */
async function downloadCsv(params: URLSearchParams) {
  const response = await fetch(`/app/variants/csv?${params.toString()}`);
  if (!response.ok) throw new Error(`Export failed: HTTP ${response.status}`);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = `backordered-variants-${new Date().toISOString().slice(0, 10)}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export default function VariantsIndex() {
  const { rows, total, page, pageCount, hasNext, hasPrevious, query, filterChoices, today, now } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const fetcher = useFetcher<ActionResult>();
  const shopify = useAppBridge();
  const { formatDate } = useShopDates();
  const [restockOpen, setRestockOpen] = useState(false);
  const [restockDate, setRestockDate] = useState("");
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } = useIndexResourceState(rows, { resourceIDResolver: (row) => row.id });

  const update = useListParams();
  const [search, setSearch] = useSearchAsYouType(query.search, update);
  useToastOnSuccess(fetcher, clearSelection);
  const result = fetcher.data;

  const selectedIds = allResourcesSelected ? rows.map((row) => row.id) : selectedResources;
  const submitBulk = (intent: string, extra: Record<string, string> = {}) => {
    const form = new FormData();
    form.set("intent", intent);
    for (const [key, value] of Object.entries(extra)) form.set(key, value);
    selectedIds.forEach((id) => form.append("ids", id));
    fetcher.submit(form, { method: "post" });
  };
  const exportCsv = (ids?: string[]) => {
    const params = new URLSearchParams(searchParams);
    params.delete("page");
    ids?.forEach((id) => params.append("ids", id));
    downloadCsv(params).catch((error: Error) => shopify.toast.show(error.message, { isError: true }));
  };

  const busy = fetcher.state !== "idle";
  const loading = navigation.state === "loading";
  const sortColumnIndex = SORT_COLUMNS.indexOf(query.sort);
  const headings = [
    { title: text.columns.title },
    { title: text.columns.sku },
    { title: text.columns.status },
    { title: text.columns.waiting, alignment: "end" as const },
    { title: text.columns.value, alignment: "end" as const },
    { title: text.columns.eta },
    { title: text.columns.age },
    { title: text.columns.rule },
  ] as [{ title: string }, ...{ title: string; alignment?: "end" }[]];

  return (
    <Page>
      <TitleBar title={text.title}>
        <button onClick={() => exportCsv()}>{text.exportAll}</button>
      </TitleBar>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result && !result.ok && (
              <Banner tone="critical" title={result.message} />
            )}
            {restockOpen && (
              <Card>
                <fetcher.Form method="post" onSubmit={() => setRestockOpen(false)}>
                  <input type="hidden" name="intent" value="restock" />
                  {selectedIds.map((id) => (
                    <input key={id} type="hidden" name="ids" value={id} />
                  ))}
                  <InlineStack gap="300" blockAlign="end">
                    <TextField
                      label={`${text.restockDate} (${selectedIds.length})`}
                      type="date"
                      name="restockDate"
                      min={today}
                      value={restockDate}
                      onChange={setRestockDate}
                      autoComplete="off"
                    />
                    <Button submit variant="primary" loading={busy}>{text.bulk.apply}</Button>
                    <Button onClick={() => setRestockOpen(false)}>{text.bulk.cancel}</Button>
                  </InlineStack>
                </fetcher.Form>
              </Card>
            )}
            <Card padding="0">
              <VariantListFilters search={search} onSearchChange={setSearch} query={query} choices={filterChoices} update={update} loading={loading} />
              <EmptyOr empty={rows.length === 0} heading={text.emptyHeading} body={text.emptyBody}>
                <IndexTable
                  resourceName={{ singular: text.variant, plural: text.variantsPlural }}
                  itemCount={rows.length}
                  selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
                  onSelectionChange={handleSelectionChange}
                  headings={headings}
                  sortable={SORT_COLUMNS.map((key) => key !== null)}
                  sortColumnIndex={sortColumnIndex >= 0 ? sortColumnIndex : undefined}
                  sortDirection={query.direction === "asc" ? "ascending" : "descending"}
                  onSort={(index: number, direction: "ascending" | "descending") => update({ sort: SORT_COLUMNS[index] ?? null, direction: direction === "ascending" ? "asc" : "desc" })}
                  promotedBulkActions={[
                    { content: text.bulk.restock, onAction: () => setRestockOpen(true) },
                    { content: text.bulk.on, onAction: () => submitBulk("backorders-on") },
                    { content: text.bulk.off, onAction: () => submitBulk("backorders-off") },
                  ]}
                  bulkActions={[
                    { content: text.bulk.reset, onAction: () => submitBulk("backorders-default") },
                    { content: text.bulk.exportCsv, onAction: () => exportCsv(selectedIds) },
                  ]}
                  loading={loading || busy}
                  pagination={{
                    hasNext,
                    hasPrevious,
                    onNext: () => update({ page: String(page + 1) }),
                    onPrevious: () => update({ page: String(page - 1) }),
                    label: text.pageOf(page, pageCount, total),
                  }}
                >
                  {rows.map((row, index) => {
                    const age = row.oldestWaitingAt ? wholeDaysSince(row.oldestWaitingAt, now) : null;
                    return (
                      <IndexTable.Row id={row.id} key={row.id} position={index} selected={selectedResources.includes(row.id)} accessibilityLabel={text.selectRow(row.title)}>
                        <IndexTable.Cell>
                          <InlineStack gap="200" blockAlign="center" wrap={false}>
                            <ProductThumbnail url={row.imageUrl} alt={row.title} />
                            <BlockStack gap="050">
                              <RowPrimaryLink url={appVariantPath(row.variantId)}>{row.title}</RowPrimaryLink>
                              <RowControls>
                                <Link url={adminVariantUrl(row.productId, row.variantId)} monochrome removeUnderline>
                                  <Text as="span" variant="bodySm" tone="subdued">{strings.adminLinks.openInAdmin}</Text>
                                </Link>
                              </RowControls>
                            </BlockStack>
                          </InlineStack>
                        </IndexTable.Cell>
                        <IndexTable.Cell>{row.sku ?? ""}</IndexTable.Cell>
                        <IndexTable.Cell>
                          <Badge tone={statusTone(row.status)}>{text.status[row.status] ?? row.status}</Badge>
                        </IndexTable.Cell>
                        <IndexTable.Cell>
                          <Text as="span" alignment="end" numeric>{row.waitingUnits}</Text>
                        </IndexTable.Cell>
                        <IndexTable.Cell>
                          <Text as="span" alignment="end" numeric>{row.waitingValue}</Text>
                        </IndexTable.Cell>
                        <IndexTable.Cell>{row.nextShipsOn ? formatDate(row.nextShipsOn) : "—"}</IndexTable.Cell>
                        <IndexTable.Cell>{age === null ? "—" : text.days(age)}</IndexTable.Cell>
                        <IndexTable.Cell>{ruleLabel(row, formatDate)}</IndexTable.Cell>
                      </IndexTable.Row>
                    );
                  })}
                </IndexTable>
              </EmptyOr>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
