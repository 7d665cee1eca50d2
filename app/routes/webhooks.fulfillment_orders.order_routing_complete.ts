import { webhookAction } from "../webhooks/receive.server";

export const action = webhookAction("fulfillment_orders/order_routing_complete");
