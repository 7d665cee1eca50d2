-- Customer notices: the outbox written with the engine's decision, one row per line, kind and date.
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME,

    PRIMARY KEY ("shop", "lineItemId", "kind", "shipsOn")
);

CREATE INDEX "NoticeOutbox_shop_status_idx" ON "NoticeOutbox"("shop", "status");

-- Each notice on or off, and the merchant's Liquid templates.
CREATE TABLE "NoticeTemplate" (
    "shop" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "subject" TEXT,
    "html" TEXT,
    "text" TEXT,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "kind")
);
