import { webhookAction } from "../webhooks/receive.server";

export const action = webhookAction("app/scopes_update");
