import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook } from "../webhooks/inbox.server";

// orders/edited: verified and stored in the inbox; processed off the request.
export const action = ({ request }: ActionFunctionArgs) => receiveWebhook(request);
