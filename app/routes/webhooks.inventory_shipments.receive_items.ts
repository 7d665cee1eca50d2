import { webhookAction } from "../webhooks/receive.server";

export const action = webhookAction("inventory_shipments/receive_items");
