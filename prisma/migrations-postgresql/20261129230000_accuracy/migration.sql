-- CreateIndex
CREATE INDEX "BackorderLine_shop_releasedAt_idx" ON "BackorderLine"("shop", "releasedAt");

