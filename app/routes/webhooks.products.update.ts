import { webhookAction } from "../webhooks/receive.server";

export const action = webhookAction("products/update");
