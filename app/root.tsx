import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration } from "@remix-run/react";
import { strings } from "./i18n/strings";

// Every document needs a title (WCAG 2.4.2); pages inside Shopify admin are named by their TitleBar.
export const meta: MetaFunction = () => [{ title: strings.appName }];

export const links: LinksFunction = () => [{ rel: "icon", href: "/favicon.ico", type: "image/x-icon" }];

export default function App() {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="shopify-debug" content="web-vitals" />
        <Meta />
        <Links />
      </head>
      <body>
        <Outlet />
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}
