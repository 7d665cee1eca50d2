-- Whether each shop has an enabled Shopify Flow workflow per trigger, from Flow's lifecycle callbacks (newest wins).
CREATE TABLE "FlowWorkflowState" (
    "shop" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "changedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "handle")
);

