-- Promise accuracy reads the lines released in a period: bounded by the period, not by the shop's history.
CREATE INDEX "BackorderLine_shop_releasedAt_idx" ON "BackorderLine"("shop", "releasedAt");
