-- The merchant's restock date as a supply line: for how many units (null: all).
ALTER TABLE "VariantRule" ADD COLUMN "restockQuantity" INTEGER;

-- Stock on its way, per shipment and variant (inventory transfers and shipments).
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
    "lastChangeAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "shipmentId", "variantId")
);
CREATE INDEX "SupplyLine_shop_variantId_idx" ON "SupplyLine"("shop", "variantId");
CREATE INDEX "SupplyLine_shop_transferId_idx" ON "SupplyLine"("shop", "transferId");

-- Each waiting line's promises and why they changed.
CREATE TABLE "PromiseChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "lineItemId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "fromDate" TEXT,
    "toDate" TEXT,
    "cause" TEXT NOT NULL,
    "source" TEXT,
    "queuePosition" INTEGER
);
CREATE INDEX "PromiseChange_shop_lineItemId_locationId_idx" ON "PromiseChange"("shop", "lineItemId", "locationId");
CREATE INDEX "PromiseChange_shop_at_idx" ON "PromiseChange"("shop", "at");
