-- CreateTable
CREATE TABLE "FlowWorkflowState" (
    "shop" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FlowWorkflowState_pkey" PRIMARY KEY ("shop","handle")
);

