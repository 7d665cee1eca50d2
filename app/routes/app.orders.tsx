import { useState } from "react";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { ActionList, Badge, Banner, BlockStack, Button, Card, Checkbox, IndexTable, InlineStack, Layout, Link, Page, Popover, Text, TextField } from "@shopify/polaris";
import { MenuHorizontalIcon } from "@shopify/polaris-icons";
import { Modal, TitleBar } from "@shopify/app-bridge-react";
import prisma from "../db.server";
import { authenticate } from "../shopify.server";
import { merchantContext } from "../jobs/app-worker.server";
import { applyOrderAction, listWaitingOrders, parseOrderAction, parseOrdersQuery, type WaitingOrderRow } from "../models/orders.server";
import { shopToday } from "../models/variants.server";
import { loadShopMoveSuggestions, requestMoves } from "../models/location-moves.server";
import { strings } from "../i18n/strings";
import { EmptyOr } from "../components/empty-or";
import { useShopDates } from "../components/use-shop-dates";
import { useListParams, useSearchAsYouType, useToastOnSuccess } from "../components/use-list-params";
import { wholeDaysSince } from "../i18n/dates";
import { adminOrderUrl, appVariantPath, ProductThumbnail, RowControls, RowPrimaryLink } from "../components/row-links";
import { promiseSlipped } from "../domain/customer-promise";

const text = strings.orders;

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const page = await listWaitingOrders(prisma, session.shop, parseOrdersQuery(new URL(request.url).searchParams), await shopToday(prisma, session.shop));
  return { ...page, now: new Date().toISOString(), moveSuggestions: await loadShopMoveSuggestions(prisma, session.shop) };
};

type ActionResult = { ok: true; message: string } | { ok: false; message: string };

const ACTION_FIELDS = ["intent", "orderId", "lineItemId", "locationId", "notifyCustomer"] as const;

/** Move to front, Remove priority, Release now, or Cancel back-order, for this shop's orders only. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const moveTo = form.get("moveTo");
  const moveVariant = form.get("variantId");
  if (typeof moveTo === "string" && typeof moveVariant === "string") {
    const orders = await requestMoves(prisma, session.shop, moveVariant, moveTo);
    return data<ActionResult>({ ok: orders > 0, message: strings.locationMoves.movingOrders(orders) }, { status: orders > 0 ? 200 : 409 });
  }
  const input = parseOrderAction(Object.fromEntries(ACTION_FIELDS.map((field) => [field, form.get(field)])), text.errors);
  if (!input.ok) return data<ActionResult>({ ok: false, message: input.message }, { status: 400 });
  const outcome = await applyOrderAction(prisma, session.shop, input.action, () => merchantContext(session.shop));
  if (!outcome.ok && outcome.status === 404) throw new Response(outcome.message, { status: 404 });
  return data<ActionResult>(outcome.ok ? outcome : { ok: false, message: outcome.message }, { status: outcome.ok ? 200 : outcome.status });
};

/** The action waiting for the merchant's confirmation in the modal. */
type Confirming = { kind: "release" | "cancel"; row: WaitingOrderRow };
const CONFIRM_MODAL = "order-action-confirm";


