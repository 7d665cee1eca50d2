/**
 * Settings' customer emails: each email on or off, its Liquid templates, and a live preview the
 * server renders from a made-up order (app/routes/app.notices.tsx). A template that does not parse
 * shows why, and saving it saves nothing.
 */
import { useEffect, useState } from "react";
import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Box, Button, Card, Checkbox, InlineStack, Layout, Select, Text, TextField } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import type { NoticeKind } from "../domain/notices";
import type { NoticeFormResult, NoticeSectionData } from "../models/notice-settings.server";
import type { NoticeSettings, TemplateErrors } from "../notices/settings.server";
import type { RenderedNotice } from "../notices/templates";
import { strings } from "../i18n/strings";

const text = strings.notices;
const PREVIEW_DELAY_MS = 400;

export function NoticeSettingsSection({ data }: { data: NoticeSectionData }) {
  return (
    <Layout>
      <Layout.AnnotatedSection title={text.heading} description={text.intro}>
        <BlockStack gap="400">
          {data.offReason && <Banner tone="warning">{data.offReason}</Banner>}
          {(["confirmation", "new_date"] as const).map((kind) => (
            <NoticeEditor key={kind} kind={kind} saved={data.settings[kind]} initialPreview={data.previews[kind]} locales={data.locales} />
          ))}
        </BlockStack>
      </Layout.AnnotatedSection>
    </Layout>
  );
}

const asForm = (kind: NoticeKind, intent: "preview" | "save", values: NoticeSettings, locale: string) => ({
  kind,
  intent,
  locale,
  enabled: String(values.enabled),
  subject: values.subject,
  html: values.html,
  text: values.text,
});

function NoticeEditor({ kind, saved, initialPreview, locales }: { kind: NoticeKind; saved: NoticeSettings; initialPreview: RenderedNotice | null; locales: readonly string[] }) {
  const previewer = useFetcher<NoticeFormResult>();
  const saver = useFetcher<NoticeFormResult>();
  const shopify = useAppBridge();
  const [values, setValues] = useState(saved);
  const [locale, setLocale] = useState("en");
  const [preview, setPreview] = useState(initialPreview);
  const [errors, setErrors] = useState<TemplateErrors>({});
  const [edited, setEdited] = useState(false);
  const [handled, setHandled] = useState<{ preview: unknown; save: unknown }>({ preview: previewer.data, save: saver.data });

  // Each answer taken in once, while rendering.
  if (previewer.data !== handled.preview || saver.data !== handled.save) {
    setHandled({ preview: previewer.data, save: saver.data });
    const answer = saver.data !== handled.save ? saver.data : previewer.data;
    if (answer?.ok && answer.intent === "preview") setPreview(answer.preview);
    if (answer?.ok) setErrors({});
    else if (answer) setErrors(answer.errors);
  }

  const savedOk = saver.state === "idle" && saver.data?.ok === true ? saver.data : null;
  useEffect(() => {
    if (savedOk) shopify.toast.show(text.saved);
  }, [savedOk, shopify]);

  // The preview follows the templates as typed, a moment after the typing stops.
  const submitPreview = previewer.submit;
  useEffect(() => {
    if (!edited) return;
    const timer = setTimeout(() => submitPreview(asForm(kind, "preview", values, locale), { method: "post", action: "/app/notices" }), PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [edited, values, locale, kind, submitPreview]);

  const change = (patch: Partial<NoticeSettings>) => {
    setValues((current) => ({ ...current, ...patch }));
    setEdited(true);
  };
  const labels = text.kinds[kind];
  const id = `notice-${kind}`;

  return (
    <Card>
      <section aria-labelledby={`${id}-heading`}>
        <BlockStack gap="400">
          <BlockStack gap="100">
            <Text as="h3" variant="headingMd" id={`${id}-heading`}>
              {labels.title}
            </Text>
            <Text as="p" tone="subdued">
              {labels.help}
            </Text>
          </BlockStack>
          <Checkbox label={text.enabled} checked={values.enabled} onChange={(enabled) => change({ enabled })} />
          <TextField label={text.subject} autoComplete="off" value={values.subject} onChange={(subject) => change({ subject })} error={errors.subject} />
          <TextField label={text.html} autoComplete="off" multiline={8} monospaced value={values.html} onChange={(html) => change({ html })} error={errors.html} helpText={text.templateHelp} />
          <TextField label={text.text} autoComplete="off" multiline={6} monospaced value={values.text} onChange={(plain) => change({ text: plain })} error={errors.text} />
          <Box background="bg-surface-secondary" padding="300" borderRadius="200">
            <BlockStack gap="200">
              <InlineStack align="space-between" blockAlign="center">
                <Text as="h4" variant="headingSm">
                  {text.previewHeading}
                </Text>
                <Select
                  label={text.previewLanguage}
                  labelInline
                  options={locales.map((value) => ({ value, label: text.languages[value] ?? value }))}
                  value={locale}
                  onChange={(next) => {
                    setLocale(next);
                    setEdited(true);
                  }}
                />
              </InlineStack>
              <Text as="p" tone="subdued">
                {text.previewNote}
              </Text>
              {preview && (
                <BlockStack gap="200">
                  <Text as="p" fontWeight="semibold" id={`${id}-subject`}>
                    {preview.subject}
                  </Text>
                  {/* The merchant's HTML runs nowhere: a frame without scripts, forms or same-origin access. */}
                  <iframe title={text.previewFrameTitle(labels.title)} sandbox="" srcDoc={preview.html} style={{ width: "100%", minHeight: 220, border: 0, background: "white" }} data-notice-preview={kind} />
                  <pre style={{ whiteSpace: "pre-wrap", margin: 0, fontFamily: "inherit" }} data-notice-preview-text={kind}>
                    {preview.text}
                  </pre>
                </BlockStack>
              )}
            </BlockStack>
          </Box>
          <InlineStack gap="200">
            <Button variant="primary" loading={saver.state !== "idle"} onClick={() => saver.submit(asForm(kind, "save", values, locale), { method: "post", action: "/app/notices" })}>
              {text.save}
            </Button>
          </InlineStack>
        </BlockStack>
      </section>
    </Card>
  );
}
