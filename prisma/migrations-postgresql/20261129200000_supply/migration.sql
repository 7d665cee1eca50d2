-- AlterTable
ALTER TABLE "VariantRule" ADD COLUMN     "restockQuantity" INTEGER;

-- CreateTable
CREATE TABLE "SupplyLine" (
    "shop" TEXT NOT NULL,
    "shipmentId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "transferId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "arrivesAt" TEXT,
    "status" TEXT NOT NULL,
    "lastChange" TEXT NOT NULL,
    "lastChangeAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SupplyLine_pkey" PRIMARY KEY ("shop","shipmentId","variantId")
);

-- CreateTable
CREATE TABLE "PromiseChange" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "lineItemId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "fromDate" TEXT,
    "toDate" TEXT,
    "cause" TEXT NOT NULL,
    "source" TEXT,
    "queuePosition" INTEGER,

    CONSTRAINT "PromiseChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SupplyLine_shop_variantId_idx" ON "SupplyLine"("shop", "variantId");

-- CreateIndex
CREATE INDEX "SupplyLine_shop_transferId_idx" ON "SupplyLine"("shop", "transferId");

-- CreateIndex
CREATE INDEX "PromiseChange_shop_lineItemId_locationId_idx" ON "PromiseChange"("shop", "lineItemId", "locationId");

-- CreateIndex
CREATE INDEX "PromiseChange_shop_at_idx" ON "PromiseChange"("shop", "at");

