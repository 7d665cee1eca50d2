-- Orders Shopify announced for a variant, read by id while order search does not show them yet.
CREATE TABLE "NotifiedOrder" (
    "shop" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("shop", "variantId", "orderId")
);
