import { useCallback, useEffect, useState } from "react";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, EmptyState, IndexTable, InlineStack, Layout, Page, Text, TextField } from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import prisma from "../db.server";
import { authenticate } from "../shopify.server";
import { listWaitingOrders, parseOrdersQuery, parsePriorityForm, setOrderPriority } from "../models/orders.server";
import { strings } from "../i18n/strings";

const text = strings.orders;

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const page = await listWaitingOrders(prisma, session.shop, parseOrdersQuery(new URL(request.url).searchParams));
  return { ...page, now: new Date().toISOString() };
};

type ActionResult = { ok: true; message: string } | { ok: false; message: string };

/** Move to front / Remove priority for one order of this shop. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const input = parsePriorityForm({ intent: form.get("intent"), orderId: form.get("orderId") }, text.errors);
  if (!input.ok) return data<ActionResult>({ ok: false, message: input.message }, { status: 400 });
  const result = await setOrderPriority(prisma, session.shop, input.orderId, input.intent);
  if (!result.ok) throw new Response(text.notFound, { status: 404 });
  return data<ActionResult>({ ok: true, message: input.intent === "front" ? text.moved(result.orderName) : text.cleared(result.orderName) });
};

const ageDays = (iso: string, now: string) => Math.max(0, Math.floor((Date.parse(now) - Date.parse(iso)) / 86_400_000));

export default function OrdersWaiting() {
  const { rows, total, page, pageCount, hasNext, hasPrevious, query, now } = useLoaderData<typeof loader>();
  const [, setSearchParams] = useSearchParams();
  const navigation = useNavigation();
  const fetcher = useFetcher<ActionResult>();
  const shopify = useAppBridge();
  const [search, setSearch] = useState(query.search);

  const update = useCallback(
    (changes: Record<string, string | null>) => {
      setSearchParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(changes)) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          if (!("page" in changes)) next.delete("page");
          return next;
        },
        { replace: true, preventScrollReset: true },
      );
    },
    [setSearchParams],
  );

  // Search as the merchant types, once they pause.
  useEffect(() => {
    if (search.trim() === query.search) return;
    const timer = setTimeout(() => update({ q: search.trim() || null }), 300);
    return () => clearTimeout(timer);
  }, [search, query.search, update]);

  const result = fetcher.data;
  useEffect(() => {
    if (fetcher.state !== "idle" || !result?.ok) return;
    shopify.toast.show(result.message);
    // Only when a new answer arrives.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [result, fetcher.state]);

  const busy = fetcher.state !== "idle";
  const submit = (intent: "front" | "clear", orderId: string) => fetcher.submit({ intent, orderId }, { method: "post" });
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
    <Page title={text.title}>
      <TitleBar title={text.title} />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result && !result.ok && <Banner tone="critical" title={result.message} />}
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
                <Text as="p" tone="subdued">{text.summary(total, page, pageCount)}</Text>
              </BlockStack>
            </Card>
            <Card padding="0">
              {rows.length === 0 ? (
                <EmptyState heading={text.emptyHeading} image="">
                  <p>{text.emptyBody}</p>
                </EmptyState>
              ) : (
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
                        <Text as="span" fontWeight="semibold">{row.orderName}</Text>
                      </IndexTable.Cell>
                      <IndexTable.Cell>{row.customer ?? ""}</IndexTable.Cell>
                      <IndexTable.Cell>{row.variantTitle}</IndexTable.Cell>
                      <IndexTable.Cell>
                        <Text as="span" alignment="end" numeric>{row.waitingUnits}</Text>
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        <Text as="span" alignment="end" numeric>{row.queuePosition ?? "—"}</Text>
                      </IndexTable.Cell>
                      <IndexTable.Cell>{row.shipsOn ?? "—"}</IndexTable.Cell>
                      <IndexTable.Cell>{text.days(ageDays(row.orderedAt, now))}</IndexTable.Cell>
                      <IndexTable.Cell>{row.priority > 0 ? <Badge tone="attention">{text.prioritised(row.priority)}</Badge> : "—"}</IndexTable.Cell>
                      <IndexTable.Cell>
                        <InlineStack gap="200" wrap={false}>
                          <Button size="slim" disabled={busy} onClick={() => submit("front", row.orderId)} accessibilityLabel={`${text.moveToFront} ${row.orderName}`}>
                            {text.moveToFront}
                          </Button>
                          {row.priority > 0 && (
                            <Button size="slim" variant="plain" disabled={busy} onClick={() => submit("clear", row.orderId)} accessibilityLabel={`${text.removePriority} ${row.orderName}`}>
                              {text.removePriority}
                            </Button>
                          )}
                        </InlineStack>
                      </IndexTable.Cell>
                    </IndexTable.Row>
                  ))}
                </IndexTable>
              )}
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
