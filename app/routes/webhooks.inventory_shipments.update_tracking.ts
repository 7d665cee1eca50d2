import { webhookAction } from "../webhooks/receive.server";

export const action = webhookAction("inventory_shipments/update_tracking");
