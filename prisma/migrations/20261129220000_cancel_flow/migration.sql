-- Shopify Flow triggers the app owes Shopify, written with the change they announce (an outbox).
CREATE TABLE "FlowTrigger" (
    "eventKey" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "settledAt" DATETIME,
    "lastError" TEXT
);

CREATE INDEX "FlowTrigger_shop_settledAt_idx" ON "FlowTrigger"("shop", "settledAt");
