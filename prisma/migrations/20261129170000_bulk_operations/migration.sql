-- Bulk operations the app started on Shopify, and how each ended.
CREATE TABLE "BulkOperationRun" (
    "operationId" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "purpose" TEXT,
    "lines" INTEGER,
    "status" TEXT NOT NULL,
    "errorCode" TEXT,
    "objectCount" INTEGER NOT NULL DEFAULT 0,
    "url" TEXT,
    "partialDataUrl" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "resultsReadAt" DATETIME
);

CREATE INDEX "BulkOperationRun_shop_status_idx" ON "BulkOperationRun"("shop", "status");
