-- CreateTable
CREATE TABLE "NoticeOutbox" (
    "shop" TEXT NOT NULL,
    "lineItemId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "shipsOn" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "previousShipsOn" TEXT,
    "reason" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "NoticeOutbox_pkey" PRIMARY KEY ("shop","lineItemId","kind","shipsOn")
);

-- CreateTable
CREATE TABLE "NoticeTemplate" (
    "shop" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "subject" TEXT,
    "html" TEXT,
    "text" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NoticeTemplate_pkey" PRIMARY KEY ("shop","kind")
);

-- CreateIndex
CREATE INDEX "NoticeOutbox_shop_status_idx" ON "NoticeOutbox"("shop", "status");

