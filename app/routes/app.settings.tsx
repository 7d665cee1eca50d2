import { useEffect, useState } from "react";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Card, ChoiceList, FormLayout, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { SaveBar, TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import prisma from "../db.server";
import { authenticate } from "../shopify.server";
import { loadSettingsPage, parseSettingsForm, saveSettings, type SettingsErrors, type SettingsField, type SettingsFormValues } from "../models/settings.server";
import { strings } from "../i18n/strings";
import { DATE_STYLES, formatDate } from "../i18n/dates";
import { ADMIN_LOCALE } from "../components/use-shop-dates";
import { ChosenProductsField } from "../components/chosen-products-field";
import { NoticeSettingsSection } from "../components/notice-settings";
import { loadNoticeSection } from "../models/notice-settings.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  return { ...(await loadSettingsPage(prisma, session.shop, admin.graphql)), notices: await loadNoticeSection(prisma, session.shop, admin.graphql) };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const parsed = parseSettingsForm(await request.formData());
  if (!parsed.ok) return data({ ok: false as const, errors: parsed.errors }, { status: 400 });
  const values = await saveSettings(prisma, session.shop, parsed.value);
  return data({ ok: true as const, values });
};

const SAVE_BAR_ID = "settings-save-bar";
const text = strings.settings;

const titlesOf = (products: { id: string; title: string | null }[]): Record<string, string> =>
  Object.fromEntries(products.flatMap((product) => (product.title === null ? [] : [[product.id, product.title] as const])));

const sameValues = (a: SettingsFormValues, b: SettingsFormValues) => (Object.keys(a) as SettingsField[]).every((field) => a[field] === b[field]);

