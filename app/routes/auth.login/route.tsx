import { useEffect, useState, useSyncExternalStore } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { Button, Card, FormLayout, Page, Spinner, Text, TextField, BlockStack, InlineStack } from "@shopify/polaris";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { login } from "../../shopify.server";
import { strings } from "../../i18n/strings";
import { resumeEmbeddedUrl } from "../../components/embedded-context";
import { loginErrorMessage } from "./login-errors";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

// The library's login path: a shop domain sends the merchant to Shopify to open (or install) the app.
export const loader = async ({ request }: LoaderFunctionArgs) => ({
  apiKey: process.env.SHOPIFY_API_KEY ?? "",
  errors: loginErrorMessage(await login(request)),
  // A frame reloaded on its own lands here without shop or host; the page may reopen it (below).
  framed: request.headers.get("Sec-Fetch-Dest") === "iframe",
});

export const action = async ({ request }: ActionFunctionArgs) => ({ errors: loginErrorMessage(await login(request)) });

const noSubscription = () => () => {};

export default function Login() {
  const { apiKey, errors: loaderErrors, framed } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors ?? loaderErrors;
  const [shop, setShop] = useState("");
  // Known only in the browser: where this frame was before it was reloaded ("none": nowhere to go back to).
  const resume = useSyncExternalStore(noSubscription, () => resumeEmbeddedUrl() ?? "none", () => "unknown");
  const reopening = framed && resume !== "none";

  useEffect(() => {
    if (resume !== "none" && resume !== "unknown") window.location.replace(resume);
  }, [resume]);

  return (
    <AppProvider isEmbeddedApp={false} apiKey={apiKey}>
      <Page narrowWidth>
        {reopening ? (
          <InlineStack gap="200" blockAlign="center">
            <Spinner size="small" accessibilityLabel={strings.login.reopening} />
            <Text as="p">{strings.login.reopening}</Text>
          </InlineStack>
        ) : (
          <Card>
            <Form method="post">
              <BlockStack gap="400">
                <Text as="h1" variant="headingLg">
                  {strings.login.title}
                </Text>
                <FormLayout>
                  <TextField
                    type="text"
                    name="shop"
                    label={strings.login.shopLabel}
                    helpText={strings.login.shopHelp}
                    value={shop}
                    onChange={setShop}
                    autoComplete="on"
                    error={errors.shop}
                  />
                  <Button submit variant="primary">
                    {strings.login.submit}
                  </Button>
                </FormLayout>
              </BlockStack>
            </Form>
          </Card>
        )}
      </Page>
    </AppProvider>
  );
}