export default function OrdersWaiting() {
  const { rows, total, page, pageCount, hasNext, hasPrevious, query, now, moveSuggestions } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const fetcher = useFetcher<ActionResult>();
  const { formatDate } = useShopDates();
  const update = useListParams();
  const [search, setSearch] = useSearchAsYouType(query.search, update);
  useToastOnSuccess(fetcher);
  const result = fetcher.data;

  const busy = fetcher.state !== "idle";
  const [menuFor, setMenuFor] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const [notifyCustomer, setNotifyCustomer] = useState(true);
  const submit = (fields: Record<string, string>) => fetcher.submit(fields, { method: "post" });
  const ask = (kind: Confirming["kind"], row: WaitingOrderRow) => {
    setMenuFor(null);
    setNotifyCustomer(true);
    setConfirming({ kind, row });
  };
  const confirm = () => {
    if (!confirming) return;
    const { kind, row } = confirming;
    submit(kind === "release" ? { intent: "release", orderId: row.orderId } : { intent: "cancel", lineItemId: row.lineItemId, locationId: row.locationId, notifyCustomer: String(notifyCustomer) });
    setConfirming(null);
  };

  const headings = [
    { title: text.columns.order },
    { title: text.columns.customer },
    { title: text.columns.variant },
    { title: text.columns.waiting, alignment: "end" as const },
    { title: text.columns.position, alignment: "end" as const },
    { title: text.columns.eta },
    { title: text.columns.age },
    { title: text.columns.priority },
    { title: text.columns.actions },
  ] as [{ title: string }, ...{ title: string; alignment?: "end" }[]];

  return (
    <Page>
      <TitleBar title={text.title} />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result && !result.ok && <Banner tone="critical" title={result.message} />}
            {moveSuggestions.map((suggestion) => (
              <Banner
                key={`${suggestion.variantId}|${suggestion.locationId}`}
                tone="info"
                title={strings.locationMoves.couldShipVariant(suggestion.orders, suggestion.variantTitle, suggestion.locationName)}
                action={{
                  content: busy ? strings.locationMoves.moving : strings.locationMoves.move(suggestion.orders),
                  disabled: busy,
                  onAction: () => submit({ moveTo: suggestion.locationId, variantId: suggestion.variantId }),
                }}
              >
                {strings.locationMoves.couldShipHelp}
              </Banner>
            ))}
            <Card>
              <BlockStack gap="200">
                <TextField
                  label={text.searchLabel}
                  labelHidden
                  placeholder={text.searchPlaceholder}
                  value={search}
                  onChange={setSearch}
                  clearButton
                  onClearButtonClick={() => setSearch("")}
                  autoComplete="off"
                />
                <Checkbox label={text.overdueOnly} checked={query.overdue} onChange={(checked) => update({ overdue: checked ? "1" : null })} />
                <Text as="p" tone="subdued">{text.summary(total, page, pageCount)}</Text>
              </BlockStack>
            </Card>
            <Card padding="0">
              <EmptyOr empty={rows.length === 0} heading={text.emptyHeading} body={text.emptyBody}>
                <IndexTable
                  resourceName={{ singular: text.order, plural: text.orders }}
                  itemCount={rows.length}
                  selectable={false}
                  loading={navigation.state === "loading"}
                  headings={headings}
                  pagination={{
                    hasNext,
                    hasPrevious,
                    onNext: () => update({ page: String(page + 1) }),
                    onPrevious: () => update({ page: String(page - 1) }),
                  }}
                >
                  {rows.map((row, index) => (
                    <IndexTable.Row id={row.id} key={row.id} position={index}>
                      <IndexTable.Cell>
                        <RowPrimaryLink url={adminOrderUrl(row.orderId)}>{row.orderName}</RowPrimaryLink>
                      </IndexTable.Cell>
                      <IndexTable.Cell>{row.customer ?? text.customerHidden}</IndexTable.Cell>
                      <IndexTable.Cell>
                        <RowControls>
                          <InlineStack gap="200" blockAlign="center" wrap={false}>
                            <ProductThumbnail url={row.variantImageUrl} alt={row.variantTitle} />
                            <Link url={appVariantPath(row.variantId)} monochrome removeUnderline>
                              {row.variantTitle}
                            </Link>
                          </InlineStack>
                        </RowControls>
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        <Text as="span" alignment="end" numeric>{row.waitingUnits}</Text>
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        <Text as="span" alignment="end" numeric>{row.queuePosition ?? "—"}</Text>
                      </IndexTable.Cell>
                      <IndexTable.Cell>{shipDateOf(row, formatDate)}</IndexTable.Cell>
                      <IndexTable.Cell>{text.days(wholeDaysSince(row.orderedAt, now))}</IndexTable.Cell>
                      <IndexTable.Cell>{row.priority > 0 ? <Badge tone="attention">{text.prioritised(row.priority)}</Badge> : "—"}</IndexTable.Cell>
                      <IndexTable.Cell>
                        <RowControls>
                          <InlineStack gap="200" wrap={false}>
                            <Button size="slim" disabled={busy || row.queuePosition === 1} onClick={() => submit({ intent: "front", orderId: row.orderId })} accessibilityLabel={`${text.moveToFront} ${row.orderName}`}>
                              {text.moveToFront}
                            </Button>
                            <Popover
                              active={menuFor === row.id}
                              onClose={() => setMenuFor(null)}
                              activator={<Button size="slim" icon={MenuHorizontalIcon} disabled={busy} onClick={() => setMenuFor(menuFor === row.id ? null : row.id)} accessibilityLabel={text.moreActions(row.orderName)} />}
                            >
                              <ActionList
                                actionRole="menuitem"
                                items={[
                                  ...(row.priority > 0 ? [{ content: text.removePriority, onAction: () => (setMenuFor(null), submit({ intent: "clear", orderId: row.orderId })) }] : []),
                                  // An order Shopify no longer shows the app can be neither released nor edited from here.
                                  { content: text.releaseNow, disabled: row.unreadable, helpText: row.unreadable ? text.unreadableHelp : undefined, onAction: () => ask("release", row) },
                                  { content: text.cancelBackorder, destructive: true, disabled: row.unreadable, helpText: row.unreadable ? text.unreadableHelp : undefined, onAction: () => ask("cancel", row) },
                                ]}
                              />
                            </Popover>
                          </InlineStack>
                        </RowControls>
                      </IndexTable.Cell>
                    </IndexTable.Row>
                  ))}
                </IndexTable>
              </EmptyOr>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
      <Modal id={CONFIRM_MODAL} open={confirming !== null} onHide={() => setConfirming(null)}>
        {confirming && (
          <div style={{ padding: "var(--p-space-400)" }}>
            <p>{confirming.kind === "release" ? text.releaseBody(confirming.row.waitingUnits) : text.cancelBody(confirming.row.waitingUnits, confirming.row.variantTitle)}</p>
            {confirming.kind === "cancel" && (
              <p style={{ marginTop: "var(--p-space-300)" }}>
                <label>
                  <input type="checkbox" name="notifyCustomer" checked={notifyCustomer} onChange={(event) => setNotifyCustomer(event.currentTarget.checked)} /> {text.notifyCustomer}
                </label>
              </p>
            )}
          </div>
        )}
        <TitleBar title={confirming ? (confirming.kind === "release" ? text.releaseTitle(confirming.row.orderName) : text.cancelTitle(confirming.row.orderName)) : ""}>
          <button variant="primary" tone={confirming?.kind === "cancel" ? "critical" : undefined} onClick={confirm}>
            {confirming?.kind === "cancel" ? text.cancelBackorder : text.releaseNow}
          </button>
          <button onClick={() => setConfirming(null)}>{text.keepWaiting}</button>
        </TitleBar>
      </Modal>
    </Page>
  );
}

/** The expected date, and the promise beside it when the date moved later than what the customer was told. */
function shipDateOf(row: Pick<WaitingOrderRow, "shipsOn" | "promisedOn">, formatDate: (value: string) => string): string {
  if (row.shipsOn === null) return "—";
  return promiseSlipped(row) ? strings.orders.promisedThenExpected(formatDate(row.promisedOn!), formatDate(row.shipsOn)) : formatDate(row.shipsOn);
}
