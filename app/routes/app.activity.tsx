import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useEffect, type ReactNode } from "react";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, IndexTable, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import prisma from "../db.server";
import { authenticate } from "../shopify.server";
import { loadActivity, requestResync, retryShopJob, type ActivityCause } from "../models/activity.server";
import { strings } from "../i18n/strings";
import { EmptyOr } from "../components/empty-or";
import { useShopDates } from "../components/use-shop-dates";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const params = new URL(request.url).searchParams;
  return loadActivity(prisma, session.shop, { before: Number(params.get("before")), after: Number(params.get("after")) });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "resync") {
    await requestResync(prisma, session.shop);
    return { ok: true, message: strings.activity.resyncQueued };
  }
  if (intent === "retry") {
    const retried = await retryShopJob(prisma, session.shop, String(form.get("jobId") ?? ""));
    return retried ? { ok: true, message: strings.activity.retryQueued } : new Response(strings.activity.retryMissing, { status: 404 });
  }
  return new Response(`Unknown intent ${String(intent)}`, { status: 400 });
};

export default function Activity() {
  const { entries, olderThan, newerThan, backlog, deadJobs, lastReconciledAt } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const [, setSearchParams] = useSearchParams();
  const done = useActionData<typeof action>();
  const shopify = useAppBridge();
  useEffect(() => {
    if (done && "message" in done) shopify.toast.show(done.message);
  }, [done, shopify]);
  const { formatDateTime } = useShopDates();
  const text = strings.activity;
  return (
    <Page>
      <TitleBar title={text.title} />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {deadJobs.length > 0 && (
              <Banner tone="critical" title={text.deadTitle(deadJobs.length)}>
                <BlockStack gap="200">
                  {deadJobs.map((job) => (
                    <InlineStack key={job.id} gap="300" blockAlign="center" wrap={false}>
                      <Text as="span" fontWeight="semibold">{`${job.kind} ${job.subject}`}</Text>
                      <Text as="span" tone="subdued" truncate>{job.lastError ?? ""}</Text>
                      <Form method="post">
                        <input type="hidden" name="intent" value="retry" />
                        <input type="hidden" name="jobId" value={job.id} />
                        <Button submit size="slim" disabled={busy} accessibilityLabel={text.retryJob(job.kind, job.subject)}>{text.retry}</Button>
                      </Form>
                    </InlineStack>
                  ))}
                </BlockStack>
              </Banner>
            )}
            <Card>
              <InlineStack align="space-between" blockAlign="center">
                <BlockStack gap="100">
                  <Text as="h2" variant="headingMd">{text.syncHeading}</Text>
                  <Text as="p" tone="subdued">
                    {lastReconciledAt ? text.lastSync(formatDateTime(lastReconciledAt)) : text.neverSynced}
                    {" · "}
                    {text.backlog(backlog.deliveries + backlog.jobs)}
                  </Text>
                </BlockStack>
                <Form method="post">
                  <input type="hidden" name="intent" value="resync" />
                  <Button submit variant="primary" loading={busy}>{text.resync}</Button>
                </Form>
              </InlineStack>
            </Card>
            <Card padding="0">
              <EmptyOr empty={entries.length === 0} heading={text.emptyHeading} body={text.emptyBody}>
                <IndexTable
                  resourceName={{ singular: text.entry, plural: text.entries }}
                  itemCount={entries.length}
                  selectable={false}
                  headings={[{ title: text.columns.when }, { title: text.columns.what }, { title: text.columns.message }, { title: text.columns.cause }]}
                  loading={navigation.state === "loading"}
                  pagination={{
                    hasNext: olderThan !== null,
                    hasPrevious: newerThan !== null,
                    onNext: () => setSearchParams({ before: String(olderThan) }, { preventScrollReset: true }),
                    onPrevious: () => setSearchParams({ after: String(newerThan) }, { preventScrollReset: true }),
                  }}
                >
                  {entries.map((entry, index) => (
                    <IndexTable.Row id={String(entry.id)} key={entry.id} position={index}>
                      <IndexTable.Cell>{formatDateTime(entry.at)}</IndexTable.Cell>
                      <IndexTable.Cell>
                        <Badge tone={entry.kind === "job.dead" ? "critical" : undefined}>{entry.kind}</Badge>
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        <Wrapping>{entry.message}</Wrapping>
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        <Wrapping>
                          <Cause cause={entry.cause} formatDateTime={formatDateTime} />
                        </Wrapping>
                      </IndexTable.Cell>
                    </IndexTable.Row>
                  ))}
                </IndexTable>
              </EmptyOr>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function Cause({ cause, formatDateTime }: { cause: ActivityCause; formatDateTime: (value: string) => string }) {
  const text = strings.activity.causes;
  if (cause.kind === "webhook") {
    return (
      <BlockStack gap="050">
        <Text as="span">{text.webhook(cause.topic)}</Text>
        <Text as="span" tone="subdued" variant="bodySm">
          {cause.triggeredAt ? text.webhookDetails(cause.webhookId, formatDateTime(cause.triggeredAt)) : cause.webhookId}
        </Text>
      </BlockStack>
    );
  }
  return <Text as="span">{cause.kind === "unknown" ? text.unknown : text[cause.kind]}</Text>;
}

/** Table cells keep to one line by default; the log's sentences and webhook ids wrap instead of widening the table. */
function Wrapping({ children }: { children: ReactNode }) {
  return <div style={{ whiteSpace: "normal", overflowWrap: "anywhere", minWidth: "12rem" }}>{children}</div>;
}