export default function Settings() {
  const { values: loaded, chosenProducts, timezone, today, limits, scopeKinds, fulfilmentModes, locationMoveChoices, notices } = useLoaderData<typeof loader>();
  const fetcher = useFetcher<typeof action>();
  const shopify = useAppBridge();
  const [saved, setSaved] = useState<SettingsFormValues>(loaded);
  const [values, setValues] = useState<SettingsFormValues>(loaded);
  const [errors, setErrors] = useState<SettingsErrors>({});
  // Display only: the form submits ids; titles come from the loader and from the picker.
  const [productTitles, setProductTitles] = useState(() => titlesOf(chosenProducts));
  const [handled, setHandled] = useState(fetcher.data);

  // Each answer from the server is taken in once, while rendering (no effect round trip).
  if (fetcher.data !== handled) {
    setHandled(fetcher.data);
    if (fetcher.data?.ok) {
      setSaved(fetcher.data.values);
      setValues(fetcher.data.values);
      setErrors({});
    } else if (fetcher.data) {
      setErrors(fetcher.data.errors);
    }
  }

  const savedOk = fetcher.state === "idle" && fetcher.data?.ok === true ? fetcher.data : null;
  useEffect(() => {
    if (savedOk) shopify.toast.show(text.saved);
  }, [savedOk, shopify]);

  const busy = fetcher.state !== "idle";
  const dirty = !sameValues(values, saved);
  const hasErrors = Object.keys(errors).length > 0;

  const set = (field: SettingsField) => (value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => {
      if (!(field in current)) return current;
      const rest = { ...current };
      delete rest[field];
      return rest;
    });
  };

  /** The settings that are whole numbers of units or days. */
  const wholeNumberField = (field: SettingsField, label: string, helpText: string, max: number, required = false) => (
    <TextField
      label={label}
      name={field}
      type="number"
      inputMode="numeric"
      min={0}
      max={max}
      autoComplete="off"
      value={values[field]}
      onChange={set(field)}
      helpText={helpText}
      error={errors[field]}
      requiredIndicator={required}
    />
  );

  const save = () => fetcher.submit(values, { method: "post" });
  const discard = () => {
    setValues(saved);
    setErrors({});
  };

  return (
    <Page primaryAction={{ content: text.save, onAction: save, loading: busy, disabled: !dirty || busy }}>
      <TitleBar title={text.title} />
      <SaveBar id={SAVE_BAR_ID} open={dirty}>
        <button {...{ variant: "primary" }} onClick={save} disabled={busy}>
          {text.save}
        </button>
        <button onClick={discard} disabled={busy}>
          {text.discard}
        </button>
      </SaveBar>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
        onReset={discard}
        aria-label={text.title}
      >
        <Layout>
          {hasErrors && (
            <Layout.Section>
              <Banner tone="critical" title={text.errorBanner} />
            </Layout.Section>
          )}
          <Layout.AnnotatedSection title={text.scope.heading}>
            <Card>
              <FormLayout>
                <ChoiceList
                  title={text.scope.label}
                  name="scopeKind"
                  choices={scopeKinds.map((kind) => ({ value: kind, label: text.scope[kind], helpText: text.scope[`${kind}Help`] }))}
                  selected={[values.scopeKind]}
                  onChange={([kind]) => set("scopeKind")(kind ?? "all")}
                  error={errors.scopeKind}
                />
                {values.scopeKind === "tagged" && (
                  <TextField
                    label={text.scope.tagLabel}
                    name="scopeTag"
                    autoComplete="off"
                    value={values.scopeTag}
                    onChange={set("scopeTag")}
                    helpText={text.scope.tagHelp}
                    maxLength={limits.tagLength}
                    error={errors.scopeTag}
                    requiredIndicator
                  />
                )}
                {values.scopeKind === "chosen" && (
                  <ChosenProductsField
                    value={values.scopeProductIds}
                    titles={productTitles}
                    error={errors.scopeProductIds}
                    onChange={(ids, pickedTitles) => {
                      setProductTitles((known) => ({ ...known, ...pickedTitles }));
                      set("scopeProductIds")(ids);
                    }}
                  />
                )}
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection title={text.limits.heading}>
            <Card>
              {wholeNumberField("waitingCapPerVariant", text.limits.capLabel, text.limits.capHelp, limits.capMax)}
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection title={text.dates.heading} description={text.dates.timezone(timezone)}>
            <Card>
              <FormLayout>
                <FormLayout.Group>
                  {wholeNumberField("defaultLeadTimeDays", text.dates.leadTimeLabel, text.dates.leadTimeHelp, limits.leadTimeMax)}
                  {wholeNumberField("handlingDays", text.dates.handlingLabel, text.dates.handlingHelp, limits.handlingMax, true)}
                </FormLayout.Group>
                {(["restockMessage", "soldOutMessage"] as const).map((field) => (
                  <TextField
                    key={field}
                    label={text.dates.messages[field].label}
                    name={field}
                    autoComplete="off"
                    multiline={2}
                    value={values[field]}
                    onChange={set(field)}
                    helpText={text.dates.messages[field].help}
                    maxLength={limits.messageLength}
                    showCharacterCount
                    error={errors[field]}
                  />
                ))}
                <Select
                  label={text.dates.styleLabel}
                  name="dateStyle"
                  options={DATE_STYLES.map((style) => ({ value: style, label: text.dates.styleExample(text.dates.styles[style], formatDate(today, { style, locale: ADMIN_LOCALE })) }))}
                  value={values.dateStyle}
                  onChange={set("dateStyle")}
                  helpText={text.dates.styleHelp}
                  error={errors.dateStyle}
                />
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection title={text.fulfilment.heading}>
            <Card>
              <BlockStack gap="200">
                <ChoiceList
                  title={text.fulfilment.label}
                  name="fulfilmentMode"
                  choices={fulfilmentModes.map((mode) => ({ value: mode, label: text.fulfilment[mode], helpText: text.fulfilment[`${mode}Help`] }))}
                  selected={[values.fulfilmentMode]}
                  onChange={([mode]) => set("fulfilmentMode")(mode ?? "hold_release")}
                  error={errors.fulfilmentMode}
                />
              </BlockStack>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection title={strings.locationMoves.heading}>
            <Card>
              <ChoiceList
                title={strings.locationMoves.label}
                name="locationMoves"
                choices={locationMoveChoices.map((choice) => ({ value: choice, label: strings.locationMoves[choice], helpText: strings.locationMoves[`${choice}Help`] }))}
                selected={[values.locationMoves]}
                onChange={([choice]) => set("locationMoves")(choice ?? "off")}
                error={errors.locationMoves}
              />
            </Card>
          </Layout.AnnotatedSection>
          {dirty && (
            <Layout.Section>
              <Text as="p" tone="subdued">
                {text.unsaved}
              </Text>
            </Layout.Section>
          )}
        </Layout>
      </form>
      <NoticeSettingsSection data={notices} />
    </Page>
  );
}
