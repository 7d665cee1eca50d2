-- AlterTable
ALTER TABLE "AppHold" ADD COLUMN     "bulkRelease" TEXT;

-- CreateIndex
CREATE INDEX "AppHold_shop_bulkRelease_idx" ON "AppHold"("shop", "bulkRelease");

