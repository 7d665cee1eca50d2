-- AlterTable
ALTER TABLE "NotifiedOrder" ADD COLUMN     "awaitingRouting" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "VariantLevel" ADD COLUMN     "onHand" INTEGER,
ADD COLUMN     "unexplained" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "BulkOperationRun" (
    "operationId" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "purpose" TEXT,
    "lines" INTEGER,
    "status" TEXT NOT NULL,
    "errorCode" TEXT,
    "objectCount" INTEGER NOT NULL DEFAULT 0,
    "url" TEXT,
    "partialDataUrl" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "resultsReadAt" TIMESTAMP(3),

    CONSTRAINT "BulkOperationRun_pkey" PRIMARY KEY ("operationId")
);

-- CreateTable
CREATE TABLE "AppHold" (
    "shop" TEXT NOT NULL,
    "fulfillmentOrderId" TEXT NOT NULL,
    "holdId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AppHold_pkey" PRIMARY KEY ("shop","fulfillmentOrderId")
);

-- CreateIndex
CREATE INDEX "BulkOperationRun_shop_status_idx" ON "BulkOperationRun"("shop", "status");

-- CreateIndex
CREATE INDEX "AppHold_shop_orderId_idx" ON "AppHold"("shop", "orderId");

-- CreateIndex
CREATE INDEX "BackorderLine_shop_fulfillmentOrderId_idx" ON "BackorderLine"("shop", "fulfillmentOrderId");

