-- CreateTable
CREATE TABLE "FlowTrigger" (
    "eventKey" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "settledAt" TIMESTAMP(3),
    "lastError" TEXT,

    CONSTRAINT "FlowTrigger_pkey" PRIMARY KEY ("eventKey")
);

-- CreateIndex
CREATE INDEX "FlowTrigger_shop_settledAt_idx" ON "FlowTrigger"("shop", "settledAt");

