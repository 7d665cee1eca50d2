-- An order older than Shopify's 60-day window that the app can no longer read.
ALTER TABLE "BackorderLine" ADD COLUMN "orderUnreadableAt" DATETIME;
