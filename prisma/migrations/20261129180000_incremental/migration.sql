-- The counts the app last decided on, so the next event can tell stock that arrived from orders that left.
ALTER TABLE "VariantLevel" ADD COLUMN "onHand" INTEGER;
ALTER TABLE "VariantLevel" ADD COLUMN "unexplained" INTEGER NOT NULL DEFAULT 0;

-- Announced orders read before Shopify routed them: a routing webhook then syncs their variants without a read.
ALTER TABLE "NotifiedOrder" ADD COLUMN "awaitingRouting" BOOLEAN NOT NULL DEFAULT false;

-- A routing webhook names a fulfillment order: one already on a waiting line needs no read.
CREATE INDEX "BackorderLine_shop_fulfillmentOrderId_idx" ON "BackorderLine"("shop", "fulfillmentOrderId");
