-- AlterTable
ALTER TABLE "BackorderLine" ADD COLUMN "merchantAction" TEXT;
ALTER TABLE "BackorderLine" ADD COLUMN "merchantActionAt" DATETIME;

-- CreateTable
CREATE TABLE "VariantLevel" (
    "shop" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "locationName" TEXT NOT NULL,
    "available" INTEGER NOT NULL,
    "incoming" INTEGER NOT NULL DEFAULT 0,
    "syncedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("shop", "variantId", "locationId")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ShopSettings" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "scopeKind" TEXT NOT NULL DEFAULT 'all',
    "scopeTag" TEXT,
    "scopeProductIds" TEXT NOT NULL DEFAULT '[]',
    "waitingCapPerVariant" INTEGER,
    "defaultLeadTimeDays" INTEGER DEFAULT 14,
    "handlingDays" INTEGER NOT NULL DEFAULT 1,
    "restockMessage" TEXT,
    "soldOutMessage" TEXT,
    "dateStyle" TEXT NOT NULL DEFAULT 'medium',
    "fulfilmentMode" TEXT NOT NULL DEFAULT 'hold_release',
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "installedAt" DATETIME,
    "uninstalledAt" DATETIME,
    "lastReconciledAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_ShopSettings" ("defaultLeadTimeDays", "fulfilmentMode", "handlingDays", "installedAt", "lastReconciledAt", "restockMessage", "scopeKind", "scopeProductIds", "scopeTag", "shop", "timezone", "uninstalledAt", "updatedAt", "waitingCapPerVariant") SELECT "defaultLeadTimeDays", "fulfilmentMode", "handlingDays", "installedAt", "lastReconciledAt", "restockMessage", "scopeKind", "scopeProductIds", "scopeTag", "shop", "timezone", "uninstalledAt", "updatedAt", "waitingCapPerVariant" FROM "ShopSettings";
DROP TABLE "ShopSettings";
ALTER TABLE "new_ShopSettings" RENAME TO "ShopSettings";
CREATE TABLE "new_TrackedVariant" (
    "shop" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "inventoryItemId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "sku" TEXT,
    "vendor" TEXT,
    "productType" TEXT,
    "price" TEXT NOT NULL DEFAULT '0',
    "merchantPolicy" TEXT NOT NULL,
    "appliedPolicy" TEXT,
    "status" TEXT NOT NULL,
    "sellable" INTEGER NOT NULL,
    "waitingUnits" INTEGER NOT NULL DEFAULT 0,
    "waitingValue" REAL NOT NULL DEFAULT 0,
    "oldestWaitingAt" DATETIME,
    "nextShipsOn" TEXT,
    "levelsUpdatedAt" DATETIME,
    "syncedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("shop", "variantId")
);
INSERT INTO "new_TrackedVariant" ("appliedPolicy", "inventoryItemId", "levelsUpdatedAt", "merchantPolicy", "nextShipsOn", "price", "productId", "sellable", "shop", "sku", "status", "syncedAt", "title", "variantId", "waitingUnits") SELECT "appliedPolicy", "inventoryItemId", "levelsUpdatedAt", "merchantPolicy", "nextShipsOn", "price", "productId", "sellable", "shop", "sku", "status", "syncedAt", "title", "variantId", "waitingUnits" FROM "TrackedVariant";
DROP TABLE "TrackedVariant";
ALTER TABLE "new_TrackedVariant" RENAME TO "TrackedVariant";
CREATE INDEX "TrackedVariant_shop_inventoryItemId_idx" ON "TrackedVariant"("shop", "inventoryItemId");
CREATE INDEX "TrackedVariant_shop_status_idx" ON "TrackedVariant"("shop", "status");
CREATE INDEX "TrackedVariant_shop_waitingUnits_idx" ON "TrackedVariant"("shop", "waitingUnits");
CREATE INDEX "TrackedVariant_shop_waitingValue_idx" ON "TrackedVariant"("shop", "waitingValue");
CREATE INDEX "TrackedVariant_shop_nextShipsOn_idx" ON "TrackedVariant"("shop", "nextShipsOn");
CREATE INDEX "TrackedVariant_shop_oldestWaitingAt_idx" ON "TrackedVariant"("shop", "oldestWaitingAt");
CREATE INDEX "TrackedVariant_shop_vendor_idx" ON "TrackedVariant"("shop", "vendor");
CREATE INDEX "TrackedVariant_shop_productType_idx" ON "TrackedVariant"("shop", "productType");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "VariantLevel_shop_locationId_idx" ON "VariantLevel"("shop", "locationId");


-- Backfill the sort columns for variants synced before this migration (the next sync keeps them).
UPDATE "TrackedVariant" SET "waitingValue" = CAST("price" AS REAL) * "waitingUnits";
UPDATE "TrackedVariant" SET "oldestWaitingAt" = (
    SELECT MIN(b."orderedAt") FROM "BackorderLine" b
    WHERE b."shop" = "TrackedVariant"."shop" AND b."variantId" = "TrackedVariant"."variantId" AND b."state" = 'waiting' AND b."waitingUnits" > 0
);
