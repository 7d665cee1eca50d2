/** Webhook delivery for the sandbox: read the app's subscriptions, then deliver shop events. */
export { createWebhookDispatcher, resolveUri, DEFAULT_RETRY_SCHEDULE_MS } from "./dispatcher";
export type { DeliveryAttempt, DeliveryLogEntry, DeliveryOutcome, DispatcherSubscription, WebhookDispatcher, WebhookDispatcherOptions } from "./dispatcher";
export type { WebhookFaults } from "./faults";
export { parseWebhookConfig, readSubscriptions, readWebhookConfig } from "./subscriptions";
export type { AppWebhookConfig, WebhookSubscription } from "./subscriptions";
export { signWebhookBody, verifyWebhookBody } from "./sign";
