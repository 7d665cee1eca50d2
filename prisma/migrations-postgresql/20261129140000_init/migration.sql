-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "isOnline" BOOLEAN NOT NULL DEFAULT false,
    "scope" TEXT,
    "expires" TIMESTAMP(3),
    "accessToken" TEXT NOT NULL,
    "userId" BIGINT,
    "firstName" TEXT,
    "lastName" TEXT,
    "email" TEXT,
    "accountOwner" BOOLEAN NOT NULL DEFAULT false,
    "locale" TEXT,
    "collaborator" BOOLEAN DEFAULT false,
    "emailVerified" BOOLEAN DEFAULT false,
    "refreshToken" TEXT,
    "refreshTokenExpires" TIMESTAMP(3),

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "webhookId" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "eventId" TEXT,
    "apiVersion" TEXT NOT NULL,
    "triggeredAt" TIMESTAMP(3),
    "payload" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("webhookId")
);

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "runAfter" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "rerun" BOOLEAN NOT NULL DEFAULT false,
    "lockedBy" TEXT,
    "lockedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "source" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShopSettings" (
    "shop" TEXT NOT NULL,
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
    "locationMoves" TEXT NOT NULL DEFAULT 'off',
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "currencyCode" TEXT,
    "installedAt" TIMESTAMP(3),
    "uninstalledAt" TIMESTAMP(3),
    "lastReconciledAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShopSettings_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "VariantRule" (
    "shop" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "override" TEXT,
    "restockDate" TEXT,
    "waitingCap" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VariantRule_pkey" PRIMARY KEY ("shop","variantId")
);

-- CreateTable
CREATE TABLE "TrackedVariant" (
    "shop" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "inventoryItemId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "sku" TEXT,
    "vendor" TEXT,
    "productType" TEXT,
    "price" TEXT NOT NULL DEFAULT '0',
    "imageUrl" TEXT,
    "merchantPolicy" TEXT NOT NULL,
    "appliedPolicy" TEXT,
    "status" TEXT NOT NULL,
    "sellable" INTEGER NOT NULL,
    "waitingUnits" INTEGER NOT NULL DEFAULT 0,
    "unexplainedUnits" INTEGER NOT NULL DEFAULT 0,
    "waitingValue" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "oldestWaitingAt" TIMESTAMP(3),
    "nextShipsOn" TEXT,
    "levelsUpdatedAt" TIMESTAMP(3),
    "syncedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrackedVariant_pkey" PRIMARY KEY ("shop","variantId")
);

-- CreateTable
CREATE TABLE "VariantLevel" (
    "shop" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "locationName" TEXT NOT NULL,
    "available" INTEGER NOT NULL,
    "incoming" INTEGER NOT NULL DEFAULT 0,
    "syncedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VariantLevel_pkey" PRIMARY KEY ("shop","variantId","locationId")
);

-- CreateTable
CREATE TABLE "BackorderLine" (
    "shop" TEXT NOT NULL,
    "lineItemId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "orderName" TEXT NOT NULL,
    "orderedAt" TIMESTAMP(3) NOT NULL,
    "variantId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "fulfillmentOrderId" TEXT,
    "heldIn" TEXT,
    "canMoveTo" TEXT,
    "moveTo" TEXT,
    "quantity" INTEGER NOT NULL,
    "waitingUnits" INTEGER NOT NULL,
    "queuePosition" INTEGER,
    "shipsOn" TEXT,
    "promisedOn" TEXT,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "state" TEXT NOT NULL DEFAULT 'waiting',
    "merchantAction" TEXT,
    "merchantActionAt" TIMESTAMP(3),
    "unitPrice" TEXT NOT NULL DEFAULT '0',
    "orderUpdatedAt" TIMESTAMP(3),
    "customerEmail" TEXT,
    "customerName" TEXT,
    "orderUnreadableAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "releasedAt" TIMESTAMP(3),

    CONSTRAINT "BackorderLine_pkey" PRIMARY KEY ("shop","lineItemId","locationId")
);

-- CreateTable
CREATE TABLE "Activity" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "source" TEXT,
    "details" TEXT,

    CONSTRAINT "Activity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DailySnapshot" (
    "shop" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "waitingUnits" INTEGER NOT NULL,
    "waitingValueCents" BIGINT NOT NULL,
    "waitingLines" INTEGER NOT NULL,
    "waitingOrders" INTEGER NOT NULL,
    "backorderedVariants" INTEGER NOT NULL,
    "incomingUnits" INTEGER NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DailySnapshot_pkey" PRIMARY KEY ("shop","day")
);

-- CreateTable
CREATE TABLE "NotifiedOrder" (
    "shop" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotifiedOrder_pkey" PRIMARY KEY ("shop","variantId","orderId")
);

-- CreateIndex
CREATE INDEX "Session_shop_idx" ON "Session"("shop");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_shop_topic_idx" ON "WebhookDelivery"("shop", "topic");

-- CreateIndex
CREATE INDEX "Job_status_runAfter_idx" ON "Job"("status", "runAfter");

-- CreateIndex
CREATE INDEX "Job_shop_kind_idx" ON "Job"("shop", "kind");

-- CreateIndex
CREATE INDEX "TrackedVariant_shop_inventoryItemId_idx" ON "TrackedVariant"("shop", "inventoryItemId");

-- CreateIndex
CREATE INDEX "TrackedVariant_shop_status_idx" ON "TrackedVariant"("shop", "status");

-- CreateIndex
CREATE INDEX "TrackedVariant_shop_waitingUnits_idx" ON "TrackedVariant"("shop", "waitingUnits");

-- CreateIndex
CREATE INDEX "TrackedVariant_shop_waitingValue_idx" ON "TrackedVariant"("shop", "waitingValue");

-- CreateIndex
CREATE INDEX "TrackedVariant_shop_nextShipsOn_idx" ON "TrackedVariant"("shop", "nextShipsOn");

-- CreateIndex
CREATE INDEX "TrackedVariant_shop_oldestWaitingAt_idx" ON "TrackedVariant"("shop", "oldestWaitingAt");

-- CreateIndex
CREATE INDEX "TrackedVariant_shop_vendor_idx" ON "TrackedVariant"("shop", "vendor");

-- CreateIndex
CREATE INDEX "TrackedVariant_shop_productType_idx" ON "TrackedVariant"("shop", "productType");

-- CreateIndex
CREATE INDEX "VariantLevel_shop_locationId_idx" ON "VariantLevel"("shop", "locationId");

-- CreateIndex
CREATE INDEX "BackorderLine_shop_variantId_state_idx" ON "BackorderLine"("shop", "variantId", "state");

-- CreateIndex
CREATE INDEX "BackorderLine_shop_orderId_idx" ON "BackorderLine"("shop", "orderId");

-- CreateIndex
CREATE INDEX "BackorderLine_shop_state_idx" ON "BackorderLine"("shop", "state");

-- CreateIndex
CREATE INDEX "Activity_shop_at_idx" ON "Activity"("shop", "at");

