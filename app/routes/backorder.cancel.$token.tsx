/**
 * The customer's cancel page (public, not embedded, no admin session): the token in the address is
 * the credential. GET shows what would be cancelled; the form's POST cancels it. No CSRF token is
 * needed: a forged POST can only do what the link's owner may do with the link, once.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import prisma from "../db.server";
import { customerLocaleOf } from "../domain/cancel-token";
import { engineContext } from "../engine/context.server";
import { confirmCancel, CUSTOMER_SOURCE, readCancelPage, type CancelPage } from "../engine/customer-cancel.server";
import { cancelPageWords } from "../i18n/customer-cancel-words";
import { merchantContext } from "../jobs/app-worker.server";

const STATUS: Record<CancelPage["state"], number> = { confirm: 200, cancelled: 200, already_cancelled: 200, no_longer_waiting: 200, invalid: 400, expired: 410, not_editable: 409, unavailable: 503 };

/** The browser's first language, for pages whose token cannot say (a forged or broken link). */
const localeHint = (request: Request) => customerLocaleOf(request.headers.get("accept-language")?.split(",")[0]);

// The address carries the token: never cached, never sent on as a referrer.
const answer = (page: CancelPage) => Response.json(page, { status: STATUS[page.state], headers: { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } });

export const loader = async ({ request, params }: LoaderFunctionArgs) => answer(await readCancelPage(prisma, params.token ?? "", { localeHint: localeHint(request) }));

/** The shop's Admin API and settings, as the merchant's actions get them, with the customer as the cause. */
async function customerContext(shop: string) {
  const ctx = await merchantContext(shop);
  return ctx && engineContext({ db: ctx.db, shop, admin: ctx.admin, settings: ctx.settings, source: CUSTOMER_SOURCE });
}

export const action = async ({ request, params }: ActionFunctionArgs) => answer(await confirmCancel(prisma, params.token ?? "", customerContext, { localeHint: localeHint(request) }));

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: cancelPageWords(data?.locale ?? "en").title }];

const STYLE = `
body { margin: 0; background: #f6f6f7; color: #202223; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.cancel-page { max-width: 34rem; margin: 3rem auto; padding: 2rem; background: #fff; border: 1px solid #d2d5d8; border-radius: 12px; }
.cancel-page h1 { font-size: 1.5rem; line-height: 1.3; margin: 0 0 1rem; }
.cancel-page button { font: inherit; font-weight: 600; color: #fff; background: #b42318; border: 0; border-radius: 8px; padding: 0.75rem 1.25rem; cursor: pointer; }
.cancel-page button:focus-visible { outline: 3px solid #2c6ecb; outline-offset: 2px; }
.cancel-page .note { color: #454a50; }
`;

function Body({ page }: { page: CancelPage }) {
  const words = cancelPageWords(page.locale);
  switch (page.state) {
    case "confirm":
      return (
        <>
          <h1>{words.confirmHeading}</h1>
          <p>{words.waiting(page.orderName, page.product, page.units)}</p>
          <p>{words.confirmExplain}</p>
          <form method="post">
            <button type="submit">{words.confirmButton}</button>
          </form>
          <p className="note">{words.keepWaiting}</p>
        </>
      );
    case "cancelled":
      return (
        <>
          <h1>{words.cancelledHeading}</h1>
          <p>{words.cancelled(page.orderName, page.product, page.units)}</p>
          {page.refundDue && Number(page.refundDue.amount) < 0 ? <p>{words.refundDue(page.refundDue.amount, page.refundDue.currencyCode)}</p> : null}
        </>
      );
    case "already_cancelled":
      return <Message heading={words.alreadyCancelledHeading} text={words.alreadyCancelled(page.orderName)} />;
    case "no_longer_waiting":
      return <Message heading={words.noLongerWaitingHeading} text={words.noLongerWaiting(page.orderName)} />;
    case "expired":
      return <Message heading={words.expiredHeading} text={words.expired} />;
    case "not_editable":
      return <Message heading={words.notEditableHeading} text={words.notEditable} />;
    case "unavailable":
      return <Message heading={words.unavailableHeading} text={words.unavailable} />;
    default:
      return <Message heading={words.invalidHeading} text={words.invalid} />;
  }
}

function Message({ heading, text }: { heading: string; text: string }) {
  return (
    <>
      <h1>{heading}</h1>
      <p>{text}</p>
    </>
  );
}

export default function CustomerCancelPage() {
  const shown = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  const page = (done ?? shown) as CancelPage;
  return (
    <main className="cancel-page" lang={page.locale}>
      <style>{STYLE}</style>
      <Body page={page} />
    </main>
  );
}
