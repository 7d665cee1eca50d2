import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook } from "../webhooks/inbox.server";

// products/create: verified and stored in the inbox; processed off the request.
export const action = ({ request }: ActionFunctionArgs) => receiveWebhook(request);
