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
    "recordedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "day")
);

