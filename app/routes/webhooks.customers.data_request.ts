import { webhookAction } from "../webhooks/receive.server";

export const action = webhookAction("customers/data_request");
