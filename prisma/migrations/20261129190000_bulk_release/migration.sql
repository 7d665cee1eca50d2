-- Holds in a bulk release: "pending" until its operation starts, then the operation's id.
ALTER TABLE "AppHold" ADD COLUMN "bulkRelease" TEXT;
CREATE INDEX "AppHold_shop_bulkRelease_idx" ON "AppHold"("shop", "bulkRelease");
