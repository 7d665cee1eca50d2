import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useLocation, useNavigation, useRouteError } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import prisma from "../db.server";
import { authenticate } from "../shopify.server";
import { loadSettings } from "../engine/settings.server";
import { dateStyleOf } from "../i18n/dates";
import { strings } from "../i18n/strings";
import { isLeavingPage, PageSkeleton } from "../components/page-skeleton";
import { useRememberEmbeddedContext } from "../components/embedded-context";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const settings = await loadSettings(prisma, session.shop);
  return {
    apiKey: process.env.SHOPIFY_API_KEY ?? "",
    shop: session.shop,
    // Offline sandbox: App Bridge comes from the sandbox, not Shopify's CDN.
    appBridgeUrl: process.env.APP_BRIDGE_URL,
    // Every admin page reads dates this way (useShopDates).
    dates: { style: dateStyleOf(settings.dateStyle), timeZone: settings.timezone },
  };
};

export default function AppLayout() {
  const { apiKey, appBridgeUrl, shop } = useLoaderData<typeof loader>();
  useRememberEmbeddedContext(shop);
  const navigation = useNavigation();
  const { pathname } = useLocation();
  const loadingAnotherPage = navigation.state === "loading" && isLeavingPage(pathname, navigation.location?.pathname);
  return (
    <AppProvider isEmbeddedApp apiKey={apiKey} {...(appBridgeUrl ? { __APP_BRIDGE_URL: appBridgeUrl } : {})}>
      <NavMenu>
        <Link to="/app" rel="home">
          {strings.nav.home}
        </Link>
        <Link to="/app/variants">{strings.nav.variants}</Link>
        <Link to="/app/settings">{strings.nav.settings}</Link>
        <Link to="/app/activity">{strings.nav.activity}</Link>
        <Link to="/app/orders">{strings.nav.orders}</Link>
      </NavMenu>
      {loadingAnotherPage ? <PageSkeleton title={strings.loading} /> : <Outlet />}
    </AppProvider>
  );
}

// Shopify needs the library's error boundary and headers to keep embedded auth working.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
