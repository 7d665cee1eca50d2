-- The app's own holds with Shopify's hold ids: releases of covered orders go out in batches without re-reading the orders.
CREATE TABLE "AppHold" (
    "shop" TEXT NOT NULL,
    "fulfillmentOrderId" TEXT NOT NULL,
    "holdId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("shop", "fulfillmentOrderId")
);
CREATE INDEX "AppHold_shop_orderId_idx" ON "AppHold"("shop", "orderId");
