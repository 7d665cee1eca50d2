import { webhookAction } from "../webhooks/receive.server";

export const action = webhookAction("fulfillment_holds/released");
