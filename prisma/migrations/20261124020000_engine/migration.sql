-- CreateTable
CREATE TABLE "ShopSettings" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "scopeKind" TEXT NOT NULL DEFAULT 'all',
    "scopeTag" TEXT,
    "scopeProductIds" TEXT NOT NULL DEFAULT '[]',
    "waitingCapPerVariant" INTEGER,
    "defaultLeadTimeDays" INTEGER DEFAULT 14,
    "handlingDays" INTEGER NOT NULL DEFAULT 1,
    "restockMessage" TEXT,
    "fulfilmentMode" TEXT NOT NULL DEFAULT 'hold_release',
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "installedAt" DATETIME,
    "uninstalledAt" DATETIME,
    "lastReconciledAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "VariantRule" (
    "shop" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "override" TEXT,
    "restockDate" TEXT,
    "waitingCap" INTEGER,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "variantId")
);

-- CreateTable
CREATE TABLE "TrackedVariant" (
    "shop" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "inventoryItemId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "sku" TEXT,
    "price" TEXT NOT NULL DEFAULT '0',
    "merchantPolicy" TEXT NOT NULL,
    "appliedPolicy" TEXT,
    "status" TEXT NOT NULL,
    "sellable" INTEGER NOT NULL,
    "waitingUnits" INTEGER NOT NULL DEFAULT 0,
    "nextShipsOn" TEXT,
    "levelsUpdatedAt" DATETIME,
    "syncedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("shop", "variantId")
);

-- CreateTable
CREATE TABLE "BackorderLine" (
    "shop" TEXT NOT NULL,
    "lineItemId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "orderName" TEXT NOT NULL,
    "orderedAt" DATETIME NOT NULL,
    "variantId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "fulfillmentOrderId" TEXT,
    "heldIn" TEXT,
    "quantity" INTEGER NOT NULL,
    "waitingUnits" INTEGER NOT NULL,
    "queuePosition" INTEGER,
    "shipsOn" TEXT,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "state" TEXT NOT NULL DEFAULT 'waiting',
    "unitPrice" TEXT NOT NULL DEFAULT '0',
    "orderUpdatedAt" DATETIME,
    "customerEmail" TEXT,
    "customerName" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "releasedAt" DATETIME,

    PRIMARY KEY ("shop", "lineItemId", "locationId")
);

-- CreateTable
CREATE TABLE "Activity" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "source" TEXT,
    "details" TEXT
);

-- CreateIndex
CREATE INDEX "TrackedVariant_shop_inventoryItemId_idx" ON "TrackedVariant"("shop", "inventoryItemId");

-- CreateIndex
CREATE INDEX "TrackedVariant_shop_status_idx" ON "TrackedVariant"("shop", "status");

-- CreateIndex
CREATE INDEX "BackorderLine_shop_variantId_state_idx" ON "BackorderLine"("shop", "variantId", "state");

-- CreateIndex
CREATE INDEX "BackorderLine_shop_orderId_idx" ON "BackorderLine"("shop", "orderId");

-- CreateIndex
CREATE INDEX "BackorderLine_shop_state_idx" ON "BackorderLine"("shop", "state");

-- CreateIndex
CREATE INDEX "Activity_shop_at_idx" ON "Activity"("shop", "at");

